import { createWriteStream, readFileSync, statSync, rmSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { prepareExport, validateExport, writePreparedChunks } from '../src/core/export/export';
import { validateXml } from '../src/workers/node/validate-xml';
import { workbook } from '../test/support/workbook';
import { BENCH_PARAMETERS, generateRows } from './generate';
import { DICTIONARY } from '../test/support/dictionary';

/**
 * One benchmark size in its own process, so that peak memory (maxRSS) belongs to that size alone.
 * Prints one JSON line.
 */

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const count = Number(process.argv[2]);
  const xsdPath = path.resolve(__dirname, '../../../xsd/accrochage-cdc-1.1.2.xsd');
  let rows: ReturnType<typeof generateRows> | undefined = generateRows(count);
  const data = workbook(rows.passages, { parameters: BENCH_PARAMETERS, digcomp: rows.digcomp });
  // As in the CLI, only the workbook's rows stay in memory, not a second copy of them.
  rows = undefined;
  const now = new Date('2026-11-23T10:00:00Z');
  const today = now;

  // Check (normalize + validate every cell and rule), then group by certification and size the files.
  let t = process.hrtime.bigint();
  const preparation = prepareExport(data, { dictionary: DICTIONARY, now, today });
  const checkMs = ms(t);
  if (!preparation.ok) throw new Error(`bench data refused: ${preparation.check.issues[0]?.message}`);

  t = process.hrtime.bigint();
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  const file = path.join(dir, 'flux.xml');
  // Written the way the CLI writes it: a stream of chunks, no whole-document string.
  const stream = createWriteStream(file, { encoding: 'utf8' });
  for (const chunk of writePreparedChunks(preparation.prepared, DICTIONARY)) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  const buildMs = ms(t);
  const bytes = statSync(file).size;

  // The export's own validation: parts on both cores.
  t = process.hrtime.bigint();
  const report = await validateExport(data, preparation.prepared, validateXml, {
    dictionary: DICTIONARY,
    validation: { concurrency: 2 },
  });
  const partsMs = ms(t);
  if (!report.valid) throw new Error(`bench XML invalid: ${report.errors[0]?.message}`);

  // The same file in one xmllint-wasm run, for the wasm/native ratio.
  let wasmMs = Number.NaN;
  if (process.argv[3] !== '--skip-whole') {
    t = process.hrtime.bigint();
    const whole = await validateXml(readFileSync(file), { dictionary: DICTIONARY });
    wasmMs = ms(t);
    if (!whole.valid) throw new Error(`bench XML invalid: ${whole.errors[0]?.message}`);
  }

  t = process.hrtime.bigint();
  const native = spawnSync('xmllint', ['--noout', '--stream', '--schema', xsdPath, file], {
    encoding: 'utf8',
  });
  const nativeMs = ms(t);
  if (native.status !== 0) throw new Error(`native xmllint: ${native.stderr.slice(0, 300)}`);
  rmSync(dir, { recursive: true, force: true });

  process.stdout.write(
    `${JSON.stringify({
      passages: count,
      bytes,
      checkMs,
      buildMs,
      wasmMs,
      nativeMs,
      partsMs,
      exportMs: checkMs + buildMs + partsMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
