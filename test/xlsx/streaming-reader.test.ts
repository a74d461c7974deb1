import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
// jszip comes with exceljs (which writes .xlsx with it); here it reorders the entries of a zip.
import JSZip from 'jszip';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { tempDir } from '../support/cli';
import { DICTIONARY } from '../support/dictionary';

/** Rewrites an .xlsx with its entries in the given order of path patterns (others keep their order, last). */
async function reorder(file: string, first: RegExp[]): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const ordered = [...first.flatMap((re) => names.filter((n) => re.test(n))), ...names];
  const out = new JSZip();
  for (const name of [...new Set(ordered)]) out.file(name, await zip.files[name].async('uint8array'));
  const target = path.join(tempDir(), 'reordered.xlsx');
  writeFileSync(target, await out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  return target;
}

describe('reading .xlsx files whatever the order of their zip entries', () => {
  it('reads worksheets stored before workbook.xml (it used to crash on "sheets")', async () => {
    const file = path.join(tempDir(), 'exemple.xlsx');
    await createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID).xlsx.writeFile(file);
    const normal = await readTemplateWorkbook(file, DICTIONARY);
    const reordered = await reorder(file, [
      /^\[Content_Types\]\.xml$/,
      /^_rels\//,
      /^xl\/_rels\//,
      /^xl\/sharedStrings\.xml$/,
      /^xl\/worksheets\/sheet\d+\.xml$/,
    ]);
    const data = await readTemplateWorkbook(reordered, DICTIONARY);
    expect(data.passages.name).toBe('Passages');
    expect(data.passages.rows).toEqual(normal.passages.rows);
    expect(data.parameters.cells).toEqual(normal.parameters.cells);
  });
});

describe('reading a link typed as a hyperlink', () => {
  it('reads the text of the cell, not an object', async () => {
    const file = path.join(tempDir(), 'lien.xlsx');
    const passages = [
      {
        ...EXAMPLE_VALID.passages?.[0],
        '5.2': { text: 'https://preuve.example.org/1', hyperlink: 'https://preuve.example.org/1' },
      },
    ];
    await createTemplateWorkbook(DICTIONARY, { ...EXAMPLE_VALID, passages, digcomp: [] }).xlsx.writeFile(
      file,
    );
    const data = await readTemplateWorkbook(file, DICTIONARY);
    expect(data.passages.rows[0].cells['5.2']).toBe('https://preuve.example.org/1');
  });
});
