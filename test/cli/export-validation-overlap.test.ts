import { readdirSync } from 'node:fs';
import path from 'node:path';
import { exportCommand } from '../../src/cli/commands';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, tempDir } from '../support/cli';
import { DICTIONARY } from '../support/dictionary';

/**
 * The CLI export validates the parts (worker threads) while it writes and reads back the files (main thread):
 * whichever ends first, nothing gets its final name unless both succeeded, and a validation that fails while
 * the files are still being written is reported, never left as an unhandled rejection.
 */

type Validate = typeof import('../../src/workers/node/validate-xml').validateXml;
const validator: { impl?: Validate } = {};

jest.mock('../../src/workers/node/validate-xml', () => {
  const actual = jest.requireActual('../../src/workers/node/validate-xml');
  return {
    ...actual,
    validateXml: (...args: Parameters<Validate>) => (validator.impl ?? actual.validateXml)(...args),
  };
});

const now = new Date('2026-11-23T10:15:00Z');

async function workbookIn(dir: string): Promise<string> {
  const file = path.join(dir, 'passages.xlsx');
  await createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID).xlsx.writeFile(file);
  return file;
}

afterEach(() => {
  validator.impl = undefined;
});

describe('validation and writing overlap, and nothing is named before both succeed', () => {
  it('xmllint cannot run while the file is being written: the error is reported and no file is left', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    validator.impl = () =>
      Promise.reject(new Error("La validation XSD n'a pas pu aboutir (xmllint, code 9)"));
    await expect(
      exportCommand(captureIO(), book, { output: path.join(dir, 'envoi.xml'), now }),
    ).rejects.toThrow(/La validation XSD n'a pas pu aboutir/);
    expect(readdirSync(dir)).toEqual(['passages.xlsx']);
  });

  it('the schema refuses the parts after the file is written: exit 1, the problem said, no file left', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    // Answers once the main thread has had time to write and read back the file.
    validator.impl = () =>
      new Promise((resolve) =>
        setTimeout(
          () =>
            resolve({
              valid: false,
              errors: [
                {
                  line: 3,
                  code: 'badFormat',
                  message: 'Identifiant du flux : format refusé.',
                  raw: "Element 'cpf:idFlux': [facet 'pattern'] The value is not accepted.",
                },
              ],
            }),
          300,
        ),
      );
    const io = captureIO();
    expect(await exportCommand(io, book, { output: path.join(dir, 'envoi.xml'), now })).toBe(1);
    expect(io.stdout.join('\n')).toContain('Identifiant du flux : format refusé.');
    expect(io.stderr.join('\n')).toMatch(
      /^Export refusé : le fichier produit ne passe pas .*aucun fichier n’a été écrit\.$/m,
    );
    expect(readdirSync(dir)).toEqual(['passages.xlsx']);
  });

  it('the real validator: the file is named once written, read back and valid', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    expect(await exportCommand(captureIO(), book, { output: path.join(dir, 'envoi.xml'), now })).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['envoi.xml', 'passages-suivi.xlsx', 'passages.xlsx']);
  });
});
