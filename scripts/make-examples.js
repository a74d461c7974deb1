#!/usr/bin/env node
'use strict';
// Writes the bundled example workbooks from src/core/template/examples.ts (run `npm run build:cli` first).
const path = require('node:path');
const { createTemplateWorkbook } = require('../dist/xlsx/xlsx-template');
const { EXAMPLE_VALID, EXAMPLE_WITH_MISTAKES } = require('../dist/core/template/examples');

async function main() {
  const dir = path.join(__dirname, '..', 'examples');
  await createTemplateWorkbook(undefined, EXAMPLE_VALID).xlsx.writeFile(
    path.join(dir, 'exemple-valide.xlsx'),
  );
  await createTemplateWorkbook(undefined, EXAMPLE_WITH_MISTAKES).xlsx.writeFile(
    path.join(dir, 'exemple-erreurs.xlsx'),
  );
  console.log(`Exemples écrits dans ${dir}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
