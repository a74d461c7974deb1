import { buildTemplateSpec } from '../../../src/core/template/template-spec';
import { DICTIONARY } from '../../support/dictionary';

describe('template spec', () => {
  it('writes no text that Excel would take for a formula, a number, a date or a boolean outside a text cell', () => {
    // Range.values parses strings (typings l.38744, office-js #1559); the writers set "@" first when the spec says so.
    const spec = buildTemplateSpec(DICTIONARY);
    const risky = spec.sheets.flatMap((sheet) =>
      sheet.cells
        .filter((cell) => cell.value !== undefined && cell.numberFormat !== '@')
        .filter((cell) => /^\s*[=+\-@']|^\s*[\d.,/%-]+\s*$|^\s*(true|false)\s*$/i.test(cell.value ?? ''))
        .map((cell) => `${sheet.name}!${cell.address}: ${cell.value}`),
    );
    expect(risky).toEqual([]);
  });
});
