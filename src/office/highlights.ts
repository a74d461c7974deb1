/// <reference types="office-js" />
import type { Issue, Severity } from '../core/model/types';
import type { TemplateLayout } from '../core/template/layout';
import { chunkAreas, compactAreas, type AreaSeparator } from './address-groups';
import {
  CELL_MESSAGES_SETTING,
  cellsWithMessages,
  isOurNote,
  isOurPrompt,
  noteText,
  promptOf,
  qualifiedCell,
  readCellMessages,
  type CellMessages,
  type PromptRecord,
  type SheetMessages,
} from './cell-messages';
import type { ExcelRun } from './excel-run';
import { checkedSheets, probeTemplateSheets } from './template-sheets';

/**
 * Marks problem cells with conditional formats instead of changing their format.
 *
 * Why: a conditional format is drawn over the cell's own format and removing it brings back exactly
 * what was there (fill, gradient or pattern fills, fonts, borders, notes, values), none of which we
 * read or write. Saving and restoring fills ourselves would be lossy: Office.js cannot read gradient
 * fills, and reports "#FFFFFF" both for "no fill" and for a white fill.
 *
 * Not colour alone: a conditional format can draw thin borders (ConditionalRangeBorder, ExcelApi 1.6: style None,
 * Continuous, Dash, DashDot, DashDotDot, Dot; no weight and no pattern fill), so errors get a continuous border
 * and bold text, warnings a dashed border, both at least 3:1 against white; and the message is at the cell
 * (cell-messages.ts).
 *
 * Our rules are recognised by a marker inside their formula (`=ISTEXT("accrochage-cdc:…")`, always
 * TRUE), so they survive saving and reopening the workbook and never touch the user's own rules.
 * Protection is checked first: a protected sheet is left as it is and reported.
 */

export const HIGHLIGHT_MARKER = 'accrochage-cdc';

export interface HighlightStyle {
  readonly fill: string;
  readonly font: string;
  /** Borders on the four edges: ≥ 3:1 against white (WCAG 1.4.11), a line style per kind of mark. */
  readonly border: string;
  readonly borderStyle: 'Continuous' | 'Dash' | 'DashDot';
  readonly bold: boolean;
  readonly tag: string;
}

/**
 * What a mark says: an error or a warning of the check, or a row the CDC rejected (its own mark: a rejection is not
 * something our check found, and the user must tell the two apart at a glance, colour aside).
 */
export type MarkKind = Severity | 'rejected';

/** The kinds in the order their rules are added: Office.js puts each new rule on top, so errors end up above. */
const MARK_ORDER: readonly MarkKind[] = ['warning', 'rejected', 'error'];

export const HIGHLIGHT_STYLE: Readonly<Record<MarkKind, HighlightStyle>> = {
  // Excel's built-in "Bad" and "Neutral" cell styles, familiar to users; their dark text colour for the borders
  // (8.7:1 and 5.6:1 against white).
  error: {
    fill: '#FFC7CE',
    font: '#9C0006',
    border: '#9C0006',
    borderStyle: 'Continuous',
    bold: true,
    tag: 'erreur',
  },
  warning: {
    fill: '#FFEB9C',
    font: '#9C5700',
    border: '#9C5700',
    borderStyle: 'Dash',
    bold: false,
    tag: 'avertissement',
  },
  // Excel's purple accent tint; the border and text 10.3:1 against white (7.9:1 on the fill); a dash-dot border.
  rejected: {
    fill: '#E4DFEC',
    font: '#5B2C6F',
    border: '#5B2C6F',
    borderStyle: 'DashDot',
    bold: false,
    tag: 'rejet-cdc',
  },
};

/** The mark of an issue: rows the CDC rejected have their own. */
export function markKind(issue: Pick<Issue, 'severity' | 'code'>): MarkKind {
  return issue.code === 'rejectedByCdc' ? 'rejected' : issue.severity;
}

