import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIO } from '../../src/cli/io';

/** Captures what a CLI command prints. */
export function captureIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    progress: (line) => stderr.push(line),
  };
}

export function tempDir(prefix = 'accrochage-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export { REPO_ROOT, SHARED_CDC, OFFICIAL_XSD, OFFICIAL_EXAMPLE } from './paths';
