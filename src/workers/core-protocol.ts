import type { CheckResult } from '../core/check/check';
import type { WorkbookData } from '../core/model/types';
import type { CoreCheckOptions, CoreExportOutcome, CoreExportOptions, CoreProgress } from './core-runner';

/** Messages between the pane and core.worker.ts (structured clone: plain data only). */

export type CoreRequest =
  /** `schemaVersion`: the worker loads that dictionary (a Dictionary holds functions, which cannot be cloned). */
  | {
      readonly kind: 'check';
      readonly schemaVersion: string;
      readonly data: WorkbookData;
      readonly options: CoreCheckOptions;
    }
  /**
   * `xsdPorts` (transferred with the request): one per XSD worker the pane lent to this export. libxml2 runs in the
   * pane's XSD workers (nested workers are not available in every Office web view), and the core worker sends its
   * parts to them through these ports, so that they never cross the pane's main thread.
   */
  | {
      readonly kind: 'export';
      readonly schemaVersion: string;
      readonly data: WorkbookData;
      readonly options: CoreExportOptions;
      readonly xsdPorts: readonly MessagePort[];
    }
  /** The XSD worker behind port `index` failed: its document will never be answered. */
  | { readonly kind: 'xsdLost'; readonly index: number; readonly message: string };

export type CoreReply =
  | { readonly kind: 'progress'; readonly progress: CoreProgress }
  | { readonly kind: 'checked'; readonly result: CheckResult }
  /** Each file a Blob: its bytes cross by reference. */
  | { readonly kind: 'exported'; readonly outcome: CoreExportOutcome }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The check without its passages: the pane shows issues and counts, and cloning 100 000 passages back would
 * cost the main thread what the worker saved it.
 */
export function withoutPassages<T extends { readonly check: CheckResult }>(value: T): T {
  return { ...value, check: { ...value.check, passages: [] } };
}
