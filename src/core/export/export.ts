import type { Dictionary } from '../../dictionary';
import { checkWorkbook, type CheckOptions, type CheckResult } from '../check/check';
import { writeEncodedFluxXml, writeFluxXml, writeFluxXmlWithMap } from '../xml/flux-writer';
import type { EncodedPassages } from '../xml/encoded-passages';
import { createFlux } from '../xml/group';
import type { FluxSourceMap } from '../xml/source-map';
import { validateFluxInParts, type PartsOptions } from './validate-in-parts';
import type { ValidateXml } from '../xsd/xml-validator';
import type { XmlProblem } from '../xsd/types';
import type { Flux, Issue, WorkbookData } from '../model/types';
import { encodeFlux, numberedFileName, partFileName, type FluxPart } from './split';
import { selectPassagesForExport, type ExportSelection } from '../tracking/selection';
import { sentRowTracking, trackingOfExport } from '../tracking/history';
import { statusCountsText } from '../tracking/status';
import { rowIdTechnique } from '../tracking/row-ids';
import { EXPORT_MODE_LABELS } from '../tracking/history';
import { trackingMessage } from '../../i18n/tracking-messages';
import type { ExportMode, HistoryEntry, TrackingUpdate } from '../tracking/types';

/**
 * The export pipeline shared by the CLI and the add-in: check every cell, refuse while any error
 * remains, build the XML passage by passage, validate it against our XSD, and only then hand it over.
 * The XSD validator is passed in, so Node (worker thread) and the browser (Web Worker) share this code.
 */

export interface ExportOptions extends CheckOptions {
  /** The export instant (horodatage, file name). */
  readonly now?: Date;
  readonly idFlux?: string;
  /** Validates XML against the XSD (Node worker or browser Web Worker); without it nothing is checked (tests only). */
  readonly validateXml?: ValidateXml;
  /** How the XSD validation is split and run side by side; progress and cancel. */
  readonly validation?: PartsOptions;
  /** Which rows to send (default: all of them). */
  readonly mode?: ExportMode;
  /** « Rejetés »: also the rejected rows unchanged since the rejection (left out by default). */
  readonly includeUnchanged?: boolean;
  /** At most this many passages per file: more are split into several files, each with its own idFlux. */
  readonly maxPassagesPerFile?: number;
  /** At most this many bytes per file (default: the CDC's 200 Mo). */
  readonly maxBytesPerFile?: number;
  /** The official XSD the user loaded: every file must pass it as well as ours. */
  readonly officialXsd?: { readonly fileName: string; readonly contents: string };
}

/** One file of an export (several when it had to be split). */
export interface ExportedFile {
  /**
   * The file's UTF-8 bytes, as consecutive views of the bytes the export serialized once (hand them to a Blob or
   * a file): never decoded, since a 200 MB file is 400 MB as a JavaScript string.
   */
  readonly bytes: readonly Uint8Array[];
  readonly fileName: string;
  readonly idFlux: string;
  readonly passages: number;
  readonly certifications: number;
}

export type ExportOutcome =
  | {
      readonly ok: false;
      readonly reason: 'issues' | 'xsd';
      readonly issues: Issue[];
      readonly check: CheckResult;
      readonly xsdErrors?: readonly XmlProblem[];
    }
  | {
      readonly ok: true;
      readonly fileName: string;
      readonly passages: number;
      readonly certifications: number;
      readonly idFlux: string;
      readonly check: CheckResult;
      /** Every file of the export, in order (the fields above are the first's). */
      readonly files: readonly ExportedFile[];
      /** « Rejetés »: rejected rows left out because unchanged since the rejection (Excel rows). */
      readonly unchanged: readonly number[];
      /** What to write back: rows marked « Exporté — à déposer » with their idFlux, one history line per file. */
      readonly tracking: {
        readonly updates: readonly TrackingUpdate[];
        readonly history: readonly HistoryEntry[];
      };
    };

/** "cdc-E564ACB0-20240615-143000.xml": the certificateur and the Paris time of the export. */
export function exportFileName(certificateur: string | undefined, horodatage: string): string {
  const stamp = horodatage.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const who = (certificateur ?? 'certificateur').replace(/[^A-Za-z0-9]/g, '') || 'certificateur';
  return `cdc-${who}-${stamp}.xml`;
}

/** Turns XSD problems that can be traced to a cell into Issues, so they show where users work. */
export function xsdProblemsAsIssues(problems: readonly XmlProblem[], passagesSheet: string): Issue[] {
  return problems.map((p) => {
    // Located problems read "Passages, ligne 12 : …" (formatLocatedMessage): the location is that prefix.
    const where = p.location
      ? p.location.row > 0
        ? `${p.location.sheet}, ligne ${p.location.row}`
        : p.location.sheet
      : '';
    const located = where !== '' && p.message.startsWith(`${where} : `);
    return {
      sheet: p.location?.sheet ?? passagesSheet,
      cell: '',
      row: p.location?.row ?? 0,
      field: p.location?.field ?? '',
      tag: '',
      severity: 'error' as const,
      code: `xsd:${p.code}`,
      location: located ? where : '',
      text: located ? p.message.slice(where.length + 3) : p.message,
      message: p.message,
    };
  });
}

