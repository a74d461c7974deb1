import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runExcelBench, type ExcelBenchResult } from './excel-bench';
import { runRepeatsBench } from './repeats';

/**
 * `npm run bench`: one run, same generated data, every figure the scale issue asks for, each compared with
 * its target. Every measurement runs in its own process so that peak memory belongs to it alone.
 * Prints a table, writes bench/results/latest.json and the figures in the README.
 * `BENCH_ONLY=repeats npm run bench`: only check and export of repeated rows against distinct rows (repeats.ts),
 * at the largest of BENCH_SIZES; prints its table and writes bench/results/repeats.json, README untouched.
 */

const ROOT = path.resolve(__dirname, '../../..');
const BUILD = path.resolve(__dirname);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);

interface CoreResult {
  passages: number;
  bytes: number;
  checkMs: number;
  buildMs: number;
  partsMs: number;
  wasmMs: number;
  nativeMs: number;
  exportMs: number;
  maxRssMb: number;
}

function node(script: string, args: string[]): string {
  return execFileSync(process.execPath, [path.join(BUILD, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function timeCommand(
  command: string,
  args: string[],
): { ms: number; maxRssMb: number; status: number | null } {
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const kb = Number(run.stderr.trim().split('\n').at(-1));
  if (run.status !== 0) process.stderr.write(run.stdout + run.stderr);
  return { ms, maxRssMb: kb / 1024, status: run.status };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'OK' : 'MANQUÉ');

const table = (targets: readonly { what: string; value: string; target: string; ok: boolean }[]) => [
  '| mesure | valeur | cible | verdict |',
  '|---|---:|---:|---|',
  ...targets.map((t) => `| ${t.what} | ${t.value} | ${t.target} | ${verdict(t.ok)} |`),
];

const machine = () =>
  `Machine : ${os.cpus().length} cœurs ${os.cpus()[0]?.model ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(0)} Gio, Node ${process.version}`;

/** BENCH_ONLY=repeats: the repeated-rows part alone. */
function repeatsOnly(): void {
  const started = new Date();
  const rows = Math.max(...SIZES);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accrochage-bench-'));
  try {
    const repeats = runRepeatsBench(rows, dir);
    const lines = [machine(), '', ...repeats.lines, '', ...table(repeats.targets)];
    process.stdout.write(`${lines.join('\n')}\n`);
    const resultsDir = path.join(ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      path.join(resultsDir, 'repeats.json'),
      `${JSON.stringify({ started: started.toISOString(), machine: lines[0], rows, ...repeats }, null, 2)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'repeats') return repeatsOnly();
  const started = new Date();
  const core: CoreResult[] = [];
  for (const size of SIZES) {
    process.stderr.write(`export du cœur : ${size} passages…\n`);
    core.push(JSON.parse(node('core-child.js', [String(size)])) as CoreResult);
  }

  const largest = Math.max(...SIZES);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accrochage-bench-'));
  const xlsx = path.join(dir, `passages-${largest}.xlsx`);
  process.stderr.write(`classeur de ${largest} lignes…\n`);
  node('cli-child.js', ['write', xlsx, String(largest)]);
  process.stderr.write('lecture exceljs seule…\n');
  const readOnly = JSON.parse(node('cli-child.js', ['read', xlsx])) as { ms: number; maxRssMb: number };
  process.stderr.write('accrochage export…\n');
  const cli = timeCommand(process.execPath, [
    path.join(ROOT, 'bin/accrochage.js'),
    'export',
    xlsx,
    '-o',
    path.join(dir, 'out.xml'),
  ]);
  // Repeats (issue 18): every row sharing one idTechnique, or one person, must be checked and exported in about
  // the time and memory of distinct rows.
  const repeats = runRepeatsBench(largest, dir, xlsx);
  rmSync(dir, { recursive: true, force: true });

  process.stderr.write('complément sur le faux Excel…\n');
  const excel: ExcelBenchResult = await runExcelBench();

  const big = core.find((c) => c.passages === largest) as CoreResult;
  const targets = [
    {
      what: `export du cœur, ${largest} passages, vs xmllint --stream natif`,
      value: ratio(big.exportMs, big.nativeMs),
      target: '≤ 3×',
      ok: big.exportMs <= 3 * big.nativeMs,
    },
    {
      what: `mémoire maximale, ${largest} passages`,
      value: `${big.maxRssMb.toFixed(0)} Mo`,
      target: '< 1 024 Mo',
      ok: big.maxRssMb < 1024,
    },
    {
      what: 'xmllint-wasm (fichier entier) vs natif',
      value: ratio(big.wasmMs, big.nativeMs),
      target: '≤ 1,5×',
      ok: big.wasmMs <= 1.5 * big.nativeMs,
    },
    {
      what: 'validation XSD de l’export (parties en parallèle) vs natif',
      value: ratio(big.partsMs, big.nativeMs),
      target: '≤ 1,5×',
      ok: big.partsMs <= 1.5 * big.nativeMs,
    },
    {
      what: `CLI export d'un .xlsx de ${largest} lignes vs lecture exceljs seule`,
      value: ratio(cli.ms, readOnly.ms),
      target: '≤ 2×',
      ok: cli.status === 0 && cli.ms <= 2 * readOnly.ms,
    },
    ...repeats.targets,
    ...excel.targets,
  ];

  const lines = [
    machine(),
    '',
    '| passages | XML | vérification | construction XML | XSD (parties, wasm) | XSD wasm fichier entier | xmllint natif --stream | export total | mémoire max |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...core.map(
      (c) =>
        `| ${c.passages.toLocaleString('fr-FR')} | ${(c.bytes / 1e6).toFixed(1)} Mo | ${s(c.checkMs)} | ${s(c.buildMs)} | ${s(c.partsMs)} | ${s(c.wasmMs)} | ${s(c.nativeMs)} | ${s(c.exportMs)} | ${c.maxRssMb.toFixed(0)} Mo |`,
    ),
    '',
    `CLI : lecture exceljs seule ${s(readOnly.ms)} ; \`accrochage export\` ${s(cli.ms)} (mémoire max ${cli.maxRssMb.toFixed(0)} Mo).`,
    ...repeats.lines,
    ...excel.lines,
    '',
    ...table(targets),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  // The README shows the latest figures with the machine they were measured on.
  const readme = path.join(ROOT, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('<!-- bench:start -->');
  const end = text.indexOf('<!-- bench:end -->');
  if (start >= 0 && end > start) {
    const measured = `Mesuré le ${started.toISOString().slice(0, 10)}. ${lines[0]}.`;
    const block = ['<!-- bench:start -->', measured, ...lines.slice(1), '<!-- bench:end -->'].join('\n');
    writeFileSync(readme, text.slice(0, start) + block + text.slice(end + '<!-- bench:end -->'.length));
  }

  const resultsDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, 'latest.json'),
    `${JSON.stringify({ started: started.toISOString(), machine: lines[0], core, cli: { readOnly, export: cli }, repeats: repeats.raw, excel: excel.raw, targets }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
