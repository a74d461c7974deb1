import type { RowsVariant } from './generate';
import { readWithExcelJsOnly, writeBenchWorkbook } from './xlsx-fixture';

/** `node cli-child.js write <file> <count> [variant]` or `node cli-child.js read <file>`: one job per process. */
async function main(): Promise<void> {
  const [command, file, count, variant] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  if (command === 'write')
    await writeBenchWorkbook(file, Number(count), (variant ?? 'distinct') as RowsVariant);
  else await readWithExcelJsOnly(file);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