export interface PreparedExport {
  readonly check: CheckResult;
  /** Everything selected, as one flux. */
  readonly flux: Flux;
  /** The files to write: `flux` itself, or its parts when it is over the limits. */
  readonly parts: readonly FluxPart[];
  /** Every passage of `flux` serialized once, in order: the files and the validation parts are made of these bytes. */
  readonly encoded: EncodedPassages;
  readonly selection: ExportSelection;
}

/** Checks the workbook and, when nothing blocks, the flux to write. */
export function prepareExport(
  data: WorkbookData,
  options: ExportOptions,
): { ok: true; prepared: PreparedExport } | { ok: false; check: CheckResult } {
  const { dictionary } = options;
  const mode = options.mode ?? 'all';
  const selection = selectPassagesForExport(data, mode, dictionary, {
    includeUnchanged: options.includeUnchanged,
    ...(options.today ? { today: options.today } : {}),
  });
  if (selection.rows.length === 0 && mode !== 'all') {
    return { ok: false, check: nothingSelected(data, selection, checkWorkbook(selection.data, options)) };
  }
  const checked = checkWorkbook(selection.data, options);
  const check = withSelectionIssues(checked, selection);
  if (check.summary.errors > 0) return { ok: false, check };
  const flux = createFlux({
    header: check.header,
    passages: check.passages,
    now: options.now ?? new Date(),
    idFlux: options.idFlux,
    dictionary,
  });
  const given = options.idFlux;
  // Serialized once: the cut into files is decided as the bytes are produced, and the bytes are kept.
  const { parts, passages: encoded } = encodeFlux(
    flux,
    dictionary,
    { maxPassages: options.maxPassagesPerFile, maxBytes: options.maxBytesPerFile },
    // A fixed idFlux (tests, replays) gets numbered parts; otherwise each part gets a fresh UUID.
    given !== undefined && given.length <= 45 ? (i) => `${given}-${i + 1}` : undefined,
  );
  return { ok: true, prepared: { check, flux, parts, encoded, selection } };
}

function withSelectionIssues(check: CheckResult, selection: ExportSelection): CheckResult {
  if (selection.issues.length === 0) return check;
  const issues = [...selection.issues, ...check.issues].sort((a, b) => a.row - b.row);
  const errors = selection.issues.filter((i) => i.severity === 'error').length;
  return {
    ...check,
    issues,
    summary: {
      ...check.summary,
      errors: check.summary.errors + errors,
      warnings: check.summary.warnings + selection.issues.length - errors,
    },
  };
}

