import type { Dictionary } from '../../dictionary';
import { columnLetter } from '../template/layout';
import type { CellValue } from '../model/types';
import { convertForTarget, shown, type ConversionContext } from './conversions';
import { isBlank } from '../template/grid';
import {
  mappingMessage,
  type MappingIssueCode,
  type MappingMessageParams,
} from '../../i18n/mapping-messages';
import type { ColumnMapping } from './saved-mapping';
import { mappingTargets, type MappingTarget } from './targets';

/**
 * Copies rows of another spreadsheet into template rows through a confirmed mapping, one row at a time (so a
 * large sheet streams). The source values are only read. What is not copied — a column mapped to nothing, a row
 * with data only there, a second value of a per-file parameter — and what is copied unconverted is reported.
 */

export interface MappingIssue {
  readonly code: MappingIssueCode;
  readonly severity: 'error' | 'warning';
  /** Where in the source: sheet name, 1-based row (0 for a whole column), A1 column letter. */
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  /** Target the value was meant for (dictionary id or BIRTH_DATE_TARGET), or ''. */
  readonly target: string;
  readonly message: string;
}

export interface RowMapperOptions {
  readonly dictionary: Dictionary;
  readonly date1904?: boolean;
  /** Name of the source sheet, for messages. */
  readonly sheet?: string;
  /** 0-based index of the range's first column in its sheet, for column letters in messages. */
  readonly firstColumn?: number;
  /** At most this many issues are kept in detail; the others are counted. Default 200. */
  readonly maxIssues?: number;
}

export interface MappingSummary {
  /** Values for the parameters sheet (first value of each per-file column). */
  readonly parameters: Readonly<Record<string, CellValue>>;
  readonly rows: number;
  readonly issues: readonly MappingIssue[];
  readonly issueCounts: Readonly<Partial<Record<MappingIssueCode, number>>>;
}

const WARNINGS: ReadonlySet<MappingIssueCode> = new Set(['yearOnly', 'savedColumnMissing']);

export class RowMapper {
  private readonly targets: ReadonlyMap<string, MappingTarget>;
  private readonly ctx: ConversionContext;
  private readonly parameters: Record<string, CellValue> = {};
  private readonly issues: MappingIssue[] = [];
  private readonly counts: Partial<Record<MappingIssueCode, number>> = {};
  private readonly unmappedCounts = new Map<number, number>();
  private readonly conflicting = new Set<string>();
  private rows = 0;

  constructor(
    private readonly columns: readonly ColumnMapping[],
    private readonly options: RowMapperOptions,
  ) {
    this.targets = mappingTargets(options.dictionary);
    this.ctx = { date1904: options.date1904 ?? false, dictionary: options.dictionary };
    for (const c of columns) {
      if (c.target !== null && !this.targets.has(c.target))
        throw new Error(`Unknown mapping target ${c.target}`);
    }
  }

  private letter(column: number): string {
    return columnLetter((this.options.firstColumn ?? 0) + column);
  }

  report(
    code: MappingIssueCode,
    row: number,
    column: number | undefined,
    target: string,
    params: MappingMessageParams,
  ): void {
    this.counts[code] = (this.counts[code] ?? 0) + 1;
    if (this.issues.length >= (this.options.maxIssues ?? 200)) return;
    const sheet = this.options.sheet ?? '';
    const letter = column === undefined ? '' : this.letter(column);
    const where = [sheet, row > 0 ? `ligne ${row}` : '', letter ? `colonne ${letter}` : '']
      .filter(Boolean)
      .join(', ');
    this.issues.push({
      code,
      severity: WARNINGS.has(code) ? 'warning' : 'error',
      sheet,
      row,
      column: letter,
      target,
      message: `${where ? `${where} : ` : ''}${mappingMessage(code, params)}`,
    });
  }

  private targetName(target: string): string {
    const t = this.targets.get(target);
    if (!t) return target;
    return t.kind === 'birthDate' ? `« ${t.label} »` : `« ${t.label} » (${t.id})`;
  }

  /** Template cells of one source row (undefined when nothing of it is copied); `row` is its 1-based row number. */
  mapRow(values: readonly CellValue[], row: number): Record<string, CellValue> | undefined {
    const cells: Record<string, CellValue> = {};
    let copied = false;
    const leftOut: string[] = [];
    for (const c of this.columns) {
      const value = values[c.column];
      if (isBlank(value)) continue;
      if (c.target === null) {
        this.unmappedCounts.set(c.column, (this.unmappedCounts.get(c.column) ?? 0) + 1);
        leftOut.push(c.header || this.letter(c.column));
        continue;
      }
      const target = this.targets.get(c.target) as MappingTarget;
      const conversion = convertForTarget(c.target, value, this.ctx);
      if (conversion.kind === 'empty') continue;
      const params = {
        header: c.header,
        value: conversion.kind === 'converted' ? shown(value) : conversion.value,
        target: this.targetName(c.target),
      };
      if (conversion.kind === 'kept') this.report('unconvertible', row, c.column, c.target, params);
      if (conversion.kind === 'partial') this.report('yearOnly', row, c.column, c.target, params);
      if (target.kind === 'parameter') {
        this.setParameter(target.id, conversion.cells[target.id], row, c);
        continue;
      }
      Object.assign(cells, conversion.cells);
      copied = true;
    }
    if (!copied) {
      if (leftOut.length > 0)
        this.report('rowOutsideMapping', row, undefined, '', { header: leftOut.join(', ') });
      return undefined;
    }
    this.rows++;
    return cells;
  }

  private setParameter(id: string, value: CellValue, row: number, c: ColumnMapping): void {
    if (!(id in this.parameters)) {
      this.parameters[id] = value;
      return;
    }
    const first = this.parameters[id];
    if (shown(first) === shown(value) || this.conflicting.has(id)) return;
    // Reported once per field: every later row would say the same.
    this.conflicting.add(id);
    this.report('conflictingParameter', row, c.column, id, {
      header: c.header,
      target: this.targetName(id),
      value: shown(value),
      other: shown(first),
    });
  }

  summary(): MappingSummary {
    for (const [column, count] of this.unmappedCounts) {
      const c = this.columns.find((m) => m.column === column);
      this.report('unmappedColumn', 0, column, '', { header: c?.header ?? '', count });
    }
    this.unmappedCounts.clear();
    return { parameters: this.parameters, rows: this.rows, issues: this.issues, issueCounts: this.counts };
  }
}

export interface MappedContent extends MappingSummary {
  readonly passages: readonly Record<string, CellValue>[];
}

/** Maps a whole range in memory (the task pane's case): `rows` are the data rows under the header row `headerRow`. */
export function applyMapping(
  rows: readonly (readonly CellValue[])[],
  columns: readonly ColumnMapping[],
  headerRow: number,
  options: RowMapperOptions,
): MappedContent {
  const mapper = new RowMapper(columns, options);
  const passages: Record<string, CellValue>[] = [];
  rows.forEach((values, i) => {
    const cells = mapper.mapRow(values, headerRow + 1 + i);
    if (cells) passages.push(cells);
  });
  return { ...mapper.summary(), passages };
}