/** "A5:C5" → A5, B5, C5 (a rejection without a more precise place marks the whole row); "A5" → A5. */
export function cellsOfAddress(address: string): string[] {
  const clean = address.replace(/\$/g, '').toUpperCase();
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(clean);
  if (!m) return [clean];
  const toIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const toLetters = (index: number) => {
    let letters = '';
    for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
      letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return letters;
  };
  const cells: string[] = [];
  for (let row = Number(m[2]); row <= Number(m[4]); row++)
    for (let col = toIndex(m[1]); col <= toIndex(m[3]); col++) cells.push(`${toLetters(col)}${row}`);
  return cells;
}

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

export function highlightFormula(kind: MarkKind): string {
  return `=ISTEXT("${HIGHLIGHT_MARKER}:${HIGHLIGHT_STYLE[kind].tag}")`;
}

export function isHighlightFormula(formula: string): boolean {
  return formula.includes(`"${HIGHLIGHT_MARKER}:`);
}

export interface HighlightSummary {
  /** Cells marked, by kind (a cell with an error and a warning counts as an error; a rejection hides a warning). */
  readonly errors: number;
  readonly warnings: number;
  /** Cells marked as rejected by the CDC. */
  readonly rejected?: number;
  /** Conditional formats added (one per address chunk). */
  readonly rules: number;
  /** Notes or input messages written at the cells. */
  readonly messages: number;
  /** Sheets left as they were because they are protected (they had problems or marks of ours). */
  readonly protectedSheets: readonly string[];
  /** The workbook is open read-only (Workbook.readOnly, ExcelApi 1.8): what was written will not be saved. */
  readonly readOnly: boolean;
}

export interface HighlightOptions {
  readonly layout: TemplateLayout;
  /** ExcelApi 1.18: messages as notes; otherwise as input messages. */
  readonly notes: boolean;
  /** The separator Excel takes between the areas of an address (probed once per session). */
  readonly separator: () => Promise<AreaSeparator>;
  /** Titles of the template's help input messages: replaced while a cell is marked, then put back. */
  readonly templatePromptTitles: ReadonlySet<string>;
}

/** Cells per sheet and kind; an error hides a rejection or a warning on the same cell, a rejection a warning. */
function cellsBySheet(issues: readonly Issue[]): Map<string, Record<MarkKind, Set<string>>> {
  const bySheet = new Map<string, Record<MarkKind, Set<string>>>();
  for (const issue of issues) {
    if (!issue.cell || !issue.sheet) continue;
    const entry = bySheet.get(issue.sheet) ?? {
      error: new Set<string>(),
      warning: new Set<string>(),
      rejected: new Set<string>(),
    };
    for (const cell of cellsOfAddress(issue.cell)) entry[markKind(issue)].add(cell);
    bySheet.set(issue.sheet, entry);
  }
  for (const entry of bySheet.values()) {
    for (const cell of entry.error) {
      entry.warning.delete(cell);
      entry.rejected.delete(cell);
    }
    for (const cell of entry.rejected) entry.warning.delete(cell);
  }
  return bySheet;
}

interface SheetState {
  readonly name: string;
  readonly id: string;
  readonly sheet: Excel.Worksheet;
  readonly protected: boolean;
  /** Our rules and messages were there. */
  readonly marked: boolean;
}

interface Marks {
  readonly sheets: readonly SheetState[];
  readonly readOnly: boolean;
  /** What the setting records, minus what was just removed. */
  readonly messages: Record<string, SheetMessages>;
  /** Messages were removed: the setting must be saved again. */
  readonly changed: boolean;
}

/**
 * Finds the sheets to work on (the template's, wherever they are, and those of `extra`), checks their protection,
 * and removes our rules and messages from the unprotected ones (queued: the caller syncs).
 */
