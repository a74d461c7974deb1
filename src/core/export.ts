import { getDictionary } from '../dictionary';
import { checkWorkbook, type CheckOptions, type CheckResult } from './check';
import { writeFluxXmlWithMap } from './xml/flux-writer';
import { createFlux } from './xml/group';
import type { FluxSourceMap } from './xml/source-map';
import { validateFluxInParts, type PartsOptions } from './validate-in-parts';
import type { ValidateXml } from './xsd/xml-validator';
import type { XmlProblem } from './xsd/types';
import type { Flux, Issue, WorkbookData } from './types';

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
      /** The file as consecutive chunks (join them, or hand them to a Blob): no giant string is built. */
      readonly chunks: readonly string[];
      readonly fileName: string;
      readonly passages: number;
      readonly certifications: number;
      readonly idFlux: string;
      readonly check: CheckResult;
    };

/** "cdc-E564ACB0-20240615-143000.xml": the certificateur and the Paris time of the export. */
export function exportFileName(certificateur: string | undefined, horodatage: string): string {
  const stamp = horodatage.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const who = (certificateur ?? 'certificateur').replace(/[^A-Za-z0-9]/g, '') || 'certificateur';
  return `cdc-${who}-${stamp}.xml`;
}

/** Turns XSD problems that can be traced to a cell into Issues, so they show where users work. */
export function xsdProblemsAsIssues(problems: readonly XmlProblem[], passagesSheet: string): Issue[] {
  return problems.map((p) => ({
    sheet: p.location?.sheet ?? passagesSheet,
    cell: '',
    row: p.location?.row ?? 0,
    field: p.location?.field ?? '',
    tag: '',
    severity: 'error' as const,
    code: `xsd:${p.code}`,
    message: p.message,
  }));
}

export interface PreparedExport {
  readonly check: CheckResult;
  readonly flux: Flux;
}

/** Checks the workbook and, when nothing blocks, the flux to write. */
export function prepareExport(
  data: WorkbookData,
  options: ExportOptions = {},
): { ok: true; prepared: PreparedExport } | { ok: false; check: CheckResult } {
  const check = checkWorkbook(data, options);
  if (check.summary.errors > 0) return { ok: false, check };
  const flux = createFlux({
    header: check.header,
    passages: check.passages,
    now: options.now ?? new Date(),
    idFlux: options.idFlux,
    dictionary: getDictionary(options.schemaVersion),
  });
  return { ok: true, prepared: { check, flux } };
}

/** The XML chunks of a prepared export and the source map that fills as they are consumed. */
export function writePreparedXml(
  data: WorkbookData,
  prepared: PreparedExport,
  schemaVersion?: string,
): { chunks: Generator<string>; sourceMap: FluxSourceMap } {
  return writeFluxXmlWithMap(prepared.flux, getDictionary(schemaVersion), sheetsOf(data));
}

/** XSD validation of a prepared export, in parts validated side by side (see validate-in-parts.ts). */
export function validateExport(
  data: WorkbookData,
  prepared: PreparedExport,
  validateXml: ValidateXml,
  options: { readonly schemaVersion?: string; readonly validation?: PartsOptions } = {},
) {
  return validateFluxInParts(
    prepared.flux,
    getDictionary(options.schemaVersion),
    sheetsOf(data),
    validateXml,
    options.validation,
  );
}

function sheetsOf(data: WorkbookData) {
  return { passages: data.passages.name, digcomp: data.digcomp.name, parameters: data.parameters.name };
}

export async function exportWorkbook(
  data: WorkbookData,
  options: ExportOptions = {},
): Promise<ExportOutcome> {
  const preparation = prepareExport(data, options);
  if (!preparation.ok) {
    return { ok: false, reason: 'issues', issues: preparation.check.issues, check: preparation.check };
  }
  const { check, flux } = preparation.prepared;
  if (options.validateXml) {
    const report = await validateExport(data, preparation.prepared, options.validateXml, options);
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
  return {
    ok: true,
    chunks: Array.from(writePreparedXml(data, preparation.prepared, options.schemaVersion).chunks),
    fileName: exportFileName(flux.header['3.1'], flux.horodatage),
    passages: check.summary.passages,
    certifications: flux.certifications.length,
    idFlux: flux.idFlux,
    check,
  };
}
