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
  /** Texts of the group being added, by its params: rows of one group that name the same rows share one text. */
  private groupTexts = new Map<MessageParams, string>();
  private currentGroup: string | undefined;

  constructor(dictionary: Dictionary) {
    this.name = fieldNamer(dictionary);
  }

  add(
    severity: Severity,
    code: IssueCode,
    where: IssuePlace,
    field: FieldDef | undefined,
    params: MessageParams = {},
    /** Shared by the issues of one finding over several rows (cross-row rules). */
    group?: string,
  ): void {
    const location = locationPrefix(where.sheet, where.cell, where.row, field);
    const text =
      group === undefined
        ? messageFor(code, field, params, this.name)
        : this.groupText(group, code, field, params);
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
      ...(group === undefined ? {} : { group }),
    });
  }

  /**
   * The text of a row of a group: the rows of one group are added one after the other, and all but the first few
   * name the same other rows with the same params object, so 100 000 rows of one group hold a dozen texts, not
   * 100 000 copies (the message joins the location to it without copying it).
   */
  private groupText(
    group: string,
    code: IssueCode,
    field: FieldDef | undefined,
    params: MessageParams,
  ): string {
    if (group !== this.currentGroup) {
      this.currentGroup = group;
      this.groupTexts = new Map();
    }
    let text = this.groupTexts.get(params);
    if (text === undefined) this.groupTexts.set(params, (text = messageFor(code, field, params, this.name)));
    return text;
  }
}
