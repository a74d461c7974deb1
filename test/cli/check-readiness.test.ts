import path from 'node:path';
import { checkCommand } from '../../src/cli/commands';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, tempDir } from '../support/cli';
import { REALISTIC_TODAY, realisticRows } from '../support/realistic-workbook';
import { VALID_PARAMETERS } from '../support/workbook';
import { DICTIONARY } from '../support/dictionary';

async function writeWorkbook(passages: Record<string, unknown>[]): Promise<string> {
  const file = path.join(tempDir(), 'passages.xlsx');
  const content = { parameters: VALID_PARAMETERS, passages } as Parameters<typeof createTemplateWorkbook>[1];
  await createTemplateWorkbook(DICTIONARY, content).xlsx.writeFile(file);
  return file;
}

describe('accrochage check: readiness and deadlines', () => {
  it('prints the readiness counts and the 3-month deadline, then the summary last', async () => {
    const rows = realisticRows(80).map((r) => r.input);
    const io = captureIO();
    const code = await checkCommand(io, await writeWorkbook(rows), { today: REALISTIC_TODAY });
    expect(code).toBe(1);
    const text = io.stdout.join('\n');
    expect(text).toMatch(
      /^Passages prêts à envoyer : \d+ ; à risque de rejet : \d+ ; bloqués par une erreur : \d+\.$/m,
    );
    expect(text).toMatch(
      /^Délai d'envoi \(3 mois après la délivrance\) : 1 passage en retard, \d+ à envoyer dans les 15 jours\.$/m,
    );
    expect(text).toMatch(
      /ATTENTION Passages, ligne \d+, colonne \w+ « Jour de naissance » \(8\.8\) : le jour de naissance est vide/,
    );
    expect(io.stdout.at(-1)).toMatch(/^\d+ erreurs?, \d+ avertissements? sur 80 passages/);
  });

  it('lists the passages to send soon with their last day', async () => {
    const row = realisticRows(1)[0].input;
    const io = captureIO();
    await checkCommand(io, await writeWorkbook([{ ...row, '5.10': '01/09/2026' }]), {
      today: REALISTIC_TODAY,
    });
    expect(io.stdout).toContain(
      'Passages prêts à envoyer : 1 ; à risque de rejet : 0 ; bloqués par une erreur : 0.',
    );
    expect(io.stdout).toContain(
      "Délai d'envoi (3 mois après la délivrance) : 0 passage en retard, 1 à envoyer dans les 15 jours.",
    );
    expect(io.stdout).toContain('À envoyer bientôt : ligne 2 avant le 01/12/2026.');
  });
});
