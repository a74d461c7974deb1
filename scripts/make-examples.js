#!/usr/bin/env node
'use strict';
// Writes the bundled example workbooks from src/core/template/examples.ts (run `npm run build:cli` first).
const path = require('node:path');
const { createTemplateWorkbook } = require('../dist/xlsx/xlsx-template');
const { EXAMPLE_VALID, EXAMPLE_WITH_MISTAKES } = require('../dist/core/template/examples');
const { CURRENT_SCHEMA_VERSION, getDictionary } = require('../dist/dictionary');

async function main() {
  // A composition root: the examples follow the current schema version.
  const dictionary = getDictionary(CURRENT_SCHEMA_VERSION);
  const dir = path.join(__dirname, '..', 'examples');
  await createTemplateWorkbook(dictionary, EXAMPLE_VALID).xlsx.writeFile(
    path.join(dir, 'exemple-valide.xlsx'),
  );
  await createTemplateWorkbook(dictionary, EXAMPLE_WITH_MISTAKES).xlsx.writeFile(
    path.join(dir, 'exemple-erreurs.xlsx'),
  );
  console.log(`Exemples écrits dans ${dir}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
