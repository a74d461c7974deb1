import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { passage, PARAMETERS } from './corpus';
import { REPO_ROOT } from './cli';
import { DICTIONARY } from './dictionary';

/**
 * The real `accrochage` in its own process (bin/accrochage.js on dist/, built by `npm test` before jest), for
 * what only a process shows: signals, two processes racing for one file, what a `kill -9` leaves.
 */

const BIN = path.join(REPO_ROOT, 'bin', 'accrochage.js');

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function startCli(
  args: readonly string[],
  options: { cwd: string; tmp?: string },
): {
  child: ChildProcess;
  done: Promise<CliRun>;
} {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build:cli` first (npm test does).');
  const env = { ...process.env };
  if (options.tmp) for (const v of ['TMPDIR', 'TMP', 'TEMP']) env[v] = options.tmp;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runCli(args: readonly string[], options: { cwd: string; tmp?: string }): Promise<CliRun> {
  return startCli(args, options).done;
}

/** Every file under `dir`, recursively, relative to it. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full).map((f) => path.join(name, f)));
    else out.push(name);
  }
  return out;
}

/** Resolves once `found` returns true (polled every 10 ms), or rejects after `ms`. */
export async function waitFor(found: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!found()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** "A", "B"… "AA": letters only, so names stay plain names. */
function letters(n: number): string {
  let s = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** A filled template of `count` valid passages, each a different person with its own idTechnique. */
export async function writeManyPassages(file: string, count: number, prefix = 'P'): Promise<void> {
  const passages: Record<string, ExcelJS.CellValue>[] = [];
  for (let i = 0; i < count; i++)
    passages.push(passage({ '5.1': `${prefix}-${i + 1}`, '8.1': `Nom${letters(i).toLowerCase()}` }));
  await createTemplateWorkbook(DICTIONARY, { parameters: PARAMETERS, passages }).xlsx.writeFile(file);
}
