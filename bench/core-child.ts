import { createWriteStream, readFileSync, statSync, rmSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkWorkbook } from '../src/core/check/check';
import { prepareExport, validateExport, writePreparedFile } from '../src/core/export/export';
import { validateXml } from '../src/workers/node/validate-xml';
import { workbook } from '../test/support/workbook';
import { BENCH_PARAMETERS, generateRows } from './generate';
import { DICTIONARY } from '../test/support/dictionary';

/**
 * One benchmark size in its own process, so that peak memory (maxRSS) belongs to that job alone. Prints one
 * JSON line. Two jobs:
 * - `export`: what an export does (check and cut into files, write, XSD validation in parts on every core).
 *   Its maxRSS is the export's peak memory and nothing else.
 * - `compare`: the figures the export is compared with, in another process: the check alone, the XSD parts on
 *   one lane, xmllint-wasm on the whole file in one run, native `xmllint --stream`.
 * Every stage reports its wall time (ms) and the CPU time of the whole process during it (cpuMs, every thread:
 * main and workers), so that a run on a busy machine still says what the work cost.
 */

interface Stage {
  ms: number;
  cpuMs: number;
}

async function stage<T>(run: () => T | Promise<T>): Promise<{ value: T } & Stage> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

const NOW = new Date('2026-11-23T10:00:00Z');
const LANES = availableParallelism();

function benchData(count: number) {
  const rows = generateRows(count);
  // As in the CLI, only the workbook's rows stay in memory, not a second copy of them.
  return workbook(rows.passages, { parameters: BENCH_PARAMETERS, digcomp: rows.digcomp });
}

const mb = (bytes: number) => bytes / 2 ** 20;

/**
 * Where the export's memory is, for the bench's reason when the peak misses its target: resident memory after
 * each stage (garbage included: no forced GC, the export does not force one either), and the highest resident
 * memory sampled while the parts are validated (timers run then: the validation awaits its workers).
 */
function memoryAt(): { rssMb: number; arrayBuffersMb: number } {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), arrayBuffersMb: mb(m.arrayBuffers) };
}

async function exportJob(count: number): Promise<Record<string, unknown>> {
  const atStart = memoryAt();
  const data = benchData(count);
  const afterData = memoryAt();
  const load = loadavg()[0];
  // Check (normalize, every cell and rule), group by certification, serialize once and cut into files.
  const prepare = await stage(() => prepareExport(data, { dictionary: DICTIONARY, now: NOW, today: NOW }));
  const preparation = prepare.value;
  if (!preparation.ok) throw new Error(`bench data refused: ${preparation.check.issues[0]?.message}`);
  const { prepared } = preparation;
  const afterPrepare = memoryAt();

  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  // Written the way the CLI writes it: the bytes of each file, streamed.
  const write = await stage(async () => {
    let bytes = 0;
    for (const [i] of prepared.parts.entries()) {
      const stream = createWriteStream(path.join(dir, `flux-${i + 1}.xml`));
      for (const chunk of writePreparedFile(prepared, DICTIONARY, i)) {
        bytes += chunk.byteLength;
        if (!stream.write(chunk)) await once(stream, 'drain');
      }
      stream.end();
      await once(stream, 'finish');
    }
    return bytes;
  });
  rmSync(dir, { recursive: true, force: true });

  // The export's own validation: parts on every core.
  let validationPeakMb = memoryAt().rssMb;
  const sampler = setInterval(() => {
    validationPeakMb = Math.max(validationPeakMb, memoryAt().rssMb);
  }, 20);
  const parts = await stage(() =>
    validateExport(data, prepared, validateXml, {
      dictionary: DICTIONARY,
      validation: { concurrency: LANES },
    }),
  );
  clearInterval(sampler);
  if (!parts.value.valid) throw new Error(`bench XML invalid: ${parts.value.errors[0]?.message}`);
  return {
    passages: count,
    files: prepared.parts.length,
    filesBytes: write.value,
    lanes: LANES,
    checkMs: prepare.ms,
    checkCpuMs: prepare.cpuMs,
    buildMs: write.ms,
    buildCpuMs: write.cpuMs,
    partsMs: parts.ms,
    partsCpuMs: parts.cpuMs,
    exportMs: prepare.ms + write.ms + parts.ms,
    exportCpuMs: prepare.cpuMs + write.cpuMs + parts.cpuMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    memory: {
      startRssMb: atStart.rssMb,
      dataRssMb: afterData.rssMb,
      preparedRssMb: afterPrepare.rssMb,
      encodedMb: afterPrepare.arrayBuffersMb - afterData.arrayBuffersMb,
      validationPeakRssMb: validationPeakMb,
    },
    loadavg: [load, loadavg()[0]],
  };
}