/** The check of an empty selection, its "no passage" error replaced by one that names the mode. */
function nothingSelected(data: WorkbookData, selection: ExportSelection, empty: CheckResult): CheckResult {
  const left = [
    statusCountsText(selection.leftOut),
    selection.unchanged.length > 0
      ? trackingMessage('unchangedLeftOut', { count: selection.unchanged.length })
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  const message = trackingMessage('nothingSelected', {
    mode: EXPORT_MODE_LABELS[selection.mode],
    detail: left,
  });
  const issue: Issue = {
    sheet: data.passages.name,
    cell: '',
    row: 0,
    field: '',
    tag: '',
    severity: 'error',
    code: 'nothingToExport',
    location: data.passages.name,
    text: message,
    message,
  };
  const issues = [...selection.issues, issue];
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { ...empty, issues, summary: { ...empty.summary, errors, warnings: issues.length - errors } };
}

/** The file name of each part: the export's name, numbered when there are several. */
export function partFileNames(prepared: PreparedExport, baseName?: string): string[] {
  const base = baseName ?? exportFileName(prepared.flux.header['3.1'], prepared.flux.horodatage);
  return prepared.parts.map((_p, i) => partFileName(base, i, prepared.parts.length));
}

/**
 * The export's default name, numbered (_2, _3…) when a send in the workbook's history already used it: two
 * exports in the same second would otherwise download under one name and be recorded twice under it.
 */
function unusedBaseName(data: WorkbookData, prepared: PreparedExport): string {
  const used = new Set((data.history?.rows ?? []).map((r) => String(r.cells.fileName ?? '')));
  const base = exportFileName(prepared.flux.header['3.1'], prepared.flux.horodatage);
  for (let attempt = 1; ; attempt++) {
    const candidate = numberedFileName(base, attempt);
    if (!partFileNames(prepared, candidate).some((name) => used.has(name))) return candidate;
  }
}

/** Rows marked Envoyé and history lines for the files of a prepared export, once they are written. */
export function trackingOfPreparedExport(
  data: WorkbookData,
  prepared: PreparedExport,
  fileNames: readonly string[],
  dictionary: Dictionary,
): { updates: TrackingUpdate[]; history: HistoryEntry[] } {
  const byRow = new Map(prepared.selection.data.passages.rows.map((r) => [r.row, r]));
  const files = prepared.parts.map((part, i) => ({
    idFlux: part.flux.idFlux,
    fileName: fileNames[i],
    rows: part.flux.certifications.flatMap((g) =>
      g.passages.map((p) => {
        const source = byRow.get(p.row);
        return {
          row: p.row,
          idTechnique: (source && rowIdTechnique(source, data, dictionary)) ?? p.values['5.1'],
          ...sentRowTracking(source, p),
        };
      }),
    ),
  }));
  return trackingOfExport(files, prepared.selection.mode, prepared.flux.horodatage);
}

/** A validator that checks against the official XSD the user loaded instead of ours. */
export function officialXsdValidator(
  validateXml: ValidateXml,
  officialXsd: { readonly fileName: string; readonly contents: string },
): ValidateXml {
  return (xml, options) => validateXml(xml, { ...options, extraSchema: officialXsd });
}

/** The XML chunks of a prepared export, without a source map (the CLI validates in parts, which map themselves). */
export function writePreparedChunks(prepared: PreparedExport, dictionary: Dictionary): Generator<string> {
  return writeFluxXml(prepared.flux, dictionary);
}

/** The UTF-8 bytes of file `index` of a prepared export, from the passages serialized by prepareExport. */
export function writePreparedFile(
  prepared: PreparedExport,
  dictionary: Dictionary,
  index: number,
): Generator<Uint8Array> {
  let first = 0;
  for (let i = 0; i < index; i++) first += prepared.parts[i].passages;
  return writeEncodedFluxXml(prepared.parts[index].flux, dictionary, prepared.encoded, first);
}

/** The XML chunks of a prepared export and the source map that fills as they are consumed. */
export function writePreparedXml(
  data: WorkbookData,
  prepared: PreparedExport,
  dictionary: Dictionary,
): { chunks: Generator<string>; sourceMap: FluxSourceMap } {
  return writeFluxXmlWithMap(prepared.flux, dictionary, sheetsOf(data));
}

/** XSD validation of a prepared export, in parts validated side by side (see validate-in-parts.ts). */
export function validateExport(
  data: WorkbookData,
  prepared: PreparedExport,
  validateXml: ValidateXml,
  options: { readonly dictionary: Dictionary; readonly validation?: PartsOptions; readonly flux?: Flux },
) {
  return validateFluxInParts(
    options.flux ?? prepared.flux,
    options.dictionary,
    sheetsOf(data),
    validateXml,
    // The parts are slices of the bytes already serialized, unless another flux is validated.
    options.flux === undefined ? { ...options.validation, encoded: prepared.encoded } : options.validation,
  );
}

function sheetsOf(data: WorkbookData) {
  return { passages: data.passages.name, digcomp: data.digcomp.name, parameters: data.parameters.name };
}

export async function exportWorkbook(data: WorkbookData, options: ExportOptions): Promise<ExportOutcome> {
  const preparation = prepareExport(data, options);
  if (!preparation.ok) {
    return { ok: false, reason: 'issues', issues: preparation.check.issues, check: preparation.check };
  }
  const { check, flux } = preparation.prepared;
  if (options.validateXml) {
    // The parts share the envelope and split the passages, so the whole flux is valid exactly when they all are.
    const validators = [options.validateXml];
    if (options.officialXsd) validators.push(officialXsdValidator(options.validateXml, options.officialXsd));
    for (const validate of validators) {
      const report = await validateExport(data, preparation.prepared, validate, options);
      if (!report.valid) {
        return {
          ok: false,
          reason: 'xsd',
          issues: xsdProblemsAsIssues(report.errors, data.passages.name),
          check,
          xsdErrors: report.errors,
        };
      }
    }
  }
  const { dictionary } = options;
  const names = partFileNames(preparation.prepared, unusedBaseName(data, preparation.prepared));
  // The files are the bytes serialized once by prepareExport.
  const files: ExportedFile[] = preparation.prepared.parts.map((part, i) => ({
    bytes: Array.from(writePreparedFile(preparation.prepared, dictionary, i)),
    fileName: names[i],
    idFlux: part.flux.idFlux,
    passages: part.passages,
    certifications: part.flux.certifications.length,
  }));
  return {
    ok: true,
    fileName: files[0].fileName,
    passages: check.summary.passages,
    certifications: flux.certifications.length,
    idFlux: flux.idFlux,
    check,
    files,
    unchanged: preparation.prepared.selection.unchanged,
    tracking: trackingOfPreparedExport(data, preparation.prepared, names, dictionary),
  };
}
