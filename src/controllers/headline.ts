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
  /** Errors: the export is refused while one remains. */
  readonly blocking: number;
  /** Warnings: the export goes through, but each one deserves a look. */
  readonly toReview: number;
  readonly passages: number;
  readonly certifications: number;
}

/** The verdict of a check of the whole workbook. */
export function headlineOf(check: CheckResult): Headline {
  const { errors, warnings, passages, certifications } = check.summary;
  const verdict: Verdict = errors > 0 ? 'blocked' : warnings > 0 ? 'readyWithPoints' : 'ready';
  return { verdict, blocking: errors, toReview: warnings, passages, certifications };
}
