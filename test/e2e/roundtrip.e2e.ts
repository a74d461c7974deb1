import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { buildTemplateLayout } from '../../src/core/template/layout';
import { excelSerial } from '../support/fake-excel-fixtures';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { inWorkbook } from '../support/e2e-workbook-access';
import {
  actAndWait,
  buildAddinInto,
  launchChromium,
  openPaneFrom,
  ROOT,
  screenshot,
  serveDirectory,
  type OpenPane,
  type StaticServer,
} from '../support/e2e-harness';
import { OFFICIAL_EXAMPLE, OFFICIAL_XSD } from '../support/paths';
import { DICTIONARY } from '../support/dictionary';

/**
 * The round trip with the CDC and the imports, driven in the real task pane like a user would: export, an
 * accusé de traitement read back into the rows, « Rejetés » sent again; a CDC XML file imported into an
 * empty workbook; another spreadsheet taken over through the column mapping; an export cancelled while it
 * validates. The XML files are checked with native xmllint against the CDC's official XSD, read in place.
 */

const DIST = path.join(ROOT, 'test-artifacts/e2e-roundtrip-dist');
const OUTPUT = path.join(ROOT, 'test-artifacts/e2e-out/roundtrip');
const ERROR_FILL = '#FFC7CE';
const REJECTED_FILL = '#E4DFEC';
const layout = buildTemplateLayout(DICTIONARY);

type Cell = string | number | boolean | null;

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  // Its own output folder: addin.e2e.ts empties test-artifacts/e2e-dist when it builds.
  buildAddinInto(DIST);
  server = await serveDirectory(DIST);
  browser = await launchChromium();
  fs.mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** Every value of a sheet from A1 to its last used cell (null for blanks); [] when the sheet is absent. */
function sheetValues(page: Page, sheet: string): Promise<Cell[][]> {
  return inWorkbook(
    page,
    (e2e, name) => {
      const s = e2e.excel.model.sheet(name);
      const used = s?.usedRect();
      if (!s || !used) return [];
      const rows: Cell[][] = [];
      for (let r = 0; r <= used.bottom; r++) {
        const row: Cell[] = [];
        for (let c = 0; c <= used.right; c++) row.push(s.value(r, c) ?? null);
        rows.push(row);
      }
      return rows;
    },
    sheet,
  );
}

function columnIndex(letter: string): number {
  return [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** 0-based column of a dictionary field in the Passages sheet. */
function fieldColumn(field: string): number {
  const column = layout.passages.columns.find((c) => c.field === field);
  if (!column) throw new Error(`No column for ${field}`);
  return columnIndex(column.column);
}

function fieldLetter(field: string): string {
  return layout.passages.columns.find((c) => c.field === field)?.column ?? '?';
}

/** 0-based column of a tracking column (Statut CDC…), found by its header as the add-in does. */
function trackingColumn(rows: readonly Cell[][], header: string): number {
  const index = rows[0].indexOf(header);
  if (index < 0) throw new Error(`No column « ${header} » in ${JSON.stringify(rows[0])}`);
  return index;
}

async function newTemplateWithPassages(page: Page, count: number): Promise<void> {
  await page.getByRole('button', { name: 'Créer le modèle' }).click();
  await page.getByText(/Modèle créé/).waitFor();
  await inWorkbook(
    page,
    (e2e, n) => {
      e2e.fillParameters();
      e2e.fillPassages(n, {});
    },
    count,
  );
}

interface Exported {
  readonly fileName: string;
  readonly xml: string;
}

/** « Exporter » and the downloaded file, kept in test-artifacts for a look after a failure. */
async function exportXml(page: Page): Promise<Exported> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Exporter', exact: true }).click(),
  ]);
  const fileName = download.suggestedFilename();
  const file = path.join(OUTPUT, fileName);
  await download.saveAs(file);
  return { fileName, xml: fs.readFileSync(file, 'utf8') };
}

function expectOfficiallyValid(xml: string): void {
  const validation = validateWithNativeXmllint(xml, OFFICIAL_XSD);
  expect(validation.output).toContain('validates');
  expect(validation.valid).toBe(true);
}

