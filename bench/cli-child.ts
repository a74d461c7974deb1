import type { RowsVariant } from './generate';
import { readWithExcelJsOnly, writeBenchWorkbook } from './xlsx-fixture';

/**
 * `node cli-child.js write <file> <count> [variant]`, `node cli-child.js write-tracked <file> <count>` (with the
 * round-trip columns and the history sheet, as the template has them) or `node cli-child.js read <file>`: one job
 * per process.
 */
async function main(): Promise<void> {
  const [command, file, count, variant] = process.argv.slice(2);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  if (command === 'write')
    await writeBenchWorkbook(file, Number(count), (variant ?? 'distinct') as RowsVariant);
  else if (command === 'write-tracked')
    await writeBenchWorkbook(file, Number(count), 'distinct', { tracking: true });
  else await readWithExcelJsOnly(file);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
