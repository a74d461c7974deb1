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

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED_CDC = path.resolve(REPO_ROOT, '..', 'shared', 'cdc');
export const OFFICIAL_XSD = path.join(SHARED_CDC, 'xsd', 'cdc-flux-1.1.2.xsd');
export const OFFICIAL_EXAMPLE = path.join(SHARED_CDC, 'examples', 'cdc-flux-1.1.2-example.xml');
