import {
  getDictionary,
  IDENTITY_CHOICE,
  BIRTHPLACE_CHOICE,
  type Dictionary,
  type FieldDef,
} from '../dictionary';
import { SHEET_NAMES } from './layout';
import { locationPrefix, messageFor, type IssueCode, type MessageParams } from './messages';
import { normalizeCell, type NormalizeContext } from './normalize';
import { runDigcompRules, runRowRules, type RowContext } from './rules';
import { parisDate, passageDeadline, type PassageDeadline } from './deadlines';
import { findRepeatedPassages } from './identifiers';
import {
  assessReadiness,
  summarizeReadiness,
  type ReadinessSummary,
  type RowReadiness,
} from './nirisation/readiness';
import { OBLIGATION_START } from './rules/dates';
import { frenchDate } from './normalize';
import type {
  CellValue,
  DigcompResult,
  Issue,
  Passage,
  Severity,
  SourceRow,
  SourceSheet,
  WorkbookData,
} from './types';

/**
 * Checks a whole workbook against the dictionary at cell level, before any XML is built,
 * and returns every problem at once together with the passages ready to serialize.
 */

export interface CheckOptions {
  readonly schemaVersion?: string;
  /** "Today" for date rules; tests pass a fixed date. */
  readonly today?: Date;
}

export interface CheckSummary {
  readonly passages: number;
  readonly certifications: number;
  readonly errors: number;
  readonly warnings: number;
}

export interface CheckResult {
  readonly issues: Issue[];
  /** Flux-level values (2.1, 3.1, 3.2), canonical. */
  readonly header: Record<string, string>;
  readonly passages: Passage[];
  readonly summary: CheckSummary;
  /** How ready each passage row is to be accepted by the CDC, in row order. */
  readonly readiness: RowReadiness[];
  /** Sending deadline of each passage whose delivery date (5.10) is valid, in row order. */
  readonly deadlines: PassageDeadline[];
  /** Counts of readiness levels and of deadlines passed or near. */
  readonly readinessSummary: ReadinessSummary;
}

/** Collects issues with their French message and location. */
export class IssueCollector {
  readonly issues: Issue[] = [];

  add(
    severity: Severity,
    code: IssueCode,
    where: { sheet: string; row: number; cell: string },
    field: FieldDef | undefined,
    params: MessageParams = {},
  ): void {
    const prefix = locationPrefix(where.sheet, where.cell, where.row, field);
    this.issues.push({
      sheet: where.sheet,
      cell: where.cell,
      row: where.row,
      field: field?.id ?? '',
      tag: field?.tag ?? '',
      severity,
      code,
      message: `${prefix} : ${messageFor(code, field, params)}`,
    });
  }
}

/** Fields of each choice option (e.g. "titulaire" → 8.1…8.15), computed once per dictionary. */
const optionFieldsCache = new WeakMap<Dictionary, Map<string, string[]>>();

function optionFields(dictionary: Dictionary): Map<string, string[]> {
  let byOption = optionFieldsCache.get(dictionary);
  if (!byOption) {
    byOption = new Map();
    for (const field of dictionary.fieldsOfScope('passage')) {
      for (const { option } of dictionary.placement(field.id).choices) {
        byOption.set(option, [...(byOption.get(option) ?? []), field.id]);
      }
    }
    optionFieldsCache.set(dictionary, byOption);
  }
  return byOption;
}

/** Which option of each exclusive choice a row uses. */
function chosenOptions(dictionary: Dictionary, present: (id: string) => boolean): Map<string, string> {
  const anyOf = (option: string) => (optionFields(dictionary).get(option) ?? []).some(present);
  return new Map([
    [IDENTITY_CHOICE, anyOf('dossierFormation') ? 'dossierFormation' : 'titulaire'],
    [BIRTHPLACE_CHOICE, present('8.10') ? 'codeInseeNaissance' : 'codePostalNaissance'],
  ]);
}

function applies(dictionary: Dictionary, field: FieldDef, chosen: Map<string, string>): boolean {
  return dictionary.placement(field.id).choices.every((c) => chosen.get(c.choice) === c.option);
}

interface RowValues {
  readonly values: Record<string, string>;
  /** Fields whose cell holds something (valid or not). */
  readonly filled: Set<string>;
}

const fieldIndexes = new WeakMap<readonly FieldDef[], Map<string, FieldDef>>();

function fieldsById(fields: readonly FieldDef[]): Map<string, FieldDef> {
  let index = fieldIndexes.get(fields);
  if (!index) {
    index = new Map(fields.map((f) => [f.id, f]));
    fieldIndexes.set(fields, index);
  }
  return index;
}

function normalizeRow(
  fields: readonly FieldDef[],
  sheet: SourceSheet,
  row: SourceRow,
  ctx: NormalizeContext,
  issues: IssueCollector,
): RowValues {
  const values: Record<string, string> = {};
  const filled = new Set<string>();
  const byId = fieldsById(fields);
  // A row holds about half of the columns: walk its cells, not every field of the sheet.
  for (const id in row.cells) {
    const field = byId.get(id);
    const raw: CellValue = row.cells[id];
    if (field === undefined || raw === undefined) continue;
    const result = normalizeCell(field, raw, ctx);
    if (result.kind === 'empty') continue;
    filled.add(field.id);
    if (result.kind === 'value') values[field.id] = result.value;
    else issues.add('error', result.code, cellOf(sheet, row.row, field.id), field, result.params);
  }
  return { values, filled };
}

