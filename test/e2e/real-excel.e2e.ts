import * as path from 'path';
import type { Page } from 'playwright-core';
import { inWorkbook } from '../support/e2e-workbook-access';
import { actAndWait, paneFixture, ROOT, screenshot } from '../support/e2e-harness';
import { buildTemplateLayout, columnIndex } from '../../src/core/template/layout';
import { DICTIONARY } from '../support/dictionary';
import { excelText } from '../../src/i18n/excel-messages';

/**
 * Issue 15, in the browser: the built pane against the fake Excel where it is as strict as real Excel (Edit mode,
 * protected sheets, French list separator, a hidden shared runtime whose showAsTaskpane fails or never answers,
 * text Excel would convert, whole-column selections, a renamed sheet, notes, highlights not by colour alone).
 */

const DIST = path.join(ROOT, 'test-artifacts/e2e-real-excel-dist');
const ERROR_FILL = '#FFC7CE';
const layout = buildTemplateLayout(DICTIONARY);

const { withPane } = paneFixture(DIST, 'failure-real-excel');

const checkButton = (page: Page) => page.getByRole('button', { name: 'Vérifier', exact: true });

async function idle(page: Page): Promise<void> {
  await checkButton(page).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
}

/** « Créer le modèle », then parameters and `count` passages; `changes[i]` applied to passage i (1-based). */
async function templateWith(page: Page, count: number, changes: Record<number, Record<string, string>> = {}) {
  await actAndWait(page, () => page.getByRole('button', { name: 'Créer le modèle' }).click());
  await page.getByText(/Modèle créé/).waitFor();
  await inWorkbook(
    page,
    (e2e, arg) => {
      e2e.fillParameters();
      e2e.fillPassages(arg.count, arg.changes);
    },
    { count, changes },
  );
}

const letter = (field: string) => layout.passages.columns.find((c) => c.field === field)?.column ?? '?';
/** Row 3 without « Nom de naissance », row 5 too: two areas of one column. */
const TWO_MISTAKES = { 2: { '8.1': '' }, 4: { '8.1': '' } };

