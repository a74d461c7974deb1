import fc from 'fast-check';

/**
 * The fuzz budget and how a failure is reported. CI runs a fixed number of generated cases (FUZZ_RUNS,
 * default 12 000 for the whole suite) with a fresh seed each run; a failure prints the seed and the path,
 * and `FUZZ_SEED=<seed> FUZZ_PATH=<path>` replays exactly that case.
 */

/** Total generated cases for the suite; each property takes its share. */
export const FUZZ_TOTAL = positiveInt(process.env.FUZZ_RUNS) ?? 12_000;

/** Shares of the budget, summing to 1. */
export const SHARES = {
  workbooks: 0.3,
  singleCells: 0.45,
  officialExample: 0.15,
  xmlSafety: 0.1,
} as const;

export function casesFor(share: keyof typeof SHARES): number {
  return Math.max(1, Math.round(FUZZ_TOTAL * SHARES[share]));
}

function positiveInt(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

export const FUZZ_SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : randomSeed();

function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/**
 * Parameters for fc.assert: the seed, `numRuns` batches, no shrinking of a batch (each failure message
 * already names the one case that failed), and a reporter that prints how to replay it.
 */
export function fuzzParameters<T>(numRuns: number, label: string): fc.Parameters<T> {
  const path = process.env.FUZZ_PATH;
  return {
    seed: FUZZ_SEED,
    numRuns,
    endOnFailure: true,
    ...(path ? { path } : {}),
    reporter: (details) => {
      if (!details.failed) return;
      const cause =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      throw new Error(
        `${label}: failed after ${details.numRuns} batch(es) — replay with FUZZ_SEED=${details.seed} ` +
          `FUZZ_PATH=${details.counterexamplePath ?? ''}\n${cause}`,
      );
    },
  };
}

/** Splits `cases` into batches of at most `size` (one xmllint run per batch). */
export function batches(cases: number, size: number): { numRuns: number; size: number } {
  const numRuns = Math.max(1, Math.ceil(cases / size));
  return { numRuns, size: Math.ceil(cases / numRuns) };
}
