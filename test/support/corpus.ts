import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { checkCommand, exportCommand } from '../../src/cli/commands';
import type { Issue } from '../../src/core/model/types';
import { createTemplateWorkbook, type XlsxTemplateContent } from '../../src/xlsx/xlsx-template';
import { captureIO, OFFICIAL_XSD, tempDir } from './cli';
import { passageColumn } from './workbook';
import { validateWithNativeXmllint } from './xmllint-native';
import { DICTIONARY } from './dictionary';

/**
 * The bad-input corpus runs the real CLI on real .xlsx files built on the fly. Every case proves that the
 * input file is byte for byte the same after check and export, whatever they found.
 */

export const NOW = new Date('2026-11-23T10:15:00Z');

export const PARAMETERS = { '2.1': '03ZDN217', '3.1': '03ZDN217', '3.2': 'MCFCER000123' };

/** One valid titulaire passage, as a user fills the template. */
export function passage(
  overrides: Record<string, ExcelJS.CellValue> = {},
): Record<string, ExcelJS.CellValue> {
  return {
    '4.1': 'RNCP',
    '4.2': 'RNCP37873',
    '4.3': 'Certificateur',
    '5.1': 'EX-0001',
    '5.4': 'Par admission',
    '5.5': 'Oui',
    '5.10': new Date(Date.UTC(2026, 9, 2)),
    '5.12': 'Non',
    '5.14': 'Non',
    '7.1': 'Formation continue hors contrat de professionnalisation',
    '8.1': 'Moreau',
    '8.3': 'Camille',
    '8.6': 1994,
    '8.7': 3,
    '8.8': 21,
    '8.9': 'F',
    '8.10': '69383',
    ...overrides,
  };
}

/** Writes a template filled with `passages` (after `tweak`, which edits the workbook as a user would). */
export async function writeCorpusFile(
  passages: readonly Record<string, ExcelJS.CellValue>[],
  tweak?: (workbook: ExcelJS.Workbook) => void,
  content: Omit<XlsxTemplateContent, 'passages'> = { parameters: PARAMETERS },
): Promise<string> {
  const workbook = createTemplateWorkbook(DICTIONARY, { ...content, passages });
  tweak?.(workbook);
  const file = path.join(tempDir('corpus-'), 'classeur.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export interface CorpusRun {
  readonly checkExit: number;
  readonly exportExit: number;
  readonly issues: Issue[];
  /** Everything the commands printed (check in text, then export). */
  readonly output: string;
  /** The XML export wrote, when it wrote one. */
  readonly xml?: string;
}

/** Runs `accrochage check --json`, `check` and `export` on the file, and proves it unchanged by all three. */
export async function runCorpusFile(file: string): Promise<CorpusRun> {
  const before = digest(file);
  const json = captureIO();
  const checkExit = await checkCommand(json, file, { json: true });
  const text = captureIO();
  await checkCommand(text, file, {});
  const exported = captureIO();
  const out = path.join(tempDir('corpus-out-'), 'flux.xml');
  const exportExit = await exportCommand(exported, file, { output: out, now: NOW, idFlux: 'corpus-0001' });
  expect(digest(file)).toBe(before);
  const issues: Issue[] = checkExit === 2 ? [] : (JSON.parse(json.stdout.join('\n')) as Issue[]);
  const output = [
    ...json.stderr,
    ...text.stdout,
    ...text.stderr,
    ...exported.stdout,
    ...exported.stderr,
  ].join('\n');
  const xml = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
  if (xml !== undefined) {
    // Whatever the corpus holds, a file we write passes the CDC's own XSD.
    expect(validateWithNativeXmllint(xml, OFFICIAL_XSD).valid).toBe(true);
  }
  if (exportExit !== 0) expect(existsSync(out)).toBe(false);
  return { checkExit, exportExit, issues, output, xml };
}

/** The text of the element `tag` of the first passage in the XML. */
export function xmlValue(xml: string | undefined, tag: string): string | undefined {
  const match = new RegExp(`<cpf:${tag}>([^<]*)</cpf:${tag}>`).exec(xml ?? '');
  return match?.[1];
}

/** Address of a field's cell on the passages sheet of the template, e.g. cellOf('8.1', 2) → "AF2". */
export function cellOf(fieldId: string, row: number): string {
  return `${passageColumn(fieldId)}${row}`;
}

/** The one error of the run, asserted to be at `cell` with `code`; returns its French message. */
export function onlyError(run: CorpusRun, cell: string, code: string): string {
  const errors = run.issues.filter((i) => i.severity === 'error');
  expect(errors.map((i) => [i.cell, i.code])).toEqual([[cell, code]]);
  expect(run.exportExit).toBe(1);
  expect(run.xml).toBeUndefined();
  return errors[0].message;
}
