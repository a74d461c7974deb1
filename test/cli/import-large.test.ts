import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { OFFICIAL_EXAMPLE, REPO_ROOT, tempDir } from '../support/cli';

/**
 * Imports a ~150 MB CDC file (the official example's passages repeated with unique ids) with the real CLI code in
 * a child process, and reports its time and peak memory. Slow (about a minute), so only with IMPORT_LARGE=1:
 *   IMPORT_LARGE=1 npx jest test/cli/import-large.test.ts
 */

const enabled = process.env.IMPORT_LARGE === '1';
const TARGET_BYTES = Number(process.env.IMPORT_LARGE_MB ?? 150) * 1e6;

async function writeLargeFlux(file: string): Promise<number> {
  const example = readFileSync(OFFICIAL_EXAMPLE, 'utf8');
  const open = '<cpf:passageCertifications>';
  const close = '</cpf:passageCertifications>';
  const head = example.slice(0, example.indexOf(open) + open.length);
  const tail = example.slice(example.indexOf(close));
  const passages = example.slice(head.length, example.indexOf(close));
  const out = createWriteStream(file);
  out.write(head);
  let written = head.length + tail.length;
  let count = 0;
  while (written < TARGET_BYTES) {
    const block = passages.replace(
      /<cpf:idTechnique>[^<]*<\/cpf:idTechnique>/g,
      () => `<cpf:idTechnique>P-${++count}</cpf:idTechnique>`,
    );
    if (!out.write(block)) await once(out, 'drain');
    written += Buffer.byteLength(block);
  }
  out.end(tail);
  await once(out, 'finish');
  return count;
}

(enabled ? describe : describe.skip)('importing a 150 MB file', () => {
  it('streams it with bounded memory', async () => {
    const dir = tempDir('accrochage-large-');
    const xml = path.join(dir, 'large.xml');
    const passages = await writeLargeFlux(xml);
    // The CLI code compiled on its own, run in a fresh process so its peak memory is the import's alone.
    const build = path.join(dir, 'build');
    spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', build], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
    });
    const script = `
      const { importCommand } = require(${JSON.stringify(path.join(build, 'cli/commands-import.js'))});
      const io = { out: () => {}, err: (l) => process.stderr.write(l + '\\n'), progress: () => {} };
      const start = process.hrtime.bigint();
      importCommand(io, ${JSON.stringify(xml)}, { output: ${JSON.stringify(path.join(dir, 'large.xlsx'))} }).then((code) => {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        process.stdout.write(JSON.stringify({ code, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
      });`;
    const child = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      // The build sits outside the repository: let it find the repository's dependencies.
      env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    });
    if (!child.stdout) throw new Error(`import failed: ${child.stderr}`);
    const measured = JSON.parse(child.stdout) as { code: number; seconds: number; maxRssMb: number };
    const megabytes = statSync(xml).size / 1e6;
    process.stdout.write(
      `Import of ${megabytes.toFixed(0)} MB (${passages} passages): ${measured.seconds.toFixed(1)} s, ` +
        `peak RSS ${measured.maxRssMb.toFixed(0)} MB, exit code ${measured.code}\n`,
    );
    expect(measured.code).not.toBe(2);
    expect(statSync(path.join(dir, 'large.xlsx')).size).toBeGreaterThan(passages * 50);
    // Bounded: far below the file size even though every passage went through the import.
    expect(measured.maxRssMb).toBeLessThan(400);
  }, 600_000);
});