describe('real Excel’s ways, in the browser', () => {
  it('Edit mode: the check waits for the entry to end and says so, never « erreur inattendue »', async () => {
    await withPane('cell-edit', {}, async ({ page }) => {
      await templateWith(page, 5, TWO_MISTAKES);
      await inWorkbook(page, (e2e) => e2e.startCellEdit(), null);
      await checkButton(page).click();
      await page.getByText(excelText.excelWaiting).waitFor({ timeout: 10_000 });
      await screenshot(page, 'pane-waiting-cell-edit');
      await inWorkbook(page, (e2e) => e2e.endCellEdit(), null);
      await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor();
      await idle(page);
      expect(await page.getByText(/erreur inattendue/).count()).toBe(0);
    });
  });

  it('a protected Passages sheet: the problems are listed, the pane says why they are not highlighted', async () => {
    await withPane('protected', {}, async ({ page }) => {
      await templateWith(page, 5, TWO_MISTAKES);
      await inWorkbook(page, (e2e) => e2e.protectSheet('Passages'), null);
      await checkButton(page).click();
      await page.getByText(excelText.protectedNoHighlight(['Passages'])).waitFor();
      await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor();
      expect(await page.locator(`button[data-cell="${letter('8.1')}3"]`).count()).toBeGreaterThan(0);
      const fill = await inWorkbook(
        page,
        (e2e, cell) => e2e.displayedFill('Passages', cell),
        `${letter('8.1')}3`,
      );
      expect(fill).toBeNull();
      await screenshot(page, 'pane-protected-sheet');
    });
  });

  it('French list separator « ; »: cells in several areas are highlighted, with a border and the message at the cell', async () => {
    await withPane('separator', { listSeparator: ';' }, async ({ page }) => {
      await templateWith(page, 5, TWO_MISTAKES);
      await checkButton(page).click();
      await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor();
      await idle(page);
      const [first, second] = [`${letter('8.1')}3`, `${letter('8.1')}5`];
      const looks = await inWorkbook(
        page,
        (e2e, cells) => cells.map((cell) => e2e.displayedLook('Passages', cell)),
        [first, second],
      );
      for (const look of looks) {
        expect(look.fill).toBe(ERROR_FILL);
        expect(look.borders.EdgeTop?.style).toBe('Continuous');
        expect(look.bold).toBe(true);
      }
      const note = await inWorkbook(page, (e2e, cell) => e2e.note('Passages', cell), first);
      expect(note).toMatch(/^Accrochage CDC – Erreur : /);
    });
  });

  it.each([['rejects'], ['never']] as const)(
    'ribbon with the pane hidden and showAsTaskpane that %s: both commands run, the outcome waits in the pane',
    async (showAsTaskpane) => {
      await withPane(`ribbon-${showAsTaskpane}`, { paneHidden: true, showAsTaskpane }, async ({ page }) => {
        await inWorkbook(page, (e2e) => e2e.invokeCommand('newTemplate'), null);
        await inWorkbook(
          page,
          (e2e, changes) => {
            e2e.fillParameters();
            e2e.fillPassages(5, changes);
          },
          TWO_MISTAKES,
        );
        // Two buttons clicked one after the other: neither is dropped, each completes.
        await inWorkbook(
          page,
          (e2e) => Promise.all([e2e.invokeCommand('checkWorkbook'), e2e.invokeCommand('exportXml')]),
          null,
        );
        expect(await inWorkbook(page, (e2e) => e2e.paneVisible(), null)).toBe(false);
        // The user opens the pane: the export's refusal and the problems are there.
        await inWorkbook(page, (e2e) => e2e.openPane(), null);
        await page.getByText(/Export impossible : 2 erreur\(s\)/).waitFor();
        await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor();
      });
    },
  );

  it('a renamed « Passages » sheet is checked where it is, and « Créer le modèle » recreates nothing', async () => {
    await withPane('renamed', {}, async ({ page }) => {
      await templateWith(page, 5, TWO_MISTAKES);
      await inWorkbook(page, (e2e) => e2e.renameSheet('Passages', 'Passages 2025'), null);
      await checkButton(page).click();
      await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor();
      await idle(page);
      await page.getByRole('heading', { level: 3, name: 'Passages 2025 (2 problèmes)' }).waitFor();
      // Its rows are titled with the holder and their readiness, as on a sheet called Passages (issue 16).
      await page.getByRole('heading', { level: 4, name: /^\S.*, ligne 3 bloquée$/ }).waitFor();
      // Once the template exists, « Créer le modèle » is in the ribbon only.
      await inWorkbook(page, (e2e) => e2e.invokeCommand('newTemplate'), null);
      await page.getByText(/contient déjà toutes les feuilles du modèle/).waitFor();
      expect(await inWorkbook(page, (e2e) => e2e.sheetNames(), null)).not.toContain('Passages');
    });
  });

  it('notes go on their own sheet while another sheet is active', async () => {
    await withPane('notes', {}, async ({ page }) => {
      await actAndWait(page, () => page.getByRole('button', { name: 'Créer le modèle' }).click());
      await page.getByText(/Modèle créé/).waitFor();
      const notes = await inWorkbook(
        page,
        (e2e) => ({
          feuil1: e2e.notes('Feuil1'),
          passages: e2e.notes('Passages'),
          params: e2e.notes('Paramètres'),
        }),
        null,
      );
      expect(notes.feuil1).toEqual([]);
      expect(notes.passages).toContain('A1');
      expect(notes.params).toContain('A2');
    });
  });

  it('« Reprendre un autre tableau » on whole columns: the used rows only, and text stays text', async () => {
    await withPane('mapping', {}, async ({ page }) => {
      await templateWith(page, 0);
      const texts = ['=1+1', '-Dupont', '01/13/2024', 'TRUE'];
      await inWorkbook(
        page,
        (e2e, values) => {
          const sheet = e2e.excel.model.addSheet('Source');
          const rows = [
            ['N° étudiant', 'Nom de famille', 'Prénom', 'Date d’obtention'],
            ...values.map((v, i) => [`E-${i + 1}`, 'DURAND', 'Léa', v]),
          ];
          rows.forEach((row, r) => row.forEach((v, c) => sheet.setValue(r, c, v)));
          e2e.selectRange('Source', 'A:D');
        },
        texts,
      );
      await page.getByRole('button', { name: 'Reprendre un autre tableau' }).click();
      const panel = page.getByRole('region', { name: /^Correspondance des colonnes de/ });
      await panel.getByText(/\(4 lignes\)/).waitFor({ timeout: 10_000 });
      await panel.getByRole('button', { name: 'Copier dans le modèle' }).click();
      await page.getByText(/4 ligne\(s\) copiée\(s\) dans le modèle/).waitFor();
      await idle(page);
      const column = columnIndex(letter('5.10'));
      const written = await inWorkbook(
        page,
        (e2e, col) => [1, 2, 3, 4].map((r) => e2e.excel.model.requireSheet('Passages').value(r, col)),
        column,
      );
      expect(written).toEqual(texts);
    });
  });
});
