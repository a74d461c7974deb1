import { FIRST_DATA_ROW, SHEET_NAMES } from '../core/template/layout';
import type { FileToDeposit } from '../core/tracking';
import type { PaneState } from './pane-state';

/**
 * The one thing to do next, from what the pane knows of the workbook: it decides which button is the primary one
 * and what the status line says. The path from an empty workbook to a file for the CDC:
 * create the template → fill the parameters → type the passages → check (and fix) → export.
 * A new kind of step (the round trip with the CDC: deposit, accusé, rejected rows) is one more case here, one more
 * text in src/i18n/pane.ts and one more action in the pane's StatusCard.
 */

export type StepKind =
  /** No template in the workbook. */
  | 'createTemplate'
  /** The template's parameters are empty: the action selects their cells. */
  | 'fillParameters'
  /** The template has no passage yet: the action selects the first row to type in. */
  | 'enterPassages'
  /** Data that has not been checked since it changed, or errors to fix then check again. */
  | 'check'
  /** Checked without errors. */
  | 'export'
  /**
   * Rows of the workbook say « Exporté — à déposer »: deposit their file(s) on the CDC's portal, then say so
   * (« J'ai déposé le fichier »).
   */
  | 'deposit'
  /** Rows say « Déposé » and nothing else is left to send: import the CDC's accusé de traitement when it comes. */
  | 'importReceipt'
  /** No error, but rows the CDC rejected are not corrected yet: fix them, then export « Rejetés ». */
  | 'fixRejected';

export interface NextStep {
  readonly kind: StepKind;
  /** Cells the step's action selects (sheet and A1 range). */
  readonly target?: { readonly sheet: string; readonly range: string };
  /** Errors left to fix (step 'check' after a check). */
  readonly errors?: number;
  /**
   * Files exported and not deposited, as the workbook says (step 'deposit'; also given with step 'check' so that a
   * file already made can still be said deposited while other rows are being fixed).
   */
  readonly toDeposit?: readonly FileToDeposit[];
}

/** "B2:B4": one range from the first to the last cell (in one column), which Range.select() can show. */
function spanOf(cells: readonly string[]): string {
  const sorted = [...cells].sort((a, b) => Number(a.replace(/^\D+/, '')) - Number(b.replace(/^\D+/, '')));
  return sorted.length === 1 ? sorted[0] : `${sorted[0]}:${sorted[sorted.length - 1]}`;
}

export function nextStep(state: PaneState): NextStep {
  if (state.welcome) return { kind: 'createTemplate' };
  const check = state.check;
  // The sheets as read: the user may have renamed Passages (found by its table).
  const parametersSheet = check?.sheets.parameters ?? SHEET_NAMES.parameters;
  const passagesSheet = check?.sheets.passages ?? state.setup?.passagesSheet ?? SHEET_NAMES.passages;
  const emptyParameters = check
    ? check.issues
        .filter((i) => i.sheet === parametersSheet && i.code === 'required' && i.cell !== '')
        .map((i) => i.cell)
    : (state.setup?.emptyParameters ?? []);
  // Once the user has been taken to the parameters, the next step is the passages (until the next check).
  if (emptyParameters.length > 0 && !state.parametersShown)
    return {
      kind: 'fillParameters',
      target: { sheet: parametersSheet, range: spanOf(emptyParameters) },
    };
  const hasPassages = check ? check.summary.passages > 0 : (state.setup?.hasPassages ?? true);
  if (!hasPassages && !state.passagesShown)
    return { kind: 'enterPassages', target: { sheet: passagesSheet, range: `A${FIRST_DATA_ROW}` } };
  if (!check) return { kind: 'check' };
  // The round trip is read from the workbook's own statuses (the check reads them; the export and « J'ai déposé »
  // bring them up to date), never from what this pane session remembers: a workbook reopened the next day says
  // the same as right after its export. Priority, as a demanding user expects it:
  // 1. errors: nothing new can go while they remain (a file already made stays offered to be said deposited);
  // 2. files to deposit: the file exists and the CDC's three-month clock runs; depositing it is one click, and a
  //    second export of the same rows would send them twice (« Exporter » stays, secondary, for rows never sent);
  // 3. rows rejected by the CDC and not corrected: work in the sheet, then « Rejetés »;
  // 4. rows never sent: « Exporter »;
  // 5. nothing left to send and rows deposited: wait for the accusé and import it.
  const sends = check.sends;
  const toDeposit = sends?.toDeposit ?? [];
  if (check.summary.errors > 0)
    return { kind: 'check', errors: check.summary.errors, ...(toDeposit.length > 0 ? { toDeposit } : {}) };
  if (toDeposit.length > 0) return { kind: 'deposit', toDeposit };
  if ((check.summary.rejected ?? 0) > 0) return { kind: 'fixRejected' };
  if (sends && sends.counts.toSend === 0 && sends.counts.deposited > 0) return { kind: 'importReceipt' };
  return { kind: 'export' };
}