function idFluxOf(xml: string): string {
  const match = /<(?:\w+:)?idFlux>([^<]+)</.exec(xml);
  if (!match) throw new Error('No idFlux in the exported file');
  return match[1];
}

function idTechniquesOf(xml: string): string[] {
  return [...xml.matchAll(/<(?:\w+:)?idTechnique>([^<]+)</g)].map((m) => m[1]);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}

/** An accusé de traitement as the CDC writes it (see the guide « lecture de l'accusé de traitement »). */
function receiptXml(
  fileName: string,
  idFlux: string,
  rejected: readonly { readonly id: string; readonly message: string }[],
  accepted: readonly string[],
): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<rapport xmlns:ns2="urn:cdc:cpf:pc5:rapport:schema">',
    `    <nomFichier>${escapeXml(fileName)}</nomFichier>`,
    `    <idFlux>${escapeXml(idFlux)}</idFlux>`,
    '    <idTraitement>70412</idTraitement>',
    '    <PassagesKO>',
    ...rejected.flatMap((r) => [
      '        <passage>',
      `            <idTechnique>${escapeXml(r.id)}</idTechnique>`,
      `            <messageErreur>${escapeXml(r.message)}</messageErreur>`,
      '        </passage>',
    ]),
    '    </PassagesKO>',
    '    <PassagesOK>',
    ...accepted.map((id) => `        <idTechnique>${escapeXml(id)}</idTechnique>`),
    '    </PassagesOK>',
    '</rapport>',
    '',
  ].join('\n');
}

/** Waits until the pane has finished its current task (the main buttons are enabled again). */
async function idle(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Vérifier', exact: true }).and(page.locator(':enabled')).waitFor();
}

/** Opens a pane, runs `fn`; on failure keeps a screenshot (failure-<name>.png) and says what the page logged. */
async function withPane(name: string, fn: (pane: OpenPane) => Promise<void>): Promise<void> {
  const pane = await openPaneFrom(browser, server.origin, DIST);
  try {
    await fn(pane);
  } catch (error) {
    await screenshot(pane.page, `failure-${name}`).catch(() => undefined);
    if (pane.errors.length > 0) console.error(`${name}: page errors\n${pane.errors.join('\n')}`);
    throw error;
  } finally {
    await pane.context.close();
  }
}

/** A screenshot of the pane, which must fit its 360 px without a horizontal scroll bar. */
async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect({ name, width }).toEqual({ name, width: 360 });
}

