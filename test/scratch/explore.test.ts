import { readFileSync } from 'fs';
import { checkWorkbook } from '../../src/core/check';
import { collectFluxImport, importedWorkbookData } from '../../src/core/import';
import { proposeMapping } from '../../src/core/mapping';

it('explore', async () => {
  let xml = readFileSync('../shared/cdc/examples/cdc-flux-1.1.2-example.xml', 'utf8');
  xml = xml.replace('<cpf:sexe>M</cpf:sexe>', '<cpf:sexe>H</cpf:sexe>');
  const imported = await collectFluxImport([xml]);
  console.log(JSON.stringify(imported.result.issues, null, 1), imported.nonConforming, imported.content.passages[0]);
  const check = checkWorkbook(importedWorkbookData(imported.content), { today: new Date() });
  console.log(check.issues.map((i) => `${i.severity} ${i.sheet} ${i.cell} ${i.field} ${i.message}`).join('\n'));
  console.log(JSON.stringify(proposeMapping(['Nom de famille','Prénom','Date de naissance','Sexe','Code INSEE','N° de dossier','Diplôme','Date du jury','Date d’obtention','N° étudiant']), null, 0));
});