async function removeMarks(
  context: Excel.RequestContext,
  options: HighlightOptions,
  extra: readonly string[],
): Promise<Marks> {
  const templateSheets = probeTemplateSheets(context, options.layout);
  const workbook = context.workbook.load('readOnly');
  const setting = context.workbook.settings.getItemOrNullObject(CELL_MESSAGES_SETTING).load('value');
  await context.sync();
  const names = templateSheets.names();
  const present = new Map(names.all.map((n) => [n.toLowerCase(), n]));
  const wanted = [
    ...new Set([...checkedSheets(names), ...extra].map((n) => present.get(n.toLowerCase()))),
  ].filter((n): n is string => n !== undefined);
  const recorded: CellMessages = setting.isNullObject ? {} : readCellMessages(setting.value);

  const loaded = wanted.map((name) => {
    const sheet = context.workbook.worksheets.getItem(name).load('id');
    return {
      name,
      sheet,
      protection: sheet.protection.load('protected'),
      // Loading `custom` on a rule of another type fails, so formulas are loaded for custom rules only.
      rules: sheet.getRange().conditionalFormats.load('items/type'),
    };
  });
  await context.sync();

  const probes = loaded.map((s) => {
    const record = recorded[s.sheet.id];
    const writable = !s.protection.protected;
    return {
      ...s,
      record,
      writable,
      // Read on protected sheets too: they are reported when they hold marks of ours.
      customs: s.rules.items
        .filter((cf) => cf.type === 'Custom')
        .map((cf) => ({ cf, rule: cf.custom.rule.load('formula') })),
      notes:
        writable && options.notes
          ? (record?.notes ?? []).map((cell) =>
              context.workbook.notes.getItemOrNullObject(qualifiedCell(s.name, cell)).load('content'),
            )
          : [],
      prompts: writable
        ? (record?.prompts ?? []).map((p) => ({
            record: p,
            validation: s.sheet.getRange(p.cell).dataValidation.load('type,prompt'),
          }))
        : [],
    };
  });
  await context.sync();

  const messages: Record<string, SheetMessages> = { ...recorded };
  const states: SheetState[] = [];
  let changed = false;
  for (const s of probes) {
    const ours = s.customs.filter(({ rule }) => isHighlightFormula(rule.formula));
    const hadMessages = (s.record?.notes.length ?? 0) + (s.record?.prompts.length ?? 0) > 0;
    states.push({
      name: s.name,
      id: s.sheet.id,
      sheet: s.sheet,
      protected: !s.writable,
      marked: ours.length > 0 || hadMessages,
    });
    if (!s.writable) continue;
    for (const { cf } of ours) cf.delete();
    for (const note of s.notes) if (!note.isNullObject && isOurNote(note.content)) note.delete();
    for (const { record, validation } of s.prompts) {
      if (!isOurPrompt(validation.prompt)) continue;
      if (record.restore) validation.prompt = record.restore;
      else if (validation.type === 'None') validation.clear();
      else validation.prompt = { showPrompt: false, title: '', message: '' };
    }
    if (s.record && hadMessages) {
      changed = true;
      // Notes recorded by a host with ExcelApi 1.18 stay recorded until a host that can remove them runs.
      messages[s.sheet.id] = { name: s.name, notes: options.notes ? [] : s.record.notes, prompts: [] };
    }
  }
  return { readOnly: workbook.readOnly, messages, sheets: states, changed };
}

/** Saves where our messages are, when that changed (no write into the workbook otherwise). */
function saveMessages(
  context: Excel.RequestContext,
  messages: Record<string, SheetMessages>,
  changed: boolean,
): void {
  if (!changed) return;
  const kept = Object.fromEntries(
    Object.entries(messages).filter(([, m]) => m.notes.length > 0 || m.prompts.length > 0),
  );
  context.workbook.settings.add(CELL_MESSAGES_SETTING, kept);
}

/** The areas of a sheet's cells of one severity, as getRanges addresses. */
function addresses(cells: ReadonlySet<string>, separator: AreaSeparator): string[] {
  return chunkAreas(compactAreas(cells), undefined, separator);
}

/**
 * Replaces the previous marks by marks for `issues` (so a re-check after a fix leaves no stale
 * mark), on the template's sheets and those the issues name.
 */