function expectClean(pane: OpenPane): void {
  expect(pane.outside).toEqual([]);
  expect(pane.errors).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe('round trip with the CDC in the browser', () => {
  it('exports, is told of the deposit, shows rejections in place, refuses to re-send them unchanged, re-sends only the fixed ones', async () => {
    await withPane('roundtrip', async (pane) => {
      const { page } = pane;
      let downloads = 0;
      page.on('download', () => downloads++);
      await newTemplateWithPassages(page, 5);

      // First send: every passage, one file the official XSD accepts. Exported is not deposited.
      const first = await exportXml(page);
      // The page's clock once the first file is out: its name carries the second it was made in.
      const firstDone = await page.evaluate(() => Date.now());
      await page.getByText(/5 passage\(s\), 1 certification\(s\)/).waitFor();
      expectOfficiallyValid(first.xml);
      const idFlux = idFluxOf(first.xml);
      const ids = idTechniquesOf(first.xml);
      expect(ids).toEqual([
        'PASSAGE-000001',
        'PASSAGE-000002',
        'PASSAGE-000003',
        'PASSAGE-000004',
        'PASSAGE-000005',
      ]);
      let passages = await sheetValues(page, 'Passages');
      const status = trackingColumn(passages, 'Statut CDC');
      expect(passages.slice(1).map((r) => r[status])).toEqual(Array(5).fill('Exporté — à déposer'));
      await page.getByRole('heading', { level: 2, name: 'Fichier exporté, à déposer' }).waitFor();
      // The file keeps its button, should the browser have blocked the download.
      await page.getByRole('button', { name: `Enregistrer à nouveau ${first.fileName}` }).waitFor();
      await shoot(page, 'pane-exported-to-deposit');

      // « J'ai déposé le fichier »: only the user knows the file reached the CDC's portal.
      await page.getByRole('button', { name: 'J’ai déposé le fichier' }).click();
      await page.getByText(/5 lignes marquées « Déposé »/).waitFor();
      passages = await sheetValues(page, 'Passages');
      expect(passages.slice(1).map((r) => r[status])).toEqual(Array(5).fill('Déposé'));

      // The CDC's answer: two real refusals, one "already there" (counts as accepted), the rest OK, and a passage
      // this workbook never held.
      const dayMonth =
        'Aucun titulaire ne correspond aux critères obligatoires enrichis du jour et du mois de naissance';
      const reconciliation = 'Aucun titulaire ne correspond aux critères de réconciliation';
      const duplicate = `Le passage certification avec le bcr émetteur 12ABC345 et l'id technique partenaire ${ids[1]} existe déjà en base`;
      const accuse = receiptXml(
        first.fileName,
        idFlux,
        [
          { id: ids[0], message: dayMonth },
          { id: ids[1], message: duplicate },
          { id: ids[2], message: reconciliation },
        ],
        [...ids.slice(3), 'PASSAGE-999999'],
      );
      const accuseName = `accuse-${first.fileName}`;
      await page.getByLabel('Importer un accusé').setInputFiles({
        name: accuseName,
        mimeType: 'application/xml',
        buffer: Buffer.from(accuse, 'utf8'),
      });
      const panel = page.getByRole('region', { name: `Accusé de traitement ${accuseName}` });
      await panel.waitFor();
      await panel
        .getByText(
          'Statuts à changer : 3 accepté(s), 2 rejeté(s) ; 1 passage(s) de l’accusé absent(s) du classeur.',
        )
        .waitFor();
      await panel.getByText('PASSAGE-999999').waitFor();
      await panel.getByText(`Ligne 2 (${ids[0]})`).waitFor();
      const ask = page.getByRole('alertdialog', { name: 'Confirmation' });
      await ask.getByText(/Écrire le nouveau statut de 5 lignes/).waitFor();
      await shoot(page, 'pane-receipt-confirm');
      // Nothing is written before « Écrire les statuts ».
      passages = await sheetValues(page, 'Passages');
      expect(passages.slice(1).map((r) => r[status])).toEqual(Array(5).fill('Déposé'));

      await actAndWait(page, () => ask.getByRole('button', { name: 'Écrire les statuts' }).click());
      await page.getByText(/Statuts écrits pour 5 lignes/).waitFor();
      // The check that follows: the rejected rows, marked and listed where they are; never « Prêt » meanwhile.
      await page
        .getByRole('heading', { level: 2, name: 'À corriger : 2 passages rejetés par la CDC' })
        .waitFor();
      await page.locator('main[data-busy="false"]').waitFor();
      const rejectedSection = page.locator('section[data-section="rejected"]');
      await rejectedSection.getByRole('heading', { name: 'Rejeté par la CDC (2 passages)' }).waitFor();
      const looks = await inWorkbook(
        page,
        (e2e, cells) => cells.map((c) => e2e.excel.model.displayedFill('Passages', c[0], c[1])),
        [
          [1, fieldColumn('8.7')],
          [1, fieldColumn('8.8')],
          [3, fieldColumn('8.1')],
          [4, fieldColumn('8.7')],
        ],
      );
      expect(looks).toEqual([REJECTED_FILL, REJECTED_FILL, REJECTED_FILL, null]);
      // Click-to-cell: the problem on the day of birth selects that cell.
      await rejectedSection
        .getByRole('button', { name: new RegExp(`Jour de naissance.*cellule ${fieldLetter('8.8')}2`) })
        .click();
      await page.waitForFunction(
        (address) => {
          const selection = (
            window as unknown as { __e2e: { selection(): { address: string } | undefined } }
          ).__e2e.selection();
          return selection?.address === `Passages!${address}`;
        },
        `${fieldLetter('8.8')}2`,
      );
      await shoot(page, 'pane-rejected-in-place');
      passages = await sheetValues(page, 'Passages');
      const message = trackingColumn(passages, 'Message CDC');
      const byId = new Map(passages.slice(1).map((r) => [r[fieldColumn('5.1')], r]));
      expect((byId.get(ids[0]) as Cell[])[status]).toBe('Rejeté');
      expect((byId.get(ids[0]) as Cell[])[message]).toBe(dayMonth);
      expect((byId.get(ids[1]) as Cell[])[status]).toBe('Accepté');
      expect(passages.some((r) => r.includes('PASSAGE-999999'))).toBe(false);

      // « Rejetés » without fixing anything: warned, nothing sent, offered only on confirmation.
      await page.getByRole('radio', { name: 'Rejetés' }).click();
      await expect(page.getByRole('radio', { name: 'Rejetés' }).isChecked()).resolves.toBe(true);
      const downloadsBefore = downloads;
      await actAndWait(page, () => page.getByRole('button', { name: 'Exporter', exact: true }).click());
      await page
        .getByText(/Rien n’a été exporté : les 2 passages rejetés n’ont pas changé depuis le rejet/)
        .waitFor();
      await page
        .getByRole('alertdialog', { name: 'Confirmation' })
        .getByRole('button', { name: 'Les renvoyer quand même' })
        .waitFor();
      await shoot(page, 'pane-rejected-unchanged');
      expect(downloads).toBe(downloadsBefore);
      await page.getByRole('button', { name: 'Ne rien écrire' }).click();

      // The two rejected rows fixed: only those two go out.
      await inWorkbook(
        page,
        (e2e, cells) => {
          e2e.typeCell('Passages', cells.day, 21);
          e2e.typeCell('Passages', cells.name, 'Durand-Martin');
        },
        { day: `${fieldLetter('8.8')}2`, name: `${fieldLetter('8.1')}4` },
      );
      // File names are to the second (the CDC's horodatage): a fast machine gets here within the first file's
      // second, so the second send waits for the next one (a clock condition, at most a second, no fixed pause).
      await page.waitForFunction((done) => Date.now() >= Math.floor(done / 1000) * 1000 + 1000, firstDone);
      const second = await exportXml(page);
      await page.getByText(/2 passage\(s\), 1 certification\(s\)/).waitFor();
      await shoot(page, 'pane-export-rejected');
      expect(second.fileName).not.toBe(first.fileName);
      expect(idTechniquesOf(second.xml)).toEqual([ids[0], ids[2]]);
      expectOfficiallyValid(second.xml);
      const secondFlux = idFluxOf(second.xml);
      expect(secondFlux).not.toBe(idFlux);

      // Re-sent: « Exporté — à déposer » again, and the CDC's messages still readable in « Dernier rejet ».
      passages = await sheetValues(page, 'Passages');
      const lastRejection = trackingColumn(passages, 'Dernier rejet');
      expect(passages.slice(1).map((r) => [r[status], r[lastRejection] ?? null])).toEqual([
        ['Exporté — à déposer', dayMonth],
        ['Accepté', null],
        ['Exporté — à déposer', reconciliation],
        ['Accepté', null],
        ['Accepté', null],
      ]);

      // The history: one line per file sent, the first one carrying the accusé's result.
      const history = await sheetValues(page, 'Historique');
      expect(history).toHaveLength(3);
      const [header, ...lines] = history;
      const col = (name: string) => header.indexOf(name);
      expect(lines.map((l) => l[col('idFlux')])).toEqual([idFlux, secondFlux]);
      expect(lines.map((l) => l[col('Fichier')])).toEqual([first.fileName, second.fileName]);
      expect(lines.map((l) => l[col('Passages')])).toEqual([5, 2]);
      expect(lines[1][col('Mode')]).toBe('rejetés');
      expect(String(lines[0][col('Résultat CDC')])).toMatch(/3 accepté\(s\), 2 rejeté\(s\)/);
      expect(lines[1][col('Résultat CDC')] ?? '').toBe('');
      expectClean(pane);
    });
  });

  it('refuses an accusé of another send with a clear message, and changes nothing', async () => {
    await withPane('other-send', async (pane) => {
      const { page } = pane;
      await newTemplateWithPassages(page, 2);
      const first = await exportXml(page);
      const ids = idTechniquesOf(first.xml);
      const before = await sheetValues(page, 'Passages');
      const history = await sheetValues(page, 'Historique');
      await actAndWait(page, () =>
        page.getByLabel('Importer un accusé').setInputFiles({
          name: 'accuse-autre.xml',
          mimeType: 'application/xml',
          buffer: Buffer.from(
            receiptXml('cdc-autre-classeur.xml', 'flux-d-un-autre-classeur', [], ids),
            'utf8',
          ),
        }),
      );
      await page
        .getByText(
          /Cet accusé concerne le fichier cdc-autre-classeur\.xml .*qui n’est pas dans la feuille Historique de ce classeur/,
        )
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Appliquer quand même' }).waitFor();
      await shoot(page, 'pane-receipt-other-send');
      await page.getByRole('button', { name: 'Ne rien écrire' }).click();
      expect(await sheetValues(page, 'Passages')).toEqual(before);
      expect(await sheetValues(page, 'Historique')).toEqual(history);
      expectClean(pane);
    });
  });

  it('offers each file of a split export with its own button, never several downloads at once', async () => {
    await withPane('split-web', async (pane) => {
      const { page } = pane;
      let downloads = 0;
      page.on('download', () => downloads++);
      await newTemplateWithPassages(page, 5);
      await page.getByLabel('Passages par fichier (vide = sans limite)').fill('2');
      await actAndWait(page, () => page.getByRole('button', { name: 'Exporter', exact: true }).click());
      const buttons = page
        .locator('section[data-files="download"]')
        .getByRole('button', { name: /^Enregistrer cdc-/ });
      await expect(buttons.count()).resolves.toBe(3);
      expect(downloads).toBe(0);
      await shoot(page, 'pane-split-files');
      const parts: string[][] = [];
      const sent: { fileName: string; idFlux: string }[] = [];
      for (let i = 0; i < 3; i++) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page
            .locator('section[data-files="download"]')
            .getByRole('button', { name: /^Enregistrer cdc-/ })
            .first()
            .click(),
        ]);
        const xml = fs.readFileSync((await download.path()) as string, 'utf8');
        expectOfficiallyValid(xml);
        parts.push(idTechniquesOf(xml));
        sent.push({
          fileName: download.suggestedFilename(),
          idFlux: /<cpf:idFlux>([^<]+)</.exec(xml)?.[1] ?? '',
        });
      }
      expect(parts.map((p) => p.length)).toEqual([2, 2, 1]);
      // Each file downloaded is a send of the history: its name, its idFlux, its passages.
      const [header, ...lines] = await sheetValues(page, 'Historique');
      const col = (name: string) => header.indexOf(name);
      expect(
        lines.map((l) => ({
          fileName: l[col('Fichier')],
          idFlux: l[col('idFlux')],
          passages: l[col('Passages')],
        })),
      ).toEqual(sent.map((f, i) => ({ ...f, passages: parts[i].length })));
      await page
        .getByRole('button', { name: /^Enregistrer à nouveau cdc-/ })
        .nth(2)
        .waitFor();
      expectClean(pane);
    });
  });

  it('on Mac, gives every part of a split export its own copy panel', async () => {
    const pane = await openPaneFrom(browser, server.origin, DIST, { platform: 'Mac' });
    try {
      const { page } = pane;
      await newTemplateWithPassages(page, 5);
      await page.getByLabel('Passages par fichier (vide = sans limite)').fill('2');
      await actAndWait(page, () => page.getByRole('button', { name: 'Exporter', exact: true }).click());
      await page.getByText(/l’export a produit 3 fichiers/).waitFor();
      const panels = page.locator('[data-copy-file]');
      await expect(panels.count()).resolves.toBe(3);
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const xml = await panels.nth(i).getByRole('textbox').inputValue();
        expectOfficiallyValid(xml);
        counts.push(idTechniquesOf(xml).length);
        await panels.nth(i).getByRole('button', { name: 'Copier le XML' }).waitFor();
      }
      expect(counts).toEqual([2, 2, 1]);
      await page.getByText(/Fichier 3 sur 3 : cdc-/).waitFor();
      await shoot(page, 'pane-mac-split');
      expectClean(pane);
    } finally {
      await pane.context.close();
    }
  });

  it('imports a CDC XML file into an empty workbook, shows its bad value, and exports once fixed', async () => {
    await withPane('xml-import', async (pane) => {
      const { page } = pane;
      await page.getByRole('heading', { name: 'Bienvenue' }).waitFor();
      expect(await inWorkbook(page, (e2e) => e2e.sheetNames(), null)).toEqual(['Feuil1']);

      // The official example, with one value the CDC refuses: sexe « H » (M or F only).
      const example = fs.readFileSync(OFFICIAL_EXAMPLE, 'utf8');
      const bad = example.replace('<cpf:sexe>M</cpf:sexe>', '<cpf:sexe>H</cpf:sexe>');
      expect(bad).not.toBe(example);
      const file = {
        name: 'flux-scolarite.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(bad, 'utf8'),
      };
      const input = page.getByLabel('Importer un fichier XML CDC');
      const ask = page.getByRole('alertdialog', { name: 'Confirmation' });

      // « Ne rien écrire » leaves the workbook as it was.
      await input.setInputFiles(file);
      await ask
        .getByText(/Ajouter 3 passage\(s\) et 6 résultat\(s\) DIGCOMP de flux-scolarite\.xml/)
        .waitFor();
      await ask.getByRole('button', { name: 'Ne rien écrire' }).click();
      await page.getByText('Rien n’a été écrit dans le classeur.').waitFor();
      expect(await inWorkbook(page, (e2e) => e2e.sheetNames(), null)).toEqual(['Feuil1']);

      await input.setInputFiles(file);
      await ask.getByRole('button', { name: 'Ajouter au modèle' }).click();
      // The import is followed by a check: the bad cell is listed and highlighted.
      await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor({ timeout: 30_000 });
      await idle(page);
      const sexCell = `${fieldLetter('8.9')}2`;
      expect(await inWorkbook(page, (e2e) => e2e.sheetNames(), null)).toEqual(
        expect.arrayContaining(['Paramètres', 'Passages', 'DIGCOMP']),
      );
      const passages = await sheetValues(page, 'Passages');
      expect(passages.slice(1).map((r) => r[fieldColumn('5.1')])).toEqual([
        'db855769-bcd6-4253-93cf-e666db666c0a',
        '10c54fd2-f3a3-4dea-b975-4d7258bd10b3',
        '0785a873-acf7-4632-ad7b-b11cfff05b13',
      ]);
      expect(passages[1][fieldColumn('8.9')]).toBe('H');
      const problem = page.locator(`button[data-cell="${sexCell}"]`);
      await problem.first().waitFor();
      await expect(problem.first().textContent()).resolves.toContain('Sexe');
      expect(await inWorkbook(page, (e2e, cell) => e2e.displayedFill('Passages', cell), sexCell)).toBe(
        ERROR_FILL,
      );
      await shoot(page, 'pane-xml-import');

      // The user fixes the cell in the grid, and the export goes through.
      await inWorkbook(page, (e2e, cell) => e2e.typeCell('Passages', cell, 'M'), sexCell);
      const exported = await exportXml(page);
      await page.getByText(/3 passage\(s\), 1 certification\(s\)/).waitFor();
      expect(exported.fileName).toMatch(/^cdc-E564ACB0-\d{8}-\d{6}\.xml$/);
      expectOfficiallyValid(exported.xml);
      expect(idTechniquesOf(exported.xml)).toEqual(passages.slice(1).map((r) => r[fieldColumn('5.1')]));
      expect(await inWorkbook(page, (e2e, cell) => e2e.displayedFill('Passages', cell), sexCell)).toBeNull();
      expectClean(pane);
    });
  });

  it('takes over another spreadsheet through the column mapping, leaving it untouched', async () => {
    await withPane('mapping', async (pane) => {
      const { page } = pane;
      const serial = (y: number, m: number, d: number) => excelSerial(new Date(Date.UTC(y, m - 1, d)));
      const today = new Date();
      const jury = excelSerial(new Date(today.getTime() - 40 * 86_400_000));
      const issued = excelSerial(new Date(today.getTime() - 30 * 86_400_000));
      const source = [
        [
          'N° étudiant',
          'Nom de famille',
          'Prénom',
          'Date de naissance',
          'Sexe',
          'Code INSEE',
          'N° de dossier',
          'Diplôme',
          'Date du jury',
          'Date d’obtention',
          'Observations',
        ],
        [
          'E2024-001',
          'DURAND',
          'Léa',
          serial(1999, 3, 7),
          'F',
          '69123',
          '',
          'RNCP34825',
          jury,
          issued,
          'RAS',
        ],
        [
          'E2024-002',
          'MOREAU',
          'Hugo',
          serial(2000, 12, 25),
          'H',
          '13055',
          '',
          'RNCP34825',
          jury,
          issued,
          '',
        ],
        [
          'E2024-003',
          'PETIT',
          'Inès',
          '14/07/2001',
          'F',
          '75056',
          '',
          'RNCP34825',
          jury,
          issued,
          'Rattrapage',
        ],
      ];
      // The user's own sheet, with their look: a coloured bold header, date formats, a text column, a note.
      await inWorkbook(
        page,
        (e2e, rows) => {
          const model = e2e.excel.model;
          const sheet = model.addSheet('Export scolarité');
          rows.forEach((values, r) => values.forEach((v, c) => sheet.setValue(r, c, v)));
          e2e.formatCells('Export scolarité', 'A1:K1', { bold: true, fillColor: '#DDEBF7' });
          e2e.formatCells('Export scolarité', 'D2:D4', { numberFormat: 'dd/mm/yyyy' });
          e2e.formatCells('Export scolarité', 'I2:J4', { numberFormat: 'dd/mm/yyyy' });
          e2e.formatCells('Export scolarité', 'F2:F4', { numberFormat: '@' });
          e2e.addNote('Export scolarité', 'D1', 'Dates saisies par le secrétariat');
          sheet.columnWidths.set(1, 120);
          // The user selects the table.
          model.activeSheet = sheet;
          model.selection = { sheet: 'Export scolarité', address: 'A1:K4' };
        },
        source,
      );
      const snapshot = () =>
        inWorkbook(
          page,
          (e2e) => {
            const sheet = e2e.excel.model.requireSheet('Export scolarité');
            const cells: unknown[] = [];
            for (let r = 0; r < 8; r++) {
              for (let c = 0; c < 14; c++) {
                const address = `${String.fromCharCode(65 + c)}${r + 1}`;
                cells.push([address, e2e.cellSnapshot('Export scolarité', address)]);
              }
            }
            return JSON.stringify({
              name: sheet.name,
              visibility: sheet.visibility,
              used: sheet.usedRect(),
              cells,
              validations: sheet.dataValidations,
              conditional: sheet.conditionalFormats,
              widths: [...sheet.columnWidths],
              heights: [...sheet.rowHeights],
              frozen: sheet.frozen,
              tables: e2e.excel.model.tables.filter((t) => t.sheet === sheet).length,
            });
          },
          null,
        );
      const before = await snapshot();

      await page.getByRole('button', { name: 'Reprendre un autre tableau' }).click();
      const panel = page.getByRole('region', { name: /^Correspondance des colonnes de/ });
      await panel.waitFor();
      await panel.getByText(/\(3 lignes\)/).waitFor();
      const target = (header: string) => panel.getByRole('combobox', { name: header, exact: true });
      // The proposals a user would expect from these headers.
      const proposed: Record<string, string> = {
        'N° étudiant': '5.1',
        'Nom de famille': '8.1',
        Prénom: '8.3',
        'Date de naissance': 'naissance',
        Sexe: '8.9',
        'Code INSEE': '8.10',
        'N° de dossier': '9.1',
        'Date du jury': '5.6',
        'Date d’obtention': '5.10',
      };
      for (const [header, field] of Object.entries(proposed)) {
        await expect(target(header).inputValue()).resolves.toBe(field);
      }
      await expect(target('Observations').inputValue()).resolves.toBe('');
      // « Diplôme » holds the RNCP code: the user corrects the guess, with the keyboard.
      await target('Diplôme').focus();
      await target('Diplôme').selectOption('4.2');
      await expect(target('Diplôme').inputValue()).resolves.toBe('4.2');
      await shoot(page, 'pane-mapping-confirm');

      await panel.getByRole('button', { name: 'Copier dans le modèle' }).click();
      await page.getByText(/3 ligne\(s\) copiée\(s\) dans le modèle à partir de la ligne 2/).waitFor();
      await idle(page);
      await shoot(page, 'pane-mapping-done');

      const passages = await sheetValues(page, 'Passages');
      const rows = passages.slice(1).map((r) => ({
        id: r[fieldColumn('5.1')],
        name: r[fieldColumn('8.1')],
        first: r[fieldColumn('8.3')],
        year: r[fieldColumn('8.6')],
        month: r[fieldColumn('8.7')],
        day: r[fieldColumn('8.8')],
        sex: r[fieldColumn('8.9')],
        insee: r[fieldColumn('8.10')],
        code: r[fieldColumn('4.2')],
      }));
      expect(rows).toEqual([
        {
          id: 'E2024-001',
          name: 'DURAND',
          first: 'Léa',
          year: 1999,
          month: 3,
          day: 7,
          sex: 'F',
          insee: '69123',
          code: 'RNCP34825',
        },
        {
          id: 'E2024-002',
          name: 'MOREAU',
          first: 'Hugo',
          year: 2000,
          month: 12,
          day: 25,
          sex: 'M',
          insee: '13055',
          code: 'RNCP34825',
        },
        {
          id: 'E2024-003',
          name: 'PETIT',
          first: 'Inès',
          year: 2001,
          month: 7,
          day: 14,
          sex: 'F',
          insee: '75056',
          code: 'RNCP34825',
        },
      ]);
      expect(passages.slice(1).map((r) => r[fieldColumn('5.10')])).toEqual([issued, issued, issued]);
      // Nothing of the source sheet changed: values, formats, notes, widths.
      expect(await snapshot()).toEqual(before);
      expectClean(pane);
    });
  });

  it('an export cancelled while it runs writes nothing', async () => {
    await withPane('cancel', async (pane) => {
      const { page } = pane;
      await newTemplateWithPassages(page, 6000);
      let downloads = 0;
      page.on('download', () => downloads++);
      await page.getByRole('button', { name: 'Exporter', exact: true }).click();
      // Cancel as soon as the button shows: waiting for a given phase raced with the machine's speed (a
      // validation finished before the click on a loaded CI machine). Nothing may be written either way.
      await page.getByRole('button', { name: 'Annuler' }).click({ timeout: 60_000 });
      await page.getByText('Opération annulée.').waitFor();
      await idle(page);
      await shoot(page, 'pane-export-cancelled');
      // Give a late download or write every chance to show up.
      await page.waitForTimeout(1000);
      expect(downloads).toBe(0);
      const passages = await sheetValues(page, 'Passages');
      expect(passages).toHaveLength(6001);
      for (const header of ['Statut CDC', 'Message CDC', 'Date du statut', 'idFlux d’envoi']) {
        const column = trackingColumn(passages, header);
        expect(passages.slice(1).filter((r) => r[column] !== null)).toEqual([]);
      }
      const history = await sheetValues(page, 'Historique');
      expect(history.length).toBeLessThanOrEqual(1);
      expectClean(pane);
    });
  });
});
