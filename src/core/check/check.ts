import type { Dictionary, FieldDef } from '../../dictionary';
import { normalizeCell, type NormalizeContext } from './normalize';
import { addRejectionIssues } from '../tracking/rejections';
import { sendsOverview, type SendsOverview } from '../tracking/sends';
import { refusedChoice, runCrossRowRules, runDigcompRules, runRowRules, type RowContext } from './rules';
import { cellOf, IssueCollector } from './issue-collector';
import { ID_FIELD } from './identifiers';
import { holdersOfIssues, type Holders } from './holders';
import { parisDate, passageDeadline, type PassageDeadline } from './deadlines';
import { assessReadiness, summarizeReadiness, type ReadinessSummary, type RowReadiness } from './readiness';
import type {
  CellValue,
  DigcompResult,
  Issue,
  Passage,
  Severity,
  SourceRow,
  SourceSheet,
  WorkbookData,
} from '../model/types';

/**
 * Checks a whole workbook against the dictionary at cell level, before any XML is built,
 * and returns every problem at once together with the passages ready to serialize.
 */

export interface CheckOptions {
  /** The schema version the workbook is checked against. */
  readonly dictionary: Dictionary;
  /** "Today" for date rules; tests pass a fixed date. */
  readonly today?: Date;
}

export interface CheckSummary {
  readonly passages: number;
  readonly certifications: number;
  readonly errors: number;
  readonly warnings: number;
  /** Rows the CDC rejected and that were not corrected since (their issues are warnings, but nothing is « prêt »). */
  readonly rejected?: number;
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
  /** The holders the problems are about (names of the rows with a problem), for the pane's list. */
  readonly holders: Holders;
  /** The sheets as the check found them: the user may rename Passages and DIGCOMP (found by their table). */
  readonly sheets: CheckedSheets;
  /**
   * Where the sends stand, from the rows' « Statut CDC » and the Historique: files to deposit, rows deposited and
   * waiting for an accusé. What the pane's next step says once the workbook is reopened.
   */
  readonly sends?: SendsOverview;
}