export function cellOf(
  sheet: SourceSheet,
  row: number,
  fieldId: string,
): { sheet: string; row: number; cell: string } {
  const column = sheet.columns[fieldId];
  return { sheet: sheet.name, row, cell: column ? `${column}${row}` : '' };
}

function checkColumns(sheet: SourceSheet, fields: readonly FieldDef[], issues: IssueCollector): void {
  for (const field of fields) {
    const repeated = sheet.duplicateColumns?.[field.id];
    if (repeated) {
      issues.add('error', 'duplicateColumn', { sheet: sheet.name, row: 0, cell: '' }, field, {
        columns: repeated.join(', '),
        value: repeated[0],
      });
    }
    if (sheet.columns[field.id] !== undefined) continue;
    const severity: Severity = field.status === 'optional' ? 'warning' : 'error';
    issues.add(severity, 'missingColumn', { sheet: sheet.name, row: 0, cell: '' }, field);
  }
}

function checkParameters(
  data: WorkbookData,
  dictionary: Dictionary,
  ctx: NormalizeContext,
  issues: IssueCollector,
) {
  const header: Record<string, string> = {};
  for (const field of dictionary.fieldsOfScope('flux')) {
    const source = data.parameters.cells[field.id];
    const where = { sheet: data.parameters.name, row: 0, cell: source?.address ?? '' };
    const result = normalizeCell(field, source?.value, ctx);
    if (result.kind === 'value') header[field.id] = result.value;
    else if (result.kind === 'invalid') issues.add('error', result.code, where, field, result.params);
    else issues.add('error', 'required', where, field);
  }
  return header;
}

function checkPassageRow(
  dictionary: Dictionary,
  fields: readonly FieldDef[],
  sheet: SourceSheet,
  row: SourceRow,
  ctx: NormalizeContext,
  issues: IssueCollector,
): RowValues {
  const normalized = normalizeRow(fields, sheet, row, ctx, issues);
  // A link's address is what is sent (5.2): say so when the cell shows something else.
  for (const [id, shown] of Object.entries(row.linkTexts ?? {})) {
    issues.add('warning', 'hyperlinkText', cellOf(sheet, row.row, id), dictionary.field(id), {
      value: String(row.cells[id]),
      other: shown,
    });
  }
  const present = (id: string) => normalized.filled.has(id);
  const chosen = chosenOptions(dictionary, present);

  // Both identity blocks filled: one conflict, rather than "missing" errors on the half-filled block.
  const identityConflict =
    chosen.get(IDENTITY_CHOICE) === 'dossierFormation' &&
    (optionFields(dictionary).get('titulaire') ?? []).some(present);
  if (identityConflict) {
    issues.add('error', 'identityConflict', cellOf(sheet, row.row, '9.1'), dictionary.field('9.1'));
  } else if (present('8.10') && present('8.11')) {
    issues.add('warning', 'birthplaceBoth', cellOf(sheet, row.row, '8.11'), dictionary.field('8.11'));
  }

  for (const field of fields) {
    if (field.status !== 'required' || present(field.id)) continue;
    if (!applies(dictionary, field, chosen)) continue;
    if (identityConflict && dictionary.placement(field.id).choices.length > 0) continue;
    issues.add('error', 'required', cellOf(sheet, row.row, field.id), field);
  }
  return normalized;
}

function checkDigcomp(
  data: WorkbookData,
  dictionary: Dictionary,
  passageIds: Map<string, number>,
  ctx: NormalizeContext,
  issues: IssueCollector,
  filledByRow: Map<number, ReadonlySet<string>>,
): Map<number, DigcompResult[]> {
  const byPassageRow = new Map<number, DigcompResult[]>();
  const link = dictionary.field('5.1');
  const fields = [link, ...dictionary.fieldsOfScope('digcomp')];
  for (const row of data.digcomp.rows) {
    const { values, filled } = normalizeRow(fields, data.digcomp, row, ctx, issues);
    filledByRow.set(row.row, filled);
    const id = values[link.id];
    if (!filled.has(link.id)) {
      issues.add('error', 'required', cellOf(data.digcomp, row.row, link.id), link);
      continue;
    }
    if (id === undefined) continue;
    const passageRow = passageIds.get(id);
    if (passageRow === undefined) {
      issues.add('error', 'digcompUnknownPassage', cellOf(data.digcomp, row.row, link.id), link, {
        value: id,
      });
      continue;
    }
    const result: Record<string, string> = {};
    for (const field of fields.slice(1))
      if (values[field.id] !== undefined) result[field.id] = values[field.id];
    byPassageRow.set(passageRow, [...(byPassageRow.get(passageRow) ?? []), { row: row.row, values: result }]);
  }
  return byPassageRow;
}

