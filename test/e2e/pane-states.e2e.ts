import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { buildTemplateLayout } from '../../src/core/template/layout';
import { inWorkbook } from '../support/e2e-workbook-access';
import { actAndWait, paneFixture, ROOT, screenshotAt } from '../support/e2e-harness';
import { bannedWordsIn } from '../support/plain-french';
import { excelText } from '../../src/i18n/excel-messages';
import { DICTIONARY } from '../support/dictionary';

/**
 * The pane as a new user meets it, state by state, from an empty workbook to a file for the CDC and back: the
 * welcome, the parameters to fill, the problems, the export done, an accusé read back, a table taken over. In
 * each state, light and dark: axe-core finds no serious or critical accessibility violation, the text on screen
 * has none of the banned words (test/support/plain-french.ts), and the pane is shot at 320 px (docs/images).
 * Along the path: the primary button is the next step's, the focus goes to the result of each action, and each
 * problem's accessible name says its severity, field and cell. The states real Excel brings (issue 15: an entry in
 * progress, a ribbon command waiting its turn, a protected sheet, a read-only workbook) are checked the same way.
 */

const DIST = path.join(ROOT, 'test-artifacts/e2e-states-dist');
const AXE_REPORTS = path.join(ROOT, 'test-artifacts/axe');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const layout = buildTemplateLayout(DICTIONARY);
const letter = (field: string) => layout.passages.columns.find((c) => c.field === field)?.column ?? '?';

const { withPane } = paneFixture(DIST);

beforeAll(() => fs.mkdirSync(AXE_REPORTS, { recursive: true }));

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * axe-core on the pane as it is now. Injected with evaluate (Runtime.evaluate is not subject to the page's
 * Content-Security-Policy, which refuses inline scripts). Every violation is kept in test-artifacts/axe/<name>.json;
 * serious and critical ones fail the test.
 */
async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  fs.writeFileSync(path.join(AXE_REPORTS, `${name}.json`), JSON.stringify(violations, null, 2));
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ name, serious }).toEqual({ name, serious: [] });
}

/** The words on screen (texts and accessible names), without the advanced options where « XSD » is explained. */
async function expectPlainFrench(page: Page, name: string): Promise<void> {
  const texts = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return [];
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (!node.parentElement?.closest('[data-advanced]')) out.push(node.textContent ?? '');
    for (const e of main.querySelectorAll('[aria-label]'))
      if (!e.closest('[data-advanced]')) out.push(e.getAttribute('aria-label') ?? '');
    return out;
  });
  const found = texts.flatMap((text) => bannedWordsIn(text).map((word) => `${word} dans « ${text} »`));
  expect({ name, found }).toEqual({ name, found: [] });
}

/** One state of the pane: accessible, in plain French, fitting 320 px without a horizontal scroll bar. */
async function expectState(page: Page, name: string, shots: { readonly widths?: readonly number[] } = {}) {
  // A disclosure that opens fades in: what axe measures, and the screenshot, is the state once it has settled.
  // A busy pane's progress bar without a total runs for ever: that one is part of the state.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  await expectAccessible(page, name);
  await expectPlainFrench(page, name);
  for (const width of shots.widths ?? [320]) {
    await screenshotAt(page, `${name}-${width}`, width);
  }
  await page.setViewportSize({ width: 320, height: 900 });
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize({ width: 360, height: 900 });
  expect({ name, scroll }).toEqual({ name, scroll: 320 });
}

/** The next step's button: one only, in the primary appearance (marked data-next-step by the pane). */
async function expectPrimary(page: Page, label: string): Promise<void> {
  await expect(page.locator('main [data-next-step]').allTextContents()).resolves.toEqual([label]);
}

/** The element that has the keyboard focus: its tag and text, as a screen reader would land on it. */
function focused(page: Page): Promise<{ tag: string; text: string }> {
  return page.evaluate(() => ({
    tag: document.activeElement?.tagName.toLowerCase() ?? '',
    text: document.activeElement?.textContent?.trim() ?? '',
  }));
}

