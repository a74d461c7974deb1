/// <reference types="office-js" />
import type { Issue, Severity } from '../core/model/types';
import { excelText } from '../i18n/excel-messages';

/**
 * The message of a highlighted cell, shown at the cell: a note with ExcelApi 1.18 (NoteCollection), else a
 * data-validation input message. Never over the user's own: a cell that already has a note gets none, and an input
 * message is only set on a cell without validation or with the template's help (restored afterwards). Where we
 * put them is kept in a workbook setting, so the next check or « Effacer les surlignages » removes exactly ours
 * (loading a sheet's notes fails on Excel on the web, office-js #6198).
 */

export const CELL_MESSAGES_SETTING = 'accrochage-cdc.messages-cellules';
/** Notes or input messages written per check at most: the pane lists every problem anyway. */
export const MAX_CELL_MESSAGES = 500;
/** Every note we write starts with it; a note that no longer does is the user's (they edited it). */
export const NOTE_PREFIX = `${excelText.cellMessageTitle} – `;
/** Data validation input messages: 32 characters of title, 255 of message (Excel's limits). */
const PROMPT_TITLE_MAX = 32;
const PROMPT_MESSAGE_MAX = 255;
/** Notes hold more, but a long one is unreadable. */
const NOTE_MAX = 1000;

type Prompt = { showPrompt: boolean; title: string; message: string };

export interface PromptRecord {
  readonly cell: string;
  /** The template's help that was there, put back when our message goes. */
  readonly restore?: Prompt;
}

export interface SheetMessages {
  readonly name: string;
  readonly notes: readonly string[];
  readonly prompts: readonly PromptRecord[];
}

/** By worksheet id (stable when the sheet is renamed). */
export type CellMessages = Readonly<Record<string, SheetMessages>>;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One cell's issues, errors first: its severity and the lines of its message. */
export interface CellIssues {
  readonly sheet: string;
  readonly cell: string;
  readonly severity: Severity;
  readonly texts: readonly { readonly severity: Severity; readonly text: string }[];
}

/** The cells to write a message on, errors first, at most MAX_CELL_MESSAGES. */
export function cellsWithMessages(issues: readonly Issue[]): CellIssues[] {
  const byCell = new Map<
    string,
    { sheet: string; cell: string; texts: { severity: Severity; text: string }[] }
  >();
  for (const issue of issues) {
    if (!issue.cell || !issue.sheet) continue;
    // A whole row ("A5:BA5", a rejection the CDC did not place more precisely) gets its message at its first cell.
    const cell = issue.cell.replace(/\$/g, '').toUpperCase().split(':')[0];
    const key = `${issue.sheet}!${cell}`;
    const entry = byCell.get(key) ?? { sheet: issue.sheet, cell, texts: [] };
    if (!entry.texts.some((t) => t.text === issue.text))
      entry.texts.push({ severity: issue.severity, text: issue.text });
    byCell.set(key, entry);
  }
  const cells = [...byCell.values()].map((e) => {
    const texts = [
      ...e.texts.filter((t) => t.severity === 'error'),
      ...e.texts.filter((t) => t.severity !== 'error'),
    ];
    return { ...e, texts, severity: texts[0].severity };
  });
  cells.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return cells.slice(0, MAX_CELL_MESSAGES);
}

export function noteText(cell: CellIssues): string {
  return clip(
    cell.texts.map((t) => `${NOTE_PREFIX}${excelText.severity[t.severity]} : ${t.text}`).join('\n'),
    NOTE_MAX,
  );
}

export function isOurNote(content: string): boolean {
  return content.startsWith(NOTE_PREFIX);
}

export function promptOf(cell: CellIssues): Prompt {
  return {
    showPrompt: true,
    title: clip(
      `${excelText.cellMessageTitle} : ${excelText.severity[cell.severity].toLowerCase()}`,
      PROMPT_TITLE_MAX,
    ),
    message: clip(
      cell.texts.map((t) => `${excelText.severity[t.severity]} : ${t.text}`).join('\n'),
      PROMPT_MESSAGE_MAX,
    ),
  };
}

export function isOurPrompt(prompt: Prompt): boolean {
  return prompt.title.startsWith(`${excelText.cellMessageTitle} : `);
}

/** The address of a cell of a named sheet, as the workbook's note collection needs it. */
export function qualifiedCell(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** The saved record, or an empty one for a missing or unreadable setting. */
export function readCellMessages(value: unknown): CellMessages {
  if (typeof value !== 'object' || value === null) return {};
  return value as CellMessages;
}
