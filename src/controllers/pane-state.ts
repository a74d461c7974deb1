import type { CheckResult } from '../core/check/check';
import type { ColumnMapping, ColumnProposal, MappingTarget } from '../core/mapping';
import type { Issue } from '../core/model/types';
import type { ExportMode, ReceiptApplication } from '../core/tracking';
import type { ValidateXml as XmlValidator } from '../core/xsd';
import type { Dictionary } from '../dictionary';
import type { WorkbookPort } from '../office/workbook-port';
import type { CoreRunner } from '../workers/core-runner';

/** What the pane shows, and what the controllers need from their surroundings (given by the composition root). */

/** Where an exported file went: downloaded, or handed to the pane to copy (Excel for Mac cannot download). */
export type SaveResult = 'downloaded' | 'copy';

export interface AddinServices {
  /** The schema version the workbook follows, loaded by the composition root. */
  readonly dictionary: Dictionary;
  readonly workbook: WorkbookPort;
  /** XSD validation of the produced XML (xmllint-wasm in a Web Worker in the add-in). */
  readonly validateXml: XmlValidator;
  /** Hands an exported file to the user (`content`: its UTF-8 bytes; a download needs no text). */
  readonly saveXml: (fileName: string, content: Blob) => Promise<SaveResult>;
  readonly now: () => Date;
  /** Where check and export run (a Web Worker in the add-in); default: in process. */
  readonly core?: CoreRunner;
  /** XSD parts validated side by side (navigator.hardwareConcurrency, 1 to 4). */
  readonly validationConcurrency?: number;
  /**
   * Excel for Mac: the web view cannot download, so every exported file is shown to copy (one panel per file).
   * Elsewhere a split export offers one button per file instead of firing several downloads at once, which browsers
   * may block without a word.
   */
  readonly savesByCopy?: boolean;
}

/** One file of the last export, kept until the user has saved it. */
export interface FileToSave {
  readonly fileName: string;
  /** Its bytes, exactly as written (a Blob: the browser keeps them outside the JavaScript heap). */
  readonly content: Blob;
  /** Its text, only where it must be copied by hand (Excel for Mac), and only for a file small enough for that. */
  readonly text?: string;
}

/** A question the pane asks before the add-in writes into the workbook. */
export interface Confirmation {
  readonly text: string;
  readonly confirmLabel: string;
}

/** What an imported accusé says, as the pane shows it. */
export interface ReceiptView {
  readonly fileName: string;
  readonly application: ReceiptApplication;
  /** An XSD report whose errors could be placed on rows with the deposited file. */
  readonly wantsSentXml: boolean;
  readonly written: boolean;
}

/** The confirmation table of "Reprendre un autre tableau". */
export interface MappingView {
  readonly source: string;
  readonly rows: number;
  readonly proposals: readonly ColumnProposal[];
  readonly columns: readonly ColumnMapping[];
  readonly savedNames: readonly string[];
  /** What a column can be mapped to, from the dictionary. */
  readonly targets: readonly MappingTarget[];
}

export interface ExportSettings {
  readonly mode: ExportMode;
  /** Empty = no limit. */
  readonly maxPassagesPerFile?: number;
}

export type NoticeIntent = 'success' | 'warning' | 'error' | 'info';

export interface Notice {
  readonly intent: NoticeIntent;
  readonly text: string;
  /** The template is incomplete: offer to add the missing sheets. */
  readonly offerAddMissing?: boolean;
  /** The template is an older version: offer to upgrade it in place. */
  readonly offerUpgrade?: boolean;
}

export interface Busy {
  readonly label: string;
  readonly done?: number;
  readonly total?: number;
}

export interface PaneState {
  readonly busy?: Busy;
  readonly check?: CheckResult;
  /** Issues shown in the list (check issues, plus XSD problems after a refused export). */
  readonly issues: readonly Issue[];
  readonly notice?: Notice;
  /**
   * The files of the last export, each with its own way to reach the user: a button per file (`download`: web,
   * Windows), or a panel to copy it (`copy`: Excel for Mac). `saved`: files whose button was used (or downloaded at
   * once, for a single file).
   */
  readonly filesToSave?: {
    readonly how: 'download' | 'copy';
    readonly files: readonly FileToSave[];
    readonly saved: readonly string[];
  };
  /** First run in a workbook without the template: the pane shows the three steps. */
  readonly welcome?: boolean;
  /** The workbook before its first check (a new template, or one without passages). */
  readonly setup?: {
    /** Addresses of the empty parameter cells. */
    readonly emptyParameters: readonly string[];
    readonly hasPassages: boolean;
    /** The passages sheet's name, when read (the user may have renamed it). */
    readonly passagesSheet?: string;
  };
  /** « Remplir les paramètres » took the user there: the next step moves on (until the next check). */
  readonly parametersShown?: boolean;
  /** « Saisir les passages » took the user there. */
  readonly passagesShown?: boolean;
  /**
   * The last export produced its file(s): the next step is to deposit them, then to import the accusé. `idFlux` of
   * each file, for « J'ai déposé le fichier »; `deposited` once the user said so. Cleared by the next check.
   */
  readonly exported?: {
    readonly fileNames: readonly string[];
    readonly idFluxes: readonly string[];
    readonly passages: number;
    readonly deposited?: boolean;
  };
  /**
   * Bumped when an action of the pane ends: the pane moves the keyboard focus to its result (the message, the
   * question asked, the verdict), so that screen-reader users hear it and go on from there.
   */
  readonly resultVersion?: number;
  // Round trip with the CDC, imports (issues 5, 6, 10)
  readonly exportSettings?: ExportSettings;
  readonly officialXsd?: {
    readonly fileName: string;
    readonly version: string;
    readonly notes: readonly string[];
  };
  /** What loading an official XSD gave (shown in the advanced options, where the pane may say « XSD »). */
  readonly officialXsdMessage?: { readonly intent: NoticeIntent; readonly text: string };
  readonly confirm?: Confirmation;
  readonly receipt?: ReceiptView;
  readonly mapping?: MappingView;
}
