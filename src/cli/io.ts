/** Where the CLI writes: injectable so tests can capture output without spawning a process. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Progress on stderr for large files; silent when stderr is not a terminal in tests. */
  progress(line: string): void;
}

export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Exit codes, documented in the README and `accrochage --help`. 1 and 2 always mean that no file was written;
 * 3 and 4 that some were, and the message names them.
 */
export const EXIT = {
  /** Done: everything asked for is written, nothing to correct. */
  ok: 0,
  /** Problems found (errors in cells, an invalid XML, a refused upgrade): nothing written. */
  problems: 1,
  /** A file that cannot be used, or an output refused: nothing written. */
  unusable: 2,
  /** Partial: the XML files are written and valid, the tracking copy is not. */
  partial: 3,
  /** Written, with something left to handle: passages rejected by the CDC, rows or cells to correct. */
  writtenWithProblems: 4,
  /** Interrupted by Ctrl-C (SIGINT); 143 for SIGTERM. Partial and temporary files removed. */
  interrupted: 130,
} as const;
