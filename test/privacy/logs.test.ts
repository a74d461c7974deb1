import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkWorkbook } from '../../src/core/check/check';
import { exportWorkbook } from '../../src/core/export/export';
import { REPO_ROOT } from '../support/cli';
import { validPassage, workbook } from '../support/workbook';
import { DICTIONARY } from '../support/dictionary';

/**
 * No personal data in logs: the core and the add-in never write to the console (values reach the user
 * only through the located messages of the pane and the CLI), checked statically and by running them.
 */

const WATCHED = [
  'src/dictionary',
  'src/core',
  'src/i18n',
  'src/office',
  'src/controllers',
  'src/taskpane',
  'src/commands',
  'src/workers',
];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourcesUnder(full);
    return /\.(ts|tsx|js)$/.test(name) ? [full] : [];
  });
}

describe('no personal data in logs', () => {
  it('the core and the add-in contain no console call', () => {
    const offenders = WATCHED.flatMap((dir) => sourcesUnder(path.join(REPO_ROOT, dir)))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(REPO_ROOT, file)}:${i + 1}` }))
          .filter(
            ({ line }) =>
              /\bconsole\.(log|error|warn|info|debug|trace|dir|table)\s*\(/.test(line) &&
              !/^\s*(\/\/|\*)/.test(line),
          ),
      )
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('checking and exporting a workbook writes nothing to the console', async () => {
    const calls: unknown[][] = [];
    const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void calls.push(args)),
    );
    try {
      const data = workbook([
        validPassage({ '8.1': 'Zébulon-Confidentiel', '8.9': 'H' }),
        validPassage({ '5.1': 'P-2' }),
      ]);
      checkWorkbook(data, { dictionary: DICTIONARY });
      await exportWorkbook(workbook([validPassage({ '8.1': 'Zébulon-Confidentiel' })]), {
        dictionary: DICTIONARY,
      });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(calls).toEqual([]);
  });
});
