import { FIRST_DATA_ROW, SHEET_NAMES } from '../core/template/layout';
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
  /** The file was just exported: deposit it on the CDC's portal, then say so (« J'ai déposé le fichier »). */
  | 'deposit'
  /** The file is deposited: import the CDC's accusé de traitement when it comes. */
  | 'importReceipt'
  /** No error, but rows the CDC rejected are not corrected yet: fix them, then export « Rejetés ». */
  | 'fixRejected';

export interface NextStep {
  readonly kind: StepKind;
  /** Cells the step's action selects (sheet and A1 range). */
  readonly target?: { readonly sheet: string; readonly range: string };
  /** Errors left to fix (step 'check' after a check). */
  readonly errors?: number;
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
  if (state.exported) return { kind: state.exported.deposited ? 'importReceipt' : 'deposit' };
  if (check.summary.errors > 0) return { kind: 'check', errors: check.summary.errors };
  if ((check.summary.rejected ?? 0) > 0) return { kind: 'fixRejected' };
  return { kind: 'export' };
}
