import { inProcessCoreRunner } from '../../../src/workers/core-runner';
import {
  boundedMessage,
  listedIssues,
  MAX_MESSAGE_CHARS,
  withBoundedOutcome,
} from '../../../src/core/check/bounded-issues';
import type { Issue } from '../../../src/core/model/types';
import { DICTIONARY } from '../../support/dictionary';
import { validPassage, workbook } from '../../support/workbook';

/** What a check hands to the CLI and to the pane is bounded, whatever the workbook. */

const issue = (message: string, severity: Issue['severity'] = 'error', group?: string): Issue => ({
  sheet: 'Passages',
  cell: 'D2',
  row: 2,
  field: '5.1',
  tag: 'idTechnique',
  severity,
  code: 'duplicateIdTechnique',
  location: 'Passages, ligne 2, colonne D',
  text: message,
  message: `Passages, ligne 2, colonne D : ${message}`,
  ...(group ? { group } : {}),
});

describe('bounded messages', () => {
  it('leaves a normal message alone and cuts a long one at a separator, saying how much was cut', () => {
    expect(boundedMessage('court')).toBe('court');
    const rows = Array.from({ length: 3000 }, (_v, i) => i + 2).join(', ');
    const cut = boundedMessage(`aussi utilisé ligne(s) ${rows}.`);
    expect(cut.length).toBeLessThan(MAX_MESSAGE_CHARS + 60);
    expect(cut).toMatch(/, \d+… \(message abrégé : [\d\s\u202f]+ caractères de plus\)$/);
  });

  it('lists the first problems and counts the others by severity', () => {
    const issues = [issue('a'), issue('b', 'warning'), issue('c'), issue('d', 'warning'), issue('e')];
    expect(listedIssues(issues, 2)).toEqual({
      listed: issues.slice(0, 2),
      omitted: { errors: 2, warnings: 1 },
    });
  });

  it('lists a group of repeated rows once, by its first issue, without counting its other rows as left out', () => {
    const same = (row: string) => issue(`même identifiant ${row}`, 'error', 'duplicateIdTechnique@2');
    const issues = [same('2'), issue('a'), same('3'), same('4'), issue('b', 'warning'), same('5')];
    expect(listedIssues(issues, 10)).toEqual({
      listed: [issues[0], issues[1], issues[4]],
      omitted: { errors: 0, warnings: 0 },
    });
    // Past the limit, a group not shown counts every one of its rows.
    expect(listedIssues([issue('a'), ...issues.filter((i) => i.group)], 1).omitted).toEqual({
      errors: 4,
      warnings: 0,
    });
  });

  it('bounds an export outcome, refused or not', () => {
    const long = 'x'.repeat(10 * MAX_MESSAGE_CHARS);
    const outcome = withBoundedOutcome({
      ok: false,
      issues: [issue(long)],
      check: { issues: [issue(long)] },
    });
    expect(outcome.issues[0].message.length).toBeLessThan(MAX_MESSAGE_CHARS + 60);
    expect(outcome.issues[0].text.length).toBeLessThan(MAX_MESSAGE_CHARS + 60);
    expect(outcome.check.issues[0].message.length).toBeLessThan(MAX_MESSAGE_CHARS + 60);
  });
});

describe('the pane gets bounded messages too', () => {
  it('a check of 3 000 rows sharing one idTechnique: no message past the limit', async () => {
    const data = workbook(Array.from({ length: 3000 }, () => validPassage()));
    const result = await inProcessCoreRunner(undefined, DICTIONARY).check(
      data,
      {},
      new AbortController().signal,
      () => {},
    );
    expect(result.issues.filter((i) => i.code === 'duplicateIdTechnique')).toHaveLength(3000);
    expect(Math.max(...result.issues.map((i) => i.message.length))).toBeLessThan(MAX_MESSAGE_CHARS + 60);
  });
});
