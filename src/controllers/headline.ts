import type { CheckResult } from '../core/check/check';

/**
 * The verdict the pane shows first, about the workbook as it is (never about the last export): « Prêt »,
 * « Prêt, avec des points à vérifier » or « Bloqué : N erreurs », with the workbook's totals. Whatever blocks the
 * file counts in `blocking`; whatever deserves a look without blocking counts in `toReview`. A new category (rows
 * the CDC rejected, say) adds to one of them and to the details, and the verdict stays true of the workbook.
 */

export type Verdict = 'ready' | 'readyWithPoints' | 'blocked';

export interface Headline {
  readonly verdict: Verdict;
  /** Errors, and rows the CDC rejected that are not corrected yet: nothing is « prêt » while one remains. */
  readonly blocking: number;
  /** Of `blocking`: rows rejected by the CDC and not corrected since. */
  readonly rejected: number;
  /** Warnings: the export goes through, but each one deserves a look. */
  readonly toReview: number;
  readonly passages: number;
  readonly certifications: number;
}

/** The verdict of a check of the whole workbook. */
export function headlineOf(check: CheckResult): Headline {
  const { errors, warnings, passages, certifications } = check.summary;
  const rejected = check.summary.rejected ?? 0;
  const blocking = errors + rejected;
  const verdict: Verdict = blocking > 0 ? 'blocked' : warnings > 0 ? 'readyWithPoints' : 'ready';
  // A rejected row's own problems are warnings (the rest of the file may go): not counted twice.
  const rejectionIssues = check.issues.filter(
    (i) => i.code === 'rejectedByCdc' || i.code === 'unchangedSinceRejection',
  ).length;
  return { verdict, blocking, rejected, toReview: warnings - rejectionIssues, passages, certifications };
}