export async function highlightIssues(
  run: ExcelRun,
  issues: readonly Issue[],
  options: HighlightOptions,
): Promise<HighlightSummary> {
  const bySheet = cellsBySheet(issues);
  const several = [...bySheet.values()].some((c) =>
    MARK_ORDER.some((kind) => compactAreas(c[kind]).length > 1),
  );
  // Its own Excel.run, before ours: a refused probe must not fail the marks.
  const separator = several ? await options.separator() : ',';
  return run(async (context) => {
    const marks = await removeMarks(context, options, [...bySheet.keys()]);
    const writable = marks.sheets.filter((s) => !s.protected);
    let rules = 0;
    let errors = 0;
    let warnings = 0;
    let rejected = 0;
    for (const { name, sheet } of writable) {
      const cells = [...bySheet].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
      if (!cells) continue;
      errors += cells.error.size;
      warnings += cells.warning.size;
      rejected += cells.rejected.size;
      // Warnings first: Office.js puts each new rule on top, so errors end up above warnings and rejections.
      for (const kind of MARK_ORDER) {
        const style = HIGHLIGHT_STYLE[kind];
        for (const address of addresses(cells[kind], separator)) {
          const cf = sheet.getRanges(address).conditionalFormats.add('Custom');
          cf.custom.rule.formula = highlightFormula(kind);
          cf.custom.format.fill.color = style.fill;
          cf.custom.format.font.color = style.font;
          if (style.bold) cf.custom.format.font.bold = true;
          for (const edge of EDGES) {
            const border = cf.custom.format.borders.getItem(edge);
            border.style = style.borderStyle;
            border.color = style.border;
          }
          rules++;
        }
      }
    }
    const messages = await writeCellMessages(context, issues, writable, marks.messages, options);
    saveMessages(context, marks.messages, marks.changed || messages > 0);
    await context.sync();
    const withIssues = new Set([...bySheet.keys()].map((n) => n.toLowerCase()));
    const protectedSheets = marks.sheets
      .filter((s) => s.protected && (s.marked || withIssues.has(s.name.toLowerCase())))
      .map((s) => s.name);
    return { errors, warnings, rejected, rules, messages, protectedSheets, readOnly: marks.readOnly };
  });
}

/** Notes (or input messages) at the marked cells; `record` gets where they went. Returns how many. */
async function writeCellMessages(
  context: Excel.RequestContext,
  issues: readonly Issue[],
  sheets: readonly SheetState[],
  record: Record<string, SheetMessages>,
  options: HighlightOptions,
): Promise<number> {
  const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
  const targets = cellsWithMessages(issues)
    .map((cell) => ({ cell, sheet: byName.get(cell.sheet.toLowerCase()) }))
    .filter((t): t is { cell: (typeof t)['cell']; sheet: SheetState } => t.sheet !== undefined);
  if (targets.length === 0) return 0;
  const probes = targets.map((t) => ({
    ...t,
    note: options.notes
      ? context.workbook.notes.getItemOrNullObject(qualifiedCell(t.sheet.name, t.cell.cell)).load('content')
      : undefined,
    validation: options.notes
      ? undefined
      : t.sheet.sheet.getRange(t.cell.cell).dataValidation.load('type,prompt'),
  }));
  await context.sync();
  let written = 0;
  for (const { cell, sheet, note, validation } of probes) {
    const entry = record[sheet.id] ?? { name: sheet.name, notes: [], prompts: [] };
    if (note) {
      // A cell with a note keeps it: the user's note is never replaced.
      if (!note.isNullObject) continue;
      sheet.sheet.notes.add(sheet.sheet.getRange(cell.cell), noteText(cell));
      record[sheet.id] = { ...entry, name: sheet.name, notes: [...entry.notes, cell.cell] };
      written++;
    } else if (validation) {
      const current = validation.prompt;
      const free = validation.type === 'None' && !current.showPrompt && current.message === '';
      const templateHelp = options.templatePromptTitles.has(current.title);
      if (!free && !templateHelp) continue;
      const prompt: PromptRecord = templateHelp
        ? { cell: cell.cell, restore: { ...current } }
        : { cell: cell.cell };
      validation.prompt = promptOf(cell);
      record[sheet.id] = { ...entry, name: sheet.name, prompts: [...entry.prompts, prompt] };
      written++;
    }
  }
  return written;
}

/** Removes every mark we made; the cells look exactly as before the check. */
export async function clearHighlights(run: ExcelRun, options: HighlightOptions): Promise<HighlightSummary> {
  return run(async (context) => {
    const marks = await removeMarks(context, options, []);
    saveMessages(context, marks.messages, marks.changed);
    await context.sync();
    return {
      errors: 0,
      warnings: 0,
      rules: 0,
      messages: 0,
      protectedSheets: marks.sheets.filter((s) => s.protected && s.marked).map((s) => s.name),
      readOnly: marks.readOnly,
    };
  });
}
