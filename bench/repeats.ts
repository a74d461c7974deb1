import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { RowsVariant } from './generate';

/**
 * Rows that repeat what should be unique (issue 18): `accrochage check` and `accrochage export` of a workbook
 * whose rows all share one idTechnique, or are all the same person, against the same number of distinct rows.
 * Each run is its own process (time and peak memory are its own), stopped after REPEAT_LIMIT × the time of
 * the distinct rows: past that it has failed anyway. Targets: at most 2× the time, and the memory of distinct
 * rows (+10 % for the noise of a garbage-collected heap).
 */

const ROOT = path.resolve(__dirname, '../../..');
const BUILD = path.resolve(__dirname);
const REPEAT_LIMIT = 5;
const VARIANTS = ['distinct', 'sameId', 'samePerson'] as const;
const COMMANDS = ['check', 'export'] as const;

export interface TimedRun {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly status: number | null;
  /** Seconds after which the run was to be killed. */
  readonly limitS: number;
}

export interface RepeatsResult {
  readonly lines: string[];
  readonly targets: { what: string; value: string; target: string; ok: boolean }[];
  readonly raw: Record<string, Record<string, TimedRun>>;
}

/** `accrochage <args>`, output discarded, killed after `limitS` seconds; wall time and peak memory. */
export function timeCli(args: readonly string[], limitS: number): TimedRun {
  const start = process.hrtime.bigint();
  const cli = path.join(ROOT, 'bin/accrochage.js');
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', 'timeout', '-s', 'KILL', String(limitS), process.execPath, cli, ...args],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const kb = Number(run.stderr.trim().split('\n').at(-1));
  return { ms, maxRssMb: kb / 1024, status: run.status, limitS };
}

/** Writes the bench workbook of `rows` passages in `variant` (bench/cli-child.ts, its own process). */
export function writeVariant(file: string, rows: number, variant: RowsVariant): void {
  execFileSync(process.execPath, [path.join(BUILD, 'cli-child.js'), 'write', file, String(rows), variant], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const LABELS: Record<RowsVariant, string> = {
  distinct: 'distinctes',
  sameId: 'même identifiant',
  samePerson: 'même personne',
};

/** check, then export: 1 (errors, export refused) is a finished run like 0. */
const finished = (run: TimedRun) => run.status === 0 || run.status === 1;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const shown = (run: TimedRun) =>
  finished(run) ? `${s(run.ms)}, ${run.maxRssMb.toFixed(0)} Mo` : `arrêté après ${run.limitS} s`;

/**
 * Measures check and export of `rows` distinct rows and of the repeated variants, in `dir`. `distinctFile`: an
 * already written workbook of distinct rows, reused.
 */
export function runRepeatsBench(rows: number, dir: string, distinctFile?: string): RepeatsResult {
  const files: Record<RowsVariant, string> = {
    distinct: distinctFile ?? path.join(dir, `repeats-distinct-${rows}.xlsx`),
    sameId: path.join(dir, `repeats-sameId-${rows}.xlsx`),
    samePerson: path.join(dir, `repeats-samePerson-${rows}.xlsx`),
  };
  for (const variant of VARIANTS) {
    if (variant === 'distinct' && distinctFile !== undefined) continue;
    process.stderr.write(`classeur de ${rows} lignes (${LABELS[variant]})…\n`);
    writeVariant(files[variant], rows, variant);
  }
  const raw: Record<string, Record<string, TimedRun>> = {};
  for (const command of COMMANDS) {
    raw[command] = {};
    for (const variant of VARIANTS) {
      process.stderr.write(`accrochage ${command}, ${rows} lignes (${LABELS[variant]})…\n`);
      const distinct = raw[command].distinct;
      const limit = distinct ? Math.max(60, Math.ceil((REPEAT_LIMIT * distinct.ms) / 1000)) : 1800;
      const args =
        command === 'check'
          ? ['check', files[variant]]
          : ['export', files[variant], '-o', path.join(dir, `repeats-${variant}.xml`)];
      raw[command][variant] = timeCli(args, limit);
    }
  }

  const n = rows.toLocaleString('fr-FR');
  const lines = [
    `Lignes répétées, ${n} lignes (\`accrochage check\` ; \`accrochage export\`) : ` +
      VARIANTS.map((v) => `${LABELS[v]} ${shown(raw.check[v])} ; ${shown(raw.export[v])}`).join(' — ') +
      '.',
  ];
  const targets = COMMANDS.flatMap((command) =>
    (['sameId', 'samePerson'] as const).flatMap((variant) => {
      const run = raw[command][variant];
      const base = raw[command].distinct;
      return [
        {
          what: `${command}, ${n} lignes (${LABELS[variant]}) : temps vs lignes distinctes`,
          value: finished(run) ? `${(run.ms / base.ms).toFixed(2)}×` : `arrêté après ${run.limitS} s`,
          target: '≤ 2×',
          ok: finished(run) && finished(base) && run.ms <= 2 * base.ms,
        },
        {
          what: `${command}, ${n} lignes (${LABELS[variant]}) : mémoire max`,
          value: `${run.maxRssMb.toFixed(0)} Mo${finished(run) ? '' : ' (arrêté)'}`,
          target: `≤ ${base.maxRssMb.toFixed(0)} Mo (+10 %)`,
          ok: finished(run) && run.maxRssMb <= 1.1 * base.maxRssMb,
        },
      ];
    }),
  );
  return { lines, targets, raw };
}