/** Waits until the focus is on the element expected (its tag, and its text or the start of it). */
async function expectFocus(page: Page, tag: string, text: string | RegExp): Promise<void> {
  const pattern = typeof text === 'string' ? `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : text.source;
  await page
    .waitForFunction(
      ([t, p]) =>
        document.activeElement?.tagName.toLowerCase() === t &&
        new RegExp(p).test(document.activeElement?.textContent?.trim() ?? ''),
      [tag, pattern] as const,
      { timeout: 10_000 },
    )
    .catch(async () => {
      throw new Error(
        `Focus expected on <${tag}> « ${String(text)} », found ${JSON.stringify(await focused(page))}`,
      );
    });
}

/** An accusé de traitement as the CDC writes it: one passage rejected with a message the tool does not know. */
function receipt(fileName: string, idFlux: string, rejected: string, accepted: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rapport xmlns:ns2="urn:cdc:cpf:pc5:rapport:schema">',
    `  <nomFichier>${fileName}</nomFichier>`,
    `  <idFlux>${idFlux}</idFlux>`,
    '  <PassagesKO><passage>',
    `    <idTechnique>${rejected}</idTechnique>`,
    '    <messageErreur>Erreur de traitement non documentée</messageErreur>',
    '  </passage></PassagesKO>',
    '  <PassagesOK>',
    ...accepted.map((id) => `    <idTechnique>${id}</idTechnique>`),
    '  </PassagesOK>',
    '</rapport>',
  ].join('\n');
}

/** The whole path, in one theme; light also takes the screenshots of the user guide. */
async function walkThePath(theme: 'light' | 'dark'): Promise<void> {
  await withPane(`path-${theme}`, { dark: theme === 'dark' }, async ({ page }) => {
    const state = (name: string) => `pane-${name}${theme === 'dark' ? '-dark' : ''}`;

    // 1. Welcome: « Créer le modèle » is the one primary action; existing data has its way in.
    await page.getByRole('heading', { level: 2, name: 'Bienvenue' }).waitFor();
    await expectPrimary(page, 'Créer le modèle');
    await page.getByRole('heading', { name: 'Vous avez déjà des données ?' }).waitFor();
    await page.getByRole('button', { name: 'Importer un fichier XML CDC' }).waitFor();
    await page.getByRole('button', { name: 'Reprendre un autre tableau' }).waitFor();
    await expectState(page, state('welcome'), { widths: theme === 'light' ? [320, 450] : [320] });

    // 2. The template: its parameters come next, and « Remplir les paramètres » selects their cells.
    await actAndWait(page, () => page.getByRole('button', { name: 'Créer le modèle' }).click());
    await page.getByRole('heading', { level: 2, name: 'Remplissez les paramètres' }).waitFor();
    // The focus is on what the action did.
    await expectFocus(page, 'div', /^Modèle créé/);
    await expectPrimary(page, 'Remplir les paramètres');
    await expect(inWorkbook(page, (e2e) => e2e.displayedFill('Paramètres', 'B2'), null)).resolves.toBe(
      '#FFE699',
    );
    await expectState(page, state('parameters'));
    await actAndWait(page, () => page.getByRole('button', { name: 'Remplir les paramètres' }).click());
    await expect(inWorkbook(page, (e2e) => e2e.selection(), null)).resolves.toEqual({
      sheet: 'Paramètres',
      address: 'Paramètres!B2:B4',
    });
    await expectPrimary(page, 'Saisir les passages');
    await expectFocus(page, 'h2', 'Saisissez les passages');

    // 3. Passages with mistakes a new user makes: the check says « Bloqué », the list proposes the fixes.
    await inWorkbook(
      page,
      (e2e) => {
        e2e.fillParameters();
        e2e.fillPassages(3, { 1: { '8.10': '1004' }, 2: { '8.7': 'juillet' }, 3: { '5.1': '' } });
      },
      null,
    );
    // The status line says what is happening while the check runs (recorded as it changes: no race).
    await page.evaluate(() => {
      const seen: string[] = [];
      const line = document.querySelector('#status-title ~ [role="status"]');
      new MutationObserver(() => seen.push(line?.textContent ?? '')).observe(line as Node, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      Object.assign(window, { __statusLines: seen });
    });
    await actAndWait(page, () => page.getByRole('button', { name: 'Vérifier', exact: true }).click());
    const lines = await page.evaluate(() => (window as unknown as { __statusLines: string[] }).__statusLines);
    expect(lines.some((l) => /^(Vérification|Lecture des lignes)/.test(l))).toBe(true);
    await page.getByRole('heading', { level: 2, name: 'Bloqué : 3 erreurs' }).waitFor();
    await page.getByText('3 passages, 1 certification dans le classeur').waitFor();
    // The focus is on the verdict, not lost on the page.
    await expectFocus(page, 'h2', 'Bloqué : 3 erreurs');
    await expectPrimary(page, 'Vérifier');
    // Severity, field and cell in each problem's accessible name; the fix proposed in its text.
    const problem = (field: string, cell: string) =>
      // Chrome puts a space around the visually hidden parts: spaces do not matter to a screen reader.
      page.getByRole('button', { name: new RegExp(`^Erreur, ${field} ?, cellule ${cell}\\.`) });
    await expect(
      problem('Code INSEE du lieu de naissance \\(8\\.10\\)', `${letter('8.10')}2`).textContent(),
    ).resolves.toContain('Vouliez-vous dire 01004 ?');
    await expect(
      problem('Mois de naissance \\(8\\.7\\)', `${letter('8.7')}3`).textContent(),
    ).resolves.toContain('Vouliez-vous dire 7 ?');
    // Rows titled with the holder; the empty identifier offers the button that fills it.
    await page.getByRole('heading', { level: 3, name: 'Passages (3 problèmes)' }).waitFor();
    await page.getByRole('heading', { level: 4, name: /^MARTIN Léa, ligne 2/ }).waitFor();
    await page
      .getByText('1 passage sans identifiant technique : le complément peut lui en donner un.')
      .waitFor();
    await expectState(page, state('problems'), { widths: theme === 'light' ? [320, 450] : [320] });
    // The details, behind their disclosure.
    await page.getByRole('button', { name: 'Détails', exact: true }).click();
    await page.getByText('Bloqués par une erreur : 3').waitFor();
    await expectState(page, state('details'));

    // 4. Fixed, checked: « Exporter » becomes the primary action; the export keeps the workbook's totals.
    await actAndWait(page, () =>
      page.getByRole('button', { name: 'Générer les identifiants' }).first().click(),
    );
    await expectFocus(page, 'button', 'Écrire les identifiants');
    await page.keyboard.press('Enter');
    await page.getByText(/1 identifiant technique écrit/).waitFor();
    // The check that follows the writing: the identifier's error is gone.
    await page.getByRole('heading', { level: 2, name: 'Bloqué : 2 erreurs' }).waitFor();
    await page.locator('main[data-busy="false"]').waitFor();
    await inWorkbook(
      page,
      (e2e, cells) => {
        e2e.typeCell('Passages', cells.insee, '01004');
        e2e.typeCell('Passages', cells.month, 7);
      },
      { insee: `${letter('8.10')}2`, month: `${letter('8.7')}3` },
    );
    await actAndWait(page, () => page.getByRole('button', { name: 'Vérifier', exact: true }).click());
    await page.getByRole('heading', { level: 2, name: /^Prêt/ }).waitFor();
    await expectPrimary(page, 'Exporter');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      actAndWait(page, () => page.getByRole('button', { name: 'Exporter', exact: true }).click()),
    ]);
    // Exported is not deposited (issue 13): the pane says to deposit, and asks to be told.
    await page.getByRole('heading', { level: 2, name: 'Fichier exporté, à déposer' }).waitFor();
    await expectFocus(page, 'div', /^Fichier cdc-\w+-\d{8}-\d{6}\.xml enregistré/);
    await page.getByText('3 passages, 1 certification dans le classeur').waitFor();
    await expectPrimary(page, 'J’ai déposé le fichier');
    await expectState(page, state('exported'));
    await actAndWait(page, () => page.getByRole('button', { name: 'J’ai déposé le fichier' }).click());
    await page.getByText(/3 lignes marquées « Déposé »/).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Fichier déposé' }).waitFor();
    await expectPrimary(page, 'Importer un accusé');
    await expectState(page, state('deposited'));

    // 5. The accusé read back: the rejected passage, what to do, the CDC's support address as a link.
    const fileName = download.suggestedFilename();
    const xml = fs.readFileSync((await download.path()) as string, 'utf8');
    const idFlux = /<(?:\w+:)?idFlux>([^<]+)</.exec(xml)?.[1] ?? '';
    const ids = [...xml.matchAll(/<(?:\w+:)?idTechnique>([^<]+)</g)].map((m) => m[1]);
    await actAndWait(page, () =>
      page.getByLabel('Importer un accusé').setInputFiles({
        name: `accuse-${fileName}`,
        mimeType: 'application/xml',
        buffer: Buffer.from(receipt(fileName, idFlux, ids[0], ids.slice(1)), 'utf8'),
      }),
    );
    const panel = page.getByRole('region', { name: `Accusé de traitement accuse-${fileName}` });
    await panel.getByText('Statuts à changer : 2 accepté(s), 1 rejeté(s).').waitFor();
    await expect(
      panel.getByRole('link', { name: /support\.moncompteformation\.gouv\.fr/ }).getAttribute('href'),
    ).resolves.toBe('https://www.support.moncompteformation.gouv.fr/projects/CERTIF');
    // The question asked before writing has the focus.
    await expectFocus(page, 'button', 'Écrire les statuts');
    await expectState(page, state('receipt'));
    await actAndWait(page, () => page.keyboard.press('Enter'));
    await page.getByText(/Statuts écrits pour 3 lignes/).waitFor();

    // 6. The rejected row, in place: never « Prêt » while it waits, its own section, its own mark.
    await page.getByRole('heading', { level: 2, name: 'À corriger : 1 passage rejeté par la CDC' }).waitFor();
    await page.locator('main[data-busy="false"]').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Rejeté par la CDC (1 passage)' }).waitFor();
    await expectState(page, state('rejected'));
  });
}

describe('the pane state by state, as a new user meets it', () => {
  it('light theme: welcome, parameters, problems, export done, accusé', async () => {
    await walkThePath('light');
  });

  it('dark theme: the same states', async () => {
    await walkThePath('dark');
  });

  it.each(['light', 'dark'] as const)(
    '%s theme: taking over another table, its percentages explained',
    async (theme) => {
      await withPane(`mapping-${theme}`, { dark: theme === 'dark' }, async ({ page }) => {
        await page.getByRole('heading', { level: 2, name: 'Bienvenue' }).waitFor();
        await inWorkbook(
          page,
          (e2e) => {
            const model = e2e.excel.model;
            const sheet = model.addSheet('Inscrits');
            const rows = [
              ['Nom de famille', 'Prénom', 'Date de naissance', 'Sexe', 'Diplôme visé'],
              ['DURAND', 'Léa', '07/03/1999', 'F', 'RNCP34825'],
            ];
            rows.forEach((values, r) => values.forEach((v, c) => sheet.setValue(r, c, v)));
            model.activeSheet = sheet;
            model.selection = { sheet: 'Inscrits', address: 'A1:E2' };
          },
          null,
        );
        await actAndWait(page, () =>
          page.getByRole('button', { name: 'Reprendre un autre tableau' }).click(),
        );
        const panel = page.getByRole('region', { name: /^Correspondance des colonnes de/ });
        await panel.getByText(/Le pourcentage dit à quel point les deux noms se ressemblent/).waitFor();
        await panel
          .getByText(/ressemblance \d+\u00a0%/)
          .first()
          .waitFor();
        await expectFocus(page, 'h2', /^Correspondance des colonnes de Inscrits/);
        await expectState(page, `pane-mapping${theme === 'dark' ? '-dark' : ''}`);
      });
    },
  );
});

describe('what real Excel makes the pane say (issue 15), in plain French and accessible', () => {
  it.each(['light', 'dark'] as const)(
    '%s theme: an entry in progress, a ribbon command waiting its turn, a protected sheet, a read-only workbook',
    async (theme) => {
      await withPane(`excel-${theme}`, { dark: theme === 'dark' }, async ({ page }) => {
        const state = (name: string) => `pane-${name}${theme === 'dark' ? '-dark' : ''}`;
        await actAndWait(page, () => page.getByRole('button', { name: 'Créer le modèle' }).click());
        await inWorkbook(
          page,
          (e2e) => {
            e2e.fillParameters();
            e2e.fillPassages(3, { 2: { '8.1': '' } });
          },
          null,
        );

        // The user is still typing in a cell: the check waits for the entry, and the status line says so…
        await inWorkbook(page, (e2e) => e2e.startCellEdit(), null);
        await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
        await page.getByText(excelText.excelWaiting).waitFor({ timeout: 10_000 });
        // …and « Exporter » clicked in the ribbon meanwhile waits its turn, which the pane says too.
        const ribbonExport = inWorkbook(page, (e2e) => e2e.invokeCommand('exportXml'), null);
        await page.getByText(excelText.queued('Exporter')).waitFor();
        await expectState(page, state('excel-busy'));
        await inWorkbook(page, (e2e) => e2e.endCellEdit(), null);
        await ribbonExport;
        await page.getByText(/^Export impossible : 1 erreur\(s\)/).waitFor();
        await page.locator('main[data-busy="false"]').waitFor();

        // A protected Passages sheet: the problems are listed, the pane says why they are not highlighted.
        await inWorkbook(page, (e2e) => e2e.protectSheet('Passages'), null);
        await actAndWait(page, () => page.getByRole('button', { name: 'Vérifier', exact: true }).click());
        await page.getByText(excelText.protectedNoHighlight(['Passages'])).waitFor();
        await page.getByRole('heading', { level: 3, name: 'Passages (1 problème)' }).waitFor();
        await expectFocus(page, 'div', /^La feuille Passages est protégée/);
        await expectState(page, state('protected'));

        // A workbook opened read-only: the highlights are there, but will not be saved.
        await inWorkbook(
          page,
          (e2e) => {
            e2e.unprotectSheet('Passages');
            e2e.excel.model.readOnly = { writes: 'succeed' };
          },
          null,
        );
        await actAndWait(page, () => page.getByRole('button', { name: 'Vérifier', exact: true }).click());
        await page.getByText(excelText.readOnlyWorkbook).waitFor();
        await expectState(page, state('read-only'));
      });
    },
  );
});

describe('a workbook reopened after an export (issue 13, follow-up): the pane follows its statuses', () => {
  type Cell = string | number | boolean | null;
  /** Rows 1.. of a sheet (every used column), as the workbook keeps them when Excel is closed. */
  const rowsOf = (page: Page, sheet: string): Promise<Cell[][]> =>
    inWorkbook(
      page,
      (e2e, name) => {
        const s = e2e.excel.model.requireSheet(name);
        const used = s.usedRect();
        const rows: Cell[][] = [];
        for (let r = 0; r <= (used?.bottom ?? -1); r++) {
          const row: Cell[] = [];
          for (let c = 0; c <= (used?.right ?? -1); c++) row.push((s.value(r, c) as Cell) ?? null);
          rows.push(row);
        }
        return rows;
      },
      sheet,
    );
  /** Writes rows 1.. of a sheet back (row 0, the header, is the template's). */
  const writeRows = (page: Page, sheet: string, rows: readonly Cell[][]): Promise<void> =>
    inWorkbook(
      page,
      (e2e, arg) => {
        const s = e2e.excel.model.requireSheet(arg.sheet);
        arg.rows.forEach((row, r) => {
          if (r > 0) row.forEach((v, c) => s.setValue(r, c, v ?? undefined));
        });
      },
      { sheet, rows },
    );
  const statuses = async (page: Page): Promise<Cell[]> => {
    const rows = await rowsOf(page, 'Passages');
    const column = rows[0].indexOf('Statut CDC');
    return rows.slice(1).map((r) => r[column]);
  };

  it('shows the file to deposit, sends nothing twice, and « J’ai déposé » writes « Déposé » in those rows only', async () => {
    // Yesterday: the file was exported, then Excel was closed. The workbook keeps its statuses and its Historique.
    let passages: Cell[][] = [];
    let history: Cell[][] = [];
    let fileName = '';
    await withPane('reopen-export', {}, async ({ page }) => {
      await actAndWait(page, () => page.getByRole('button', { name: 'Créer le modèle' }).click());
      await inWorkbook(
        page,
        (e2e) => {
          e2e.fillParameters();
          e2e.fillPassages(3, {});
        },
        null,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        actAndWait(page, () => page.getByRole('button', { name: 'Exporter', exact: true }).click()),
      ]);
      fileName = download.suggestedFilename();
      passages = await rowsOf(page, 'Passages');
      history = await rowsOf(page, 'Historique');
    });
    expect(passages.slice(1).map((r) => r[passages[0].indexOf('Statut CDC')])).toEqual(
      Array(3).fill('Exporté — à déposer'),
    );

    // Today: a new pane on that workbook, which knows nothing of yesterday's session.
    await withPane('reopen-deposit', {}, async ({ page }) => {
      let downloads = 0;
      page.on('download', () => downloads++);
      await actAndWait(page, () => page.getByRole('button', { name: 'Créer le modèle' }).click());
      await writeRows(page, 'Passages', passages);
      await writeRows(page, 'Historique', history);
      await inWorkbook(page, (e2e) => e2e.fillParameters(), null);
      await actAndWait(page, () => page.getByRole('button', { name: 'Vérifier', exact: true }).click());
      await page.getByRole('heading', { level: 2, name: 'Fichier exporté, à déposer' }).waitFor();
      await page.getByText(`Fichier exporté, pas encore déposé : ${fileName} (3 passages).`).waitFor();
      await expectPrimary(page, 'J’ai déposé le fichier');
      await expectState(page, 'pane-reopened-to-deposit');

      // An older send (« Envoyé », an earlier version's word) waits too: two files, each with its box.
      await inWorkbook(
        page,
        (e2e) => {
          e2e.fillPassages(4, {});
          const sheet = e2e.excel.model.requireSheet('Passages');
          const header = Array.from({ length: 80 }, (_, c) => sheet.value(0, c));
          sheet.setValue(4, header.indexOf('Statut CDC'), 'Envoyé');
          sheet.setValue(4, header.indexOf('idFlux d’envoi'), 'FLUX-ANCIEN');
          const h = e2e.excel.model.requireSheet('Historique');
          const hHeader = Array.from({ length: 10 }, (_, c) => h.value(0, c));
          h.setValue(2, hHeader.indexOf('idFlux'), 'FLUX-ANCIEN');
          h.setValue(2, hHeader.indexOf('Fichier'), 'ancien-envoi.xml');
        },
        null,
      );
      // fillPassages wrote the first three rows afresh: their statuses are yesterday's again.
      await writeRows(page, 'Passages', passages);
      await actAndWait(page, () => page.getByRole('button', { name: 'Vérifier', exact: true }).click());
      await page.getByText('2 fichiers exportés ne sont pas encore déposés.', { exact: false }).waitFor();
      await expectPrimary(page, 'J’ai déposé les fichiers cochés');
      await expectState(page, 'pane-reopened-two-files');

      // « Exporter » stays offered, and sends no row twice: nothing is left that was never sent.
      await actAndWait(page, () => page.getByRole('button', { name: 'Exporter', exact: true }).click());
      expect(downloads).toBe(0);

      // Only the file really deposited: the older one is unticked.
      await page.getByRole('checkbox', { name: 'ancien-envoi.xml (1 passage)' }).uncheck();
      await actAndWait(page, () =>
        page.getByRole('button', { name: 'J’ai déposé les fichiers cochés' }).click(),
      );
      await page.getByText(/3 lignes marquées « Déposé »/).waitFor();
      await expect(statuses(page)).resolves.toEqual(['Déposé', 'Déposé', 'Déposé', 'Envoyé']);
      await page.getByText('Fichier exporté, pas encore déposé : ancien-envoi.xml (1 passage).').waitFor();
    });
  });
});
