import type { CheckSummary } from '../core/check/check';
import { DUE_SOON_DAYS, type PassageDeadline } from '../core/check/deadlines';
import type { ReadinessSummary } from '../core/check/readiness';
import { frenchDate } from '../core/check/normalize';
import type { Issue } from '../core/model/types';
import { cliText, plural } from '../i18n/cli';

/** Text the CLI prints: French, one line per problem, summary last. */

/**
 * The documented JSON shape of a problem (README): its location and text stay joined in `message`; `group` only
 * on the rows of a group that repeat each other (the same key on each of them).
 */
export function issueAsJson({ sheet, cell, row, field, tag, severity, code, message, group }: Issue): object {
  return { sheet, cell, row, field, tag, severity, code, message, ...(group === undefined ? {} : { group }) };
}

export function formatIssue(issue: Issue): string {
  return `${issue.severity === 'error' ? 'ERREUR' : 'ATTENTION'} ${issue.message}`;
}

export { plural };

/** After the first problems listed: how many more, and how to see them all. */
export function formatOmitted(omitted: { errors: number; warnings: number }): string {
  const kinds = [
    omitted.errors > 0 ? plural(omitted.errors, 'erreur') : '',
    omitted.warnings > 0 ? plural(omitted.warnings, 'avertissement') : '',
  ].filter(Boolean);
  return cliText.omittedProblems(
    plural(omitted.errors + omitted.warnings, 'autre problème', 'autres problèmes'),
    kinds.join(', '),
  );
}

export function formatSummary(summary: CheckSummary): string {
  return (
    `${plural(summary.errors, 'erreur')}, ${plural(summary.warnings, 'avertissement')} ` +
    `sur ${plural(summary.passages, 'passage')} (${plural(summary.certifications, 'certification')}).` +
    (summary.rejected
      ? ` Dont ${plural(summary.rejected, 'passage rejeté', 'passages rejetés')} par la CDC, à corriger avant de le${summary.rejected > 1 ? 's' : ''} renvoyer.`
      : '')
  );
}

/** "Passages prêts à envoyer : 5 ; à risque : 2 ; bloqués : 1." */
export function formatReadiness(summary: ReadinessSummary): string {
  return (
    `Passages prêts à envoyer : ${summary.ready.toLocaleString('fr-FR')} ; ` +
    `à risque de rejet : ${summary.atRisk.toLocaleString('fr-FR')} ; ` +
    `bloqués par une erreur : ${summary.blocked.toLocaleString('fr-FR')}.`
  );
}

const LISTED_DEADLINES = 20;

/** The 3-month deadline: counts, then the passages to send soon with their last day. */
export function formatDeadlines(summary: ReadinessSummary, deadlines: readonly PassageDeadline[]): string[] {
  const lines = [
    `Délai d'envoi (3 mois après la délivrance) : ${plural(summary.overdue, 'passage')} en retard, ` +
      `${summary.dueSoon.toLocaleString('fr-FR')} à envoyer dans les ${DUE_SOON_DAYS} jours.`,
  ];
  const soon = deadlines
    .filter((d) => d.status === 'dueSoon')
    .sort((a, b) => a.daysLeft - b.daysLeft || a.row - b.row);
  if (soon.length > 0) {
    const shown = soon
      .slice(0, LISTED_DEADLINES)
      .map((d) => `ligne ${d.row} avant le ${frenchDate(d.dueDate)}`);
    const more = soon.length > LISTED_DEADLINES ? ` et ${soon.length - LISTED_DEADLINES} autre(s)` : '';
    lines.push(`À envoyer bientôt : ${shown.join(', ')}${more}.`);
  }
  return lines;
}
