import type { FieldDef } from '../../dictionary';
import { locationPrefix, messageFor, type IssueCode, type MessageParams } from '../../i18n/check-messages';
import type { Issue, Severity, SourceSheet } from '../model/types';

/** Where an issue is shown: a sheet, a 1-based row (0 for none) and an A1 cell ('' for none). */
export interface IssuePlace {
  readonly sheet: string;
  readonly row: number;
  readonly cell: string;
}

/** The cell of a field on a row of a template sheet ('' when the sheet lacks the column). */
export function cellOf(sheet: SourceSheet, row: number, fieldId: string): IssuePlace {
  const column = sheet.columns[fieldId];
  return { sheet: sheet.name, row, cell: column ? `${column}${row}` : '' };
}

/** Collects the issues of a check, each with its location and its French text (src/i18n/check-messages.ts). */
export class IssueCollector {
  readonly issues: Issue[] = [];

  add(
    severity: Severity,
    code: IssueCode,
    where: IssuePlace,
    field: FieldDef | undefined,
    params: MessageParams = {},
  ): void {
    const location = locationPrefix(where.sheet, where.cell, where.row, field);
    const text = messageFor(code, field, params);
    this.issues.push({
      sheet: where.sheet,
      cell: where.cell,
      row: where.row,
      field: field?.id ?? '',
      tag: field?.tag ?? '',
      severity,
      code,
      location,
      text,
      message: `${location} : ${text}`,
    });
  }
}
