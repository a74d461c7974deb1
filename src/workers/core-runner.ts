import { checkWorkbook, type CheckOptions, type CheckResult } from '../core/check/check';
import { withBoundedMessages, withBoundedOutcome } from '../core/check/bounded-issues';
import {
  exportWorkbook,
  type ExportedFile,
  type ExportOptions,
  type ExportOutcome,
} from '../core/export/export';
import { ValidationCancelledError } from '../core/export/validate-in-parts';
import type { ValidateXml } from '../core/xsd/xml-validator';
import type { WorkbookData } from '../core/model/types';
import type { Dictionary } from '../dictionary';

/**
 * Where the long pure computations run: the check (several seconds for 100 000 rows) and the export (check,
 * XML, XSD validation). The add-in runs them in a Web Worker (src/workers/core.worker.ts) so the pane stays
 * responsive and "Annuler" stops them at once; Node tests and hosts without workers run them in process.
 */

export type CoreStage = 'checking' | 'building' | 'validating';

export interface CoreProgress {
  readonly stage: CoreStage;
  readonly done?: number;
  readonly total?: number;
}

/** Check options that can cross to a worker: the dictionary is loaded where the work runs. */
export type CoreCheckOptions = Omit<CheckOptions, 'dictionary'>;

/** Export options that can cross to a worker (no functions): the validator and dictionary live where the work runs. */
export type CoreExportOptions = Omit<ExportOptions, 'validateXml' | 'validation' | 'dictionary'> & {
  /** XSD parts validated side by side (navigator.hardwareConcurrency, 1 to 4). */
  readonly concurrency?: number;
};

/** One exported file as it reaches the pane: its bytes in a Blob (which crosses postMessage by reference). */
export interface DeliveredFile extends Omit<ExportedFile, 'bytes'> {
  readonly content: Blob;
}

type ExportedOutcome = Extract<ExportOutcome, { readonly ok: true }>;

/** The export's outcome for the pane: each file a Blob, never a string (200 MB of XML is 400 MB of string). */
export type CoreExportOutcome =
  | Exclude<ExportOutcome, ExportedOutcome>
  | (Omit<ExportedOutcome, 'files'> & { readonly files: readonly DeliveredFile[] });

export const XML_MEDIA_TYPE = 'application/xml;charset=utf-8';

/** The outcome with each file's bytes copied once into a Blob, where the browser keeps them off the JS heap. */
export function deliveredOutcome(outcome: ExportOutcome): CoreExportOutcome {
  if (!outcome.ok) return outcome;
  return {
    ...outcome,
    files: outcome.files.map(({ bytes, ...file }) => ({
      ...file,
      content: new Blob(bytes as readonly BlobPart[] as BlobPart[], { type: XML_MEDIA_TYPE }),
    })),
  };
}

export interface CoreRunner {
  check(
    data: WorkbookData,
    options: CoreCheckOptions,
    signal: AbortSignal,
    onProgress: (progress: CoreProgress) => void,
  ): Promise<CheckResult>;
  exportWorkbook(
    data: WorkbookData,
    options: CoreExportOptions,
    signal: AbortSignal,
    onProgress: (progress: CoreProgress) => void,
  ): Promise<CoreExportOutcome>;
}

export function abortError(): DOMException {
  return new DOMException('Aborted by the user', 'AbortError');
}

/** Lets the pane paint the progress bar before a synchronous computation starts. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Parts validated at once: one per core, at least 1, at most 4 (each holds a wasm heap). */
export function validationConcurrency(cores: number | undefined): number {
  return Math.max(1, Math.min(4, Math.floor(cores ?? 1) || 1));
}

export function inProcessCoreRunner(
  validateXml: ValidateXml | undefined,
  dictionary: Dictionary,
): CoreRunner {
  return {
    async check(data, options, signal, onProgress) {
      onProgress({ stage: 'checking' });
      await nextTask();
      if (signal.aborted) throw abortError();
      const result = withBoundedMessages(checkWorkbook(data, { ...options, dictionary }));
      if (signal.aborted) throw abortError();
      return result;
    },
    async exportWorkbook(data, options, signal, onProgress) {
      onProgress({ stage: 'building' });
      await nextTask();
      if (signal.aborted) throw abortError();
      try {
        const outcome = await exportWorkbook(data, {
          ...options,
          dictionary,
          validateXml,
          validation: {
            concurrency: options.concurrency,
            cancelled: () => signal.aborted,
            onProgress: (done, total) => onProgress({ stage: 'validating', done, total }),
          },
        });
        if (signal.aborted) throw abortError();
        return deliveredOutcome(withBoundedOutcome(outcome));
      } catch (error) {
        if (error instanceof ValidationCancelledError) throw abortError();
        throw error;
      }
    },
  };
}
