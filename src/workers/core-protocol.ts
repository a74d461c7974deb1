import type { CheckResult } from '../core/check/check';
import type { ExportOutcome } from '../core/export/export';
import type { XmllintRequest, XmllintResult } from '../core/xsd/xmllint-runner';
import type { WorkbookData } from '../core/model/types';
import type { CoreCheckOptions, CoreExportOptions, CoreProgress } from './core-runner';

/** Messages between the pane and core.worker.ts (structured clone: plain data only). */

export type CoreRequest =
  /** `schemaVersion`: the worker loads that dictionary (a Dictionary holds functions, which cannot be cloned). */
  | {
      readonly kind: 'check';
      readonly schemaVersion: string;
      readonly data: WorkbookData;
      readonly options: CoreCheckOptions;
    }
  | {
      readonly kind: 'export';
      readonly schemaVersion: string;
      readonly data: WorkbookData;
      readonly options: CoreExportOptions;
    }
  /** The pane's answer to an `xmllint` message. */
  | {
      readonly kind: 'xmllintResult';
      readonly id: number;
      readonly result?: XmllintResult;
      readonly error?: string;
    };

export type CoreReply =
  | { readonly kind: 'progress'; readonly progress: CoreProgress }
  /**
   * libxml2 runs in its own workers, which the pane starts (nested workers are not available in every
   * Office web view): the core worker sends each validation request to the pane.
   */
  | { readonly kind: 'xmllint'; readonly id: number; readonly request: XmllintRequest }
  | { readonly kind: 'checked'; readonly result: CheckResult }
  | { readonly kind: 'exported'; readonly outcome: ExportOutcome }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The check without its passages: the pane shows issues and counts, and cloning 100 000 passages back would
 * cost the main thread what the worker saved it.
 */
export function withoutPassages<T extends { readonly check: CheckResult }>(value: T): T {
  return { ...value, check: { ...value.check, passages: [] } };
}
