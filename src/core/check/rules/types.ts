import type { Dictionary } from '../../../dictionary';
import type { IssueCode, MessageParams } from '../../../i18n/check-messages';
import type { PassageDeadline } from '../deadlines';
import type { IssueCollector } from '../issue-collector';
import type { DigcompResult, Passage, Severity, SourceSheet } from '../../model/types';

/** What every rule of the registry states about itself (docs/regles.md is generated from it). */
export interface RuleMeta {
  /** Stable id: the issue code, suffixed with the field when one code is shown on several fields. */
  readonly id?: string;
  /** Dictionary id of the field the problem is shown on. */
  readonly field: string;
  readonly code: IssueCode;
  readonly severity: Severity;
  /** Where the rule comes from (dictionary ids, CDC guide), for the rule list and reviews. */
  readonly source: string;
  /** A warning that is true but predicts no rejection by the CDC: the passage stays "prête". */
  readonly informational?: true;
}

/** What every row rule sees of one passage. */
export interface RuleInput {
  readonly dictionary: Dictionary;
  /** Valid cells only, canonical (ISO dates, list codes, "true"/"false"). */
  readonly values: Readonly<Record<string, string>>;
  readonly passage: Passage;
  /**
   * Fields whose cell holds something, valid or not. A refused value is already reported: rules must not
   * report it again as missing.
   */
  readonly filled: ReadonlySet<string>;
  /** Today in Paris (ISO date), from CheckOptions.today: rules never read the clock. */
  readonly today: string;
  /** Whether a field belongs to the options of the exclusive choices the row uses (see chosenOption). */
  readonly applies: (fieldId: string) => boolean;
}

/** Message parameters of a broken rule; `at`: another field to show it on than the rule's own. */
export type RuleFinding = MessageParams & { readonly at?: string };

/** A business rule of one passage row, shown on the cell of `field`. */
export interface RowRule extends RuleMeta {
  /** Message parameters when the rule is broken, undefined otherwise. */
  readonly test: (input: RuleInput) => RuleFinding | undefined;
}

/** A rule of one DIGCOMP result row, shown on the DIGCOMP sheet. */
export interface DigcompRule extends RuleMeta {
  /** `filled`: fields of the DIGCOMP row whose cell holds something, valid or not. */
  readonly test: (
    result: DigcompResult,
    passage: Passage,
    filled: ReadonlySet<string>,
  ) => MessageParams | undefined;
}

/** What a rule over all the passages of the sheet sees. */
export interface CrossRowInput {
  readonly dictionary: Dictionary;
  readonly passages: readonly Passage[];
  /** Sending deadline of each passage whose delivery date is valid. */
  readonly deadlines: readonly PassageDeadline[];
}

/**
 * What a rule over several rows finds: one row (a deadline passed), or a group of rows that repeat each other
 * (one identifier, one passage of one person). A group is one finding however many rows it holds, reported on
 * each of them by runCrossRowRules with a text that names the first other rows and counts the rest, so that the
 * work and the text stay linear in the rows. Rules find groups with hash maps, never by comparing rows in pairs.
 */
export type CrossRowFinding =
  | { readonly row: number; readonly params: MessageParams }
  | { readonly group: readonly number[]; readonly params: MessageParams };

/** A rule over several rows (duplicates, deadlines): each finding is shown on its rows, at the rule's field. */
export interface CrossRowRule extends RuleMeta {
  readonly run: (input: CrossRowInput) => readonly CrossRowFinding[];
}

export interface RowContext {
  readonly dictionary: Dictionary;
  readonly sheet: SourceSheet;
  readonly digcompSheet: SourceSheet;
  readonly passage: Passage;
  /** Fields whose cell holds something, valid or not. */
  readonly filled: ReadonlySet<string>;
  /** Today in Paris, ISO date. */
  readonly today: string;
  readonly issues: IssueCollector;
}

/** The French label of a list value of a field (its code when the list does not have it), for messages. */
export function listLabel(dictionary: Dictionary, fieldId: string, code: string): string {
  return dictionary.field(fieldId).enumeration?.find((e) => e.code === code)?.label ?? code;
}

/** Bloc 9 replaces bloc 8: identity rules of bloc 8 apply only to rows identified by the holder's civil status. */
export function usesTitulaire(input: RuleInput): boolean {
  return input.applies('8.1');
}
