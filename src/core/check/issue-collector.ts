import type { Dictionary, FieldDef } from '../../dictionary';
import {
  fieldName,
  locationPrefix,
  messageFor,
  type FieldNamer,
  type IssueCode,
  type MessageParams,
} from '../../i18n/check-messages';
import type { Issue, IssueFix, Severity, SourceSheet } from '../model/types';

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

/** "« Nom de naissance » (8.1)" of a field of this schema version; the id alone when the version lacks it. */
export function fieldNamer(dictionary: Dictionary): FieldNamer {
  const labels = new Map(dictionary.fields.map((f) => [f.id, f]));
  return (id) => {
    const field = labels.get(id);
    return field ? fieldName(field) : `(${id})`;
  };
}

/** The fix a message proposes, for the surfaces that can offer it (the pane's buttons). */
function fixOf(params: MessageParams): IssueFix | undefined {
  if (params.command !== undefined) return { kind: 'command', command: params.command };
  if (params.suggestion !== undefined) return { kind: 'value', value: params.suggestion };
  return undefined;
}

/** Collects the issues of a check, each with its location and its French text (src/i18n/check-messages.ts). */
export class IssueCollector {
  readonly issues: Issue[] = [];
  private readonly name: FieldNamer;

  constructor(dictionary: Dictionary) {
    this.name = fieldNamer(dictionary);
  }

  add(
    severity: Severity,
    code: IssueCode,
    where: IssuePlace,
    field: FieldDef | undefined,
    params: MessageParams = {},
  ): void {
    const location = locationPrefix(where.sheet, where.cell, where.row, field);
    const text = messageFor(code, field, params, this.name);
    const fix = fixOf(params);
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
      ...(fix ? { fix } : {}),
    });
  }
}
