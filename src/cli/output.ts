import type { CheckSummary } from '../core/check';
import { DUE_SOON_DAYS, type PassageDeadline } from '../core/deadlines';
import type { ReadinessSummary } from '../core/nirisation/readiness';
import { frenchDate } from '../core/normalize';
import type { Issue } from '../core/types';
import { commandMessages } from './cli-messages';

/** Text the CLI prints: French, one line per problem, summary last. */

export function formatIssue(issue: Issue): string {
  return `${issue.severity === 'error' ? 'ERREUR' : 'ATTENTION'} ${issue.message}`;
}

/** After the first problems listed: how many more, and how to see them all. */
export function formatOmitted(omitted: { errors: number; warnings: number }): string {
  const kinds = [
    omitted.errors > 0 ? plural(omitted.errors, 'erreur') : '',
    omitted.warnings > 0 ? plural(omitted.warnings, 'avertissement') : '',
  ].filter(Boolean);
  return commandMessages.omittedProblems(
    plural(omitted.errors + omitted.warnings, 'autre problème', 'autres problèmes'),
    kinds.join(', '),
  );
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? pluralForm : singular}`;
}

export function formatSummary(summary: CheckSummary): string {
  return (
    `${plural(summary.errors, 'erreur')}, ${plural(summary.warnings, 'avertissement')} ` +
    `sur ${plural(summary.passages, 'passage')} (${plural(summary.certifications, 'certification')}).`
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