function compareIssues(a: Issue, b: Issue): number {
  const sheetOrder = (s: string) =>
    [SHEET_NAMES.parameters, SHEET_NAMES.passages, SHEET_NAMES.digcomp].indexOf(s as never);
  return (
    sheetOrder(a.sheet) - sheetOrder(b.sheet) ||
    a.row - b.row ||
    a.cell.length - b.cell.length ||
    a.cell.localeCompare(b.cell) ||
    a.code.localeCompare(b.code)
  );
}

export function checkWorkbook(data: WorkbookData, options: CheckOptions = {}): CheckResult {
  const dictionary = getDictionary(options.schemaVersion);
  const ctx: NormalizeContext = { date1904: data.date1904 };
  const issues = new IssueCollector();
  const passageFields = dictionary.fieldsOfScope('passage');

  const header = checkParameters(data, dictionary, ctx, issues);
  checkColumns(data.passages, passageFields, issues);
  checkColumns(data.digcomp, dictionary.fieldsOfScope('digcomp'), issues);

  const rows: { row: SourceRow; normalized: RowValues }[] = [];
  const idRows = new Map<string, number[]>();
  for (const row of data.passages.rows) {
    const normalized = checkPassageRow(dictionary, passageFields, data.passages, row, ctx, issues);
    rows.push({ row, normalized });
    const id = normalized.values['5.1'];
    if (id !== undefined) idRows.set(id, [...(idRows.get(id) ?? []), row.row]);
  }
  if (rows.length === 0)
    issues.add('error', 'noPassage', { sheet: data.passages.name, row: 0, cell: '' }, undefined);

  const idField = dictionary.field('5.1');
  const passageIds = new Map<string, number>();
  for (const [id, rowNumbers] of idRows) {
    passageIds.set(id, rowNumbers[0]);
    if (rowNumbers.length < 2) continue;
    for (const r of rowNumbers) {
      const others = rowNumbers.filter((o) => o !== r).join(', ');
      issues.add('error', 'duplicateIdTechnique', cellOf(data.passages, r, '5.1'), idField, {
        value: id,
        rows: others,
      });
    }
  }

  const digcompFilled = new Map<number, ReadonlySet<string>>();
  const digcomp = checkDigcomp(data, dictionary, passageIds, ctx, issues, digcompFilled);
  // Computed once: rules compare ISO dates with today's date in Paris and never read the clock themselves.
  const today = parisDate(options.today ?? new Date());
  const noneFilled: ReadonlySet<string> = new Set();
  const passages: Passage[] = rows.map(({ row, normalized }) => {
    const passage: Passage = { row: row.row, values: normalized.values, digcomp: digcomp.get(row.row) ?? [] };
    const context: RowContext = {
      dictionary,
      sheet: data.passages,
      digcompSheet: data.digcomp,
      passage,
      filled: normalized.filled,
      today,
      issues,
    };
    runRowRules(context);
    runDigcompRules(context, (result) => digcompFilled.get(result.row) ?? noneFilled);
    return passage;
  });

  const passageIdOf = new Map(passages.map((p) => [p.row, p.values['5.1']]));
  for (const group of findRepeatedPassages(passages)) {
    // Rows that also share their idTechnique are already reported as an error (duplicateIdTechnique).
    if (new Set(group.map((r) => passageIdOf.get(r))).size === 1) continue;
    for (const r of group) {
      const rows = group.filter((o) => o !== r).join(', ');
      issues.add('warning', 'duplicatePassage', cellOf(data.passages, r, '5.1'), idField, { rows });
    }
  }

  const deadlines = sendingDeadlines(passages, today);
  const awardField = dictionary.field('5.10');
  for (const d of deadlines) {
    if (d.status !== 'overdue' || d.awardDate < OBLIGATION_START) continue;
    const params = { value: frenchDate(d.awardDate), other: frenchDate(d.dueDate) };
    issues.add('warning', 'sendingOverdue', cellOf(data.passages, d.row, '5.10'), awardField, params);
  }

  issues.issues.sort(compareIssues);
  const certifications = new Set(
    passages.map((p) => `${p.values['4.1']}\u0000${p.values['4.2']}\u0000${p.values['4.3']}`),
  );
  const errors = issues.issues.filter((i) => i.severity === 'error').length;
  const readiness = assessReadiness(passages, issues.issues, {
    passages: data.passages.name,
    digcomp: data.digcomp.name,
  });
  return {
    readiness,
    deadlines,
    readinessSummary: summarizeReadiness(readiness, deadlines),
    issues: issues.issues,
    header,
    passages,
    summary: {
      passages: passages.length,
      certifications: certifications.size,
      errors,
      warnings: issues.issues.length - errors,
    },
  };
}

/** The sending deadline of every passage whose delivery date (5.10) is valid. */
function sendingDeadlines(passages: readonly Passage[], today: string): PassageDeadline[] {
  const deadlines: PassageDeadline[] = [];
  for (const p of passages) {
    const award = p.values['5.10'];
    if (award !== undefined) deadlines.push(passageDeadline(p.row, award, today));
  }
  return deadlines;
}