export interface CheckedSheets {
  readonly parameters: string;
  readonly passages: string;
  readonly digcomp: string;
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

/** What checking the rows of one sheet needs: its fields, the sheet, how cells read, where issues go. */
interface SheetCheck {
  readonly fields: readonly FieldDef[];
  readonly sheet: SourceSheet;
  readonly ctx: NormalizeContext;
  readonly issues: IssueCollector;
}

function normalizeRow({ fields, sheet, ctx, issues }: SheetCheck, row: SourceRow): RowValues {
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

function checkPassageRow(dictionary: Dictionary, check: SheetCheck, row: SourceRow): RowValues {
  const { fields, sheet, issues } = check;
  const normalized = normalizeRow(check, row);
  // A link's address is what is sent (5.2): say so when the cell shows something else.
  for (const [id, shown] of Object.entries(row.linkTexts ?? {})) {
    issues.add('warning', 'hyperlinkText', cellOf(sheet, row.row, id), dictionary.field(id), {
      value: String(row.cells[id]),
      other: shown,
    });
  }
  const present = (id: string) => normalized.filled.has(id);
  const chosen = dictionary.chosenOptions(present);
  const refused = refusedChoice(dictionary, present);

  for (const field of fields) {
    if (field.status !== 'required' || present(field.id)) continue;
    if (!dictionary.applies(field.id, chosen)) continue;
    // A row filling two identity blocks gets one conflict, not "missing" errors on the half-filled block.
    if (refused && dictionary.placement(field.id).choices.some((c) => c.choice === refused.name)) continue;
    // A blank identifier has its own command: the message and the pane point to it.
    const params = field.id === ID_FIELD ? { command: 'generateIds' as const } : {};
    issues.add('error', 'required', cellOf(sheet, row.row, field.id), field, params);
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
    const { values, filled } = normalizeRow({ fields, sheet: data.digcomp, ctx, issues }, row);
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
    const results = byPassageRow.get(passageRow);
    if (results) results.push({ row: row.row, values: result });
    else byPassageRow.set(passageRow, [{ row: row.row, values: result }]);
  }
  return byPassageRow;
}

/** Parameters, passages, DIGCOMP, whatever the sheets are called; then row, cell and code. */
function issueOrder(sheets: CheckedSheets): (a: Issue, b: Issue) => number {
  const order = [sheets.parameters, sheets.passages, sheets.digcomp];
  const sheetOrder = (s: string) => order.indexOf(s);
  return (a, b) =>
    sheetOrder(a.sheet) - sheetOrder(b.sheet) ||
    a.row - b.row ||
    a.cell.length - b.cell.length ||
    a.cell.localeCompare(b.cell) ||
    a.code.localeCompare(b.code);
}

export function checkWorkbook(data: WorkbookData, options: CheckOptions): CheckResult {
  const { dictionary } = options;
  const ctx: NormalizeContext = { date1904: data.date1904 };
  const issues = new IssueCollector(dictionary);
  const passageFields = dictionary.fieldsOfScope('passage');

  const header = checkParameters(data, dictionary, ctx, issues);
  checkColumns(data.passages, passageFields, issues);
  checkColumns(data.digcomp, dictionary.fieldsOfScope('digcomp'), issues);

  const rows: { row: SourceRow; normalized: RowValues }[] = [];
  /** The first row of each idTechnique. */
  const idRows = new Map<string, number>();
  const passageCheck: SheetCheck = { fields: passageFields, sheet: data.passages, ctx, issues };
  for (const row of data.passages.rows) {
    const normalized = checkPassageRow(dictionary, passageCheck, row);
    rows.push({ row, normalized });
    const id = normalized.values['5.1'];
    if (id !== undefined && !idRows.has(id)) idRows.set(id, row.row);
  }
  if (rows.length === 0)
    issues.add('error', 'noPassage', { sheet: data.passages.name, row: 0, cell: '' }, undefined);

  // DIGCOMP results link to the first row of each identifier; duplicates are a cross-row rule.
  const passageIds = idRows;

  const digcompFilled = new Map<number, ReadonlySet<string>>();
  const digcomp = checkDigcomp(data, dictionary, passageIds, ctx, issues, digcompFilled);
  // Computed once: rules compare ISO dates with today's date in Paris and never read the clock themselves.
  const today = parisDate(options.today ?? new Date());
  const noneFilled: ReadonlySet<string> = new Set();
  const passages: Passage[] = rows.map(({ row, normalized }) => {
    const values = withDerivedValues(dictionary, normalized.values);
    const passage: Passage = { row: row.row, values, digcomp: digcomp.get(row.row) ?? [] };
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

  const deadlines = sendingDeadlines(passages, today);
  runCrossRowRules({ dictionary, passages, deadlines }, data.passages, issues);
  const rejected = addRejectionIssues(dictionary, data.passages, passages, issues);

  const sheets: CheckedSheets = {
    parameters: data.parameters.name,
    passages: data.passages.name,
    digcomp: data.digcomp.name,
  };
  issues.issues.sort(issueOrder(sheets));
  const certifications = new Set(
    passages.map((p) => `${p.values['4.1']}\u0000${p.values['4.2']}\u0000${p.values['4.3']}`),
  );
  const errors = issues.issues.filter((i) => i.severity === 'error').length;
  const readiness = assessReadiness(passages, issues.issues, sheets);
  return {
    sheets,
    sends: sendsOverview(data),
    readiness,
    deadlines,
    holders: holdersOfIssues(passages, issues.issues, sheets),
    readinessSummary: summarizeReadiness(readiness, deadlines),
    issues: issues.issues,
    header,
    passages,
    summary: {
      passages: passages.length,
      certifications: certifications.size,
      errors,
      warnings: issues.issues.length - errors,
      ...(rejected > 0 ? { rejected } : {}),
    },
  };
}

/** The passage's values with those its schema version derives from them (scope 'derived'). */
function withDerivedValues(dictionary: Dictionary, values: Record<string, string>): Record<string, string> {
  const derived = dictionary.fieldsOfScope('derived');
  if (derived.length === 0) return values;
  const out = { ...values };
  for (const field of derived) {
    const value = field.derive?.(values);
    if (value !== undefined) out[field.id] = value;
  }
  return out;
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
