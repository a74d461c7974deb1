#!/usr/bin/env node
'use strict';
/**
 * The workbooks of the field test in real Excel (docs/recette-excel.md), built from the bundled example with the
 * CLI's template writer (run `npm run build:cli` first, or `npm run recette`):
 * - recette-texte.xlsx: an empty template and a « Source » sheet whose cells hold, as text, what Excel would turn
 *   into formulas, numbers or dates (« Reprendre un autre tableau », steps 5 and 6);
 * - recette-<N>-passages.xlsx: a valid template with N fictitious passages (20 000 by default, step 12).
 * Usage: node scripts/make-recette-workbooks.js [passages] [folder]   (folder: ./recette by default)
 * Every name and number is invented: no personal data.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createTemplateWorkbook } = require('../dist/xlsx/xlsx-template');
const { EXAMPLE_VALID } = require('../dist/core/template/examples');
const { CURRENT_SCHEMA_VERSION, getDictionary } = require('../dist/dictionary');

/** What the user types in the « Source » sheet of step 5, all formatted as text beforehand. */
const SOURCE = [
  [
    'Nom de naissance',
    'Code postal de naissance',
    'Commune de naissance',
    "Date de l'examen ou de début des épreuves",
    'Année de naissance',
  ],
  ['=1+1', '01004', 'Ambérieu', '01/02/2024', '1990'],
  ['-Dupont', '01004', 'Ambérieu', '13/02/2024', '=1+1'],
  ['+33 6 12', '01004', 'Ambérieu', '01/02/2024', 'VRAI'],
  ['@Martin', '01004', 'Ambérieu', '01/02/2024', '10%'],
  ['VRAI', '01004', 'Ambérieu', '01/02/2024', '3,5'],
  ['10%', '01004', 'Ambérieu', '01/02/2024', '01/13/2024'],
  ['3,5', '01004', 'Ambérieu', '01/02/2024', '2024-02-01'],
  ["'Durand", '01004', 'Ambérieu', '01/02/2024', '@Martin'],
];

const DAY_MS = 86_400_000;

/** "A", "B", … "Z", "BA", …: a distinct suffix per passage, letters only (names take no digits). */
function letters(n) {
  let text = '';
  do {
    text = String.fromCharCode(65 + (n % 26)) + text;
    n = Math.floor(n / 26);
  } while (n > 0);
  return text;
}

/** `count` valid passages: the example's rows in turn, each with its own identifier and surname, issued recently. */
function passages(count, today) {
  const examples = EXAMPLE_VALID.passages;
  const issued = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 30 * DAY_MS,
  );
  const jury = new Date(issued.getTime() - 14 * DAY_MS);
  return Array.from({ length: count }, (_, i) => {
    const row = { ...examples[i % examples.length] };
    row['5.1'] = `RECETTE-${String(i + 1).padStart(6, '0')}`;
    // A different person each time: the surname (bloc 8) or the CPF file and its name (bloc 9) change.
    if (row['9.1'] !== undefined) {
      row['9.1'] = `2026${String(i + 1).padStart(9, '0')}`;
      row['9.2'] = `${row['9.2']}-${letters(i)}`;
    } else row['8.1'] = `${row['8.1']}-${letters(i)}`;
    for (const field of ['5.6', '5.7']) if (row[field] instanceof Date) row[field] = jury;
    row['5.10'] = issued;
    return row;
  });
}

async function main() {
  const count = Number(process.argv[2] ?? 20_000);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`Nombre de passages invalide : ${process.argv[2]}`);
  const folder = path.resolve(process.argv[3] ?? 'recette');
  fs.mkdirSync(folder, { recursive: true });
  // A composition root: the workbooks follow the current schema version.
  const dictionary = getDictionary(CURRENT_SCHEMA_VERSION);

  const text = createTemplateWorkbook(dictionary, { parameters: EXAMPLE_VALID.parameters });
  const source = text.addWorksheet('Source');
  SOURCE.forEach((values, r) =>
    values.forEach((value, c) => {
      const cell = source.getCell(r + 1, c + 1);
      cell.numFmt = '@';
      cell.value = value;
    }),
  );
  source.columns.forEach((column) => (column.width = 28));
  const textFile = path.join(folder, 'recette-texte.xlsx');
  await text.xlsx.writeFile(textFile);

  const big = createTemplateWorkbook(dictionary, {
    parameters: EXAMPLE_VALID.parameters,
    passages: passages(count, new Date()),
  });
  const bigFile = path.join(folder, `recette-${count}-passages.xlsx`);
  await big.xlsx.writeFile(bigFile);
  console.log(`Classeurs de recette écrits :\n  ${textFile}\n  ${bigFile} (${count} passages)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
