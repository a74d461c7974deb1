import { readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What a command leaves behind if it stops half-way: partial outputs beside their targets and temporary files
 * that may hold personal data (the rows an import spills to disk). Every such path is registered here while it
 * exists; `finally` blocks remove them on errors, and the signal handlers installed by the CLI remove them on
 * Ctrl-C (SIGINT) or SIGTERM before the process exits. A `kill -9` cannot be caught: it may leave a partial
 * file, never a file under its final name (outputs are renamed only once complete and verified), and the next
 * run removes the private temporary folders of runs that no longer exist.
 */

const pending = new Set<string>();
const completed: string[] = [];

/** Registers a partial file or a temporary folder to remove if the command is interrupted. */
export function removeOnInterruption(file: string): void {
  pending.add(file);
}

/** The file or folder is gone or has become a real output: nothing to remove any more. */
export function keepOnInterruption(file: string): void {
  pending.delete(file);
}

/** An output now complete under its final name, named by the interruption message. */
export function recordCompletedOutput(file: string): void {
  completed.push(file);
}

export function completedOutputs(): readonly string[] {
  return completed;
}

/** Removes every registered path now (synchronously: it runs from a signal handler, just before exiting). */
export function removePendingFiles(): string[] {
  const removed: string[] = [];
  for (const file of pending) {
    try {
      rmSync(file, { recursive: true, force: true });
      removed.push(file);
    } catch {
      // Best effort: the message names what could not be removed.
    }
  }
  pending.clear();
  return removed;
}

/** Test hook: forget every registration (each CLI test starts clean). */
export function resetInterruptionState(): void {
  pending.clear();
  completed.length = 0;
}

const RUN_PREFIX = 'accrochage-';
const RUN_PATTERN = /^accrochage-(\d+)-[A-Za-z0-9]{6}$/;

/**
 * A private temporary folder (mode 0700) for one process, registered for removal, with `run` as the place for
 * whatever the command spills. Removed after `run`, whatever happens.
 */
export async function withPrivateTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await createPrivateTempDir();
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    keepOnInterruption(dir);
  }
}

export async function createPrivateTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `${RUN_PREFIX}${process.pid}-`));
  removeOnInterruption(dir);
  return dir;
}

/**
 * Removes the private temporary folders left by runs killed with `kill -9` (or a power cut): those whose
 * process no longer exists. A folder whose process still runs, or that belongs to another user, is left alone.
 */
export function removeAbandonedTempDirs(root = tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const match = RUN_PATTERN.exec(name);
    if (!match || Number(match[1]) === process.pid || processExists(Number(match[1]))) continue;
    try {
      rmSync(path.join(root, name), { recursive: true, force: true });
    } catch {
      // Not ours to remove.
    }
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
