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

export const EXIT = { ok: 0, problems: 1, unusable: 2 } as const;
