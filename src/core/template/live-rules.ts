import { leafFields, type ChoiceNode, type Dictionary } from '../../dictionary';
import { FIRST_DATA_ROW, type LayoutColumn } from './layout';

/**
 * Conditional formats that show a mistake while people type, for what an Excel formula can express: an empty
 * mandatory cell on a row that has data, a text of the wrong length. The full check stays the core's; these
 * only give early feedback. Which identity block a row uses is worked out by the same rule as chosenOption
 * (src/dictionary/choices.ts), written as a formula.
 */

/** How many rows of the template get drop-down lists and live formats (Excel extends them as the table grows). */
export const TEMPLATE_ROWS = 5000;

export interface LiveRule {
  /** Column letter the format applies to. */
  readonly column: string;
  readonly field: string;
  /** Formula relative to the first data row, without "=" (Excel evaluates it for each row). */
  readonly formula: string;
  readonly why: 'required' | 'length';
}

/** "OR(LEN(TRIM($X2))>0,…)": some field of the option is filled on the row (false when none has a column). */
function anyFilled(fields: readonly string[], columnOf: (id: string) => string | undefined): string {
  const tests = fields
    .map(columnOf)
    .filter((c): c is string => c !== undefined)
    .map((c) => `LEN(TRIM($${c}${FIRST_DATA_ROW}))>0`);
  return tests.length === 0 ? 'FALSE' : tests.length === 1 ? tests[0] : `OR(${tests.join(',')})`;
}

/** The formula saying the row takes `option` of `choice`: chosenOption's rule, option by option. */
function optionChosen(choice: ChoiceNode, option: string, columnOf: (id: string) => string | undefined) {
  const index = choice.options.findIndex((o) => o.tag === option);
  const before = choice.options.slice(0, index).map((o) => `NOT(${anyFilled(leafFields(o), columnOf)})`);
  const own =
    index < choice.options.length - 1 ? [anyFilled(leafFields(choice.options[index]), columnOf)] : [];
  return [...before, ...own];
}

export function liveRules(columns: readonly LayoutColumn[], dictionary: Dictionary): LiveRule[] {
  const r = FIRST_DATA_ROW;
  const last = columns[columns.length - 1].column;
  const rowHasData = `COUNTA($A${r}:$${last}${r})>0`;
  const columnOf = (id: string) => columns.find((c) => c.field === id)?.column;
  const rules: LiveRule[] = [];
  for (const c of columns) {
    const field = dictionary.field(c.field);
    const cell = `${c.column}${r}`;
    if (field.status === 'required') {
      const conditions = dictionary.placement(field.id).choices.flatMap(({ choice, option }) => {
        const node = dictionary.choices.find((x) => x.name === choice) as ChoiceNode;
        return optionChosen(node, option, columnOf);
      });
      // A field of an option that is chosen only when filled needs no "row has data" test.
      const needsData = conditions.every((x) => x.startsWith('NOT('));
      const parts = [...(needsData ? [rowHasData] : []), ...conditions, `LEN(TRIM(${cell}))=0`];
      rules.push({ column: c.column, field: c.field, why: 'required', formula: `AND(${parts.join(',')})` });
    }
    if (field.kind !== 'string') continue;
    if (field.length !== undefined) {
      const formula = `AND(LEN(${cell})>0,LEN(TRIM(${cell}))<>${field.length})`;
      rules.push({ column: c.column, field: c.field, why: 'length', formula });
    } else if (field.maxLength !== undefined) {
      rules.push({
        column: c.column,
        field: c.field,
        why: 'length',
        formula: `LEN(TRIM(${cell}))>${field.maxLength}`,
      });
    }
  }
  return rules;
}