async function compareJob(count: number, skipWhole: boolean): Promise<Record<string, unknown>> {
  const xsdPath = path.resolve(__dirname, '../../../xsd/accrochage-cdc-1.1.2.xsd');
  const data = benchData(count);
  const load = loadavg()[0];
  const check = await stage(() => checkWorkbook(data, { dictionary: DICTIONARY, today: NOW }));
  // One file (no 200 Mo cut): parts validate the whole flux either way; wasm and native get one document.
  const preparation = prepareExport(data, {
    dictionary: DICTIONARY,
    now: NOW,
    today: NOW,
    maxBytesPerFile: Number.MAX_SAFE_INTEGER,
  });
  if (!preparation.ok) throw new Error('bench data refused');
  const { prepared } = preparation;

  // The pool's workers started and its module compiled, so that neither lane count pays for it.
  await Promise.all(
    Array.from({ length: LANES }, () => validateXml('<warm-up/>', { dictionary: DICTIONARY })),
  );
  const oneLane = await stage(() =>
    validateExport(data, prepared, validateXml, { dictionary: DICTIONARY, validation: { concurrency: 1 } }),
  );
  const lanes = await stage(() =>
    validateExport(data, prepared, validateXml, {
      dictionary: DICTIONARY,
      validation: { concurrency: LANES },
    }),
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  const file = path.join(dir, 'flux.xml');
  const stream = createWriteStream(file);
  for (const chunk of writePreparedFile(prepared, DICTIONARY, 0)) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  const bytes = statSync(file).size;

  let whole: Stage = { ms: Number.NaN, cpuMs: Number.NaN };
  if (!skipWhole) {
    const run = await stage(() => validateXml(readFileSync(file), { dictionary: DICTIONARY }));
    if (!run.value.valid) throw new Error(`bench XML invalid: ${run.value.errors[0]?.message}`);
    whole = run;
  }

  const native = await stage(() =>
    spawnSync('/usr/bin/time', ['-f', '%U %S', 'xmllint', '--noout', '--stream', '--schema', xsdPath, file], {
      encoding: 'utf8',
    }),
  );
  if (native.value.status !== 0) throw new Error(`native xmllint: ${native.value.stderr.slice(0, 300)}`);
  const [user, system] = native.value.stderr.trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  rmSync(dir, { recursive: true, force: true });
  return {
    passages: count,
    bytes,
    checkOnlyMs: check.ms,
    checkOnlyCpuMs: check.cpuMs,
    checkUsPerRow: (check.ms * 1000) / count,
    parts1Ms: oneLane.ms,
    parts1CpuMs: oneLane.cpuMs,
    partsNMs: lanes.ms,
    partsNCpuMs: lanes.cpuMs,
    lanes: LANES,
    wasmMs: whole.ms,
    wasmCpuMs: whole.cpuMs,
    nativeMs: native.ms,
    nativeCpuMs: (user + system) * 1000,
    loadavg: [load, loadavg()[0]],
  };
}

async function main(): Promise<void> {
  const [job, count, option] = process.argv.slice(2);
  const result =
    job === 'export'
      ? await exportJob(Number(count))
      : await compareJob(Number(count), option === '--skip-whole');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
