import type { CheckSummary } from '../core/check';
import type { Issue } from '../core/types';

/** Text the CLI prints: French, one line per problem, summary last. */

export function formatIssue(issue: Issue): string {
  return `${issue.severity === 'error' ? 'ERREUR' : 'ATTENTION'} ${issue.message}`;
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
