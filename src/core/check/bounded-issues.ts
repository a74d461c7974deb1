import { boundedText } from '../../i18n/check-messages';
import type { Issue } from '../model/types';

/**
 * Bounds what a check hands to a surface (the CLI's text and JSON, the pane through its worker), whatever the
 * workbook: each message is cut past MAX_MESSAGE_CHARS (no message of ours comes near: lists of rows are
 * bounded where they are written, this is the last guard), and the CLI's text lists the first
 * MAX_LISTED_ISSUES problems, each group of repeated rows once, then counts the rest.
 */

export const MAX_MESSAGE_CHARS = 2000;
export const MAX_LISTED_ISSUES = 1000;

/** The message, cut at a comma or a space before the limit when it is longer, saying that it was cut. */
export function boundedMessage(message: string, max = MAX_MESSAGE_CHARS): string {
  if (message.length <= max) return message;
  const cut = message.slice(0, max);
  const at = cut.lastIndexOf(' ');
  const kept = (at > max / 2 ? cut.slice(0, at) : cut).replace(/[,;:]$/, '');
  return `${kept}${boundedText.cut(message.length - kept.length)}`;
}

/** The issue with its text (what the pane shows) and its message (what the CLI prints) bounded. */
export function boundedIssue(issue: Issue): Issue {
  if (issue.message.length <= MAX_MESSAGE_CHARS && issue.text.length <= MAX_MESSAGE_CHARS) return issue;
  return { ...issue, text: boundedMessage(issue.text), message: boundedMessage(issue.message) };
}

export function withBoundedMessages<T extends { readonly issues: readonly Issue[] }>(result: T): T {
  if (result.issues.every((i) => boundedIssue(i) === i)) return result;
  return { ...result, issues: result.issues.map(boundedIssue) };
}

/** The same for an export's outcome: its check, and its issues when it was refused. */
export function withBoundedOutcome<T extends { readonly check: { readonly issues: readonly Issue[] } }>(
  outcome: T,
): T {
  const issues = (outcome as { readonly issues?: readonly Issue[] }).issues;
  return {
    ...outcome,
    check: withBoundedMessages(outcome.check),
    ...(issues ? { issues: withBoundedMessages({ issues }).issues } : {}),
  };
}

export interface ListedIssues {
  readonly listed: readonly Issue[];
  readonly omitted: { readonly errors: number; readonly warnings: number };
}

/**
 * The first `max` issues to show, messages bounded, and how many errors and warnings were left out. A group of
 * rows that repeat each other (Issue.group) is shown once, by its first issue, whose text names the other rows
 * and counts the rest: its other issues are neither listed nor counted as left out.
 */
export function listedIssues(issues: readonly Issue[], max = MAX_LISTED_ISSUES): ListedIssues {
  const listed: Issue[] = [];
  const shownGroups = new Set<string>();
  let errors = 0;
  let warnings = 0;
  for (const issue of issues) {
    if (issue.group !== undefined && shownGroups.has(issue.group)) continue;
    if (listed.length < max) {
      listed.push(boundedIssue(issue));
      if (issue.group !== undefined) shownGroups.add(issue.group);
    } else if (issue.severity === 'error') errors++;
    else warnings++;
  }
  return { listed, omitted: { errors, warnings } };
}
