import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { launchChromium, ROOT, screenshot, serveDirectory, type StaticServer } from '../support/e2e-harness';
import { OFFICIAL_XSD } from '../support/paths';

/**
 * npm run demo: the task pane in an ordinary browser next to the in-browser workbook, without Office.js.
 * Someone without Excel sees the example's mistakes highlighted, fixes a cell, and exports a valid XML.
 */

const OUT = path.join(ROOT, 'test-artifacts/demo-dist');
const ERROR_FILL = '#FFC7CE';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'),
      '--mode',
      'development',
      '--env',
      'demo',
      '--env',
      `outDir=${path.relative(ROOT, OUT)}`,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`webpack failed:\n${result.stdout}\n${result.stderr}`);
  server = await serveDirectory(OUT);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDemo(): Promise<{
  page: Page;
  outside: string[];
  errors: string[];
  close: () => Promise<void>;
}> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'fr-FR',
    acceptDownloads: true,
  });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin) || /^(data|blob):/.test(url)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/demo.html`);
  await page.getByRole('heading', { name: 'Accrochage CDC' }).waitFor();
  return { page, outside, errors, close: () => context.close() };
}

const cell = (page: Page, address: string) =>
  page.locator(`table[data-sheet="Passages"] td[data-cell="${address}"]`);

describe('demo page (npm run demo)', () => {
  it('opens on the example with mistakes: the summary, and the highlights in the grid', async () => {
    const demo = await openDemo();
    const { page } = demo;
    // A workbook with data goes straight to the check summary.
    await page.getByRole('heading', { level: 2, name: /^Bloqué : \d+ erreurs$/ }).waitFor();
    await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor();
    await expect(cell(page, 'Z2').getAttribute('data-fill')).resolves.toBe(ERROR_FILL);
    await screenshot(page, 'demo-mistakes');

    // A click on a problem shows its cell; the user fixes it in the cell editor and checks again.
    await page.locator('button[data-cell="AH2"]').first().click();
    await page.getByRole('textbox', { name: 'Cellule AH2' }).waitFor();
    await page.getByRole('textbox', { name: 'Cellule AH2' }).fill('F');
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(cell(page, 'AH2').textContent()).resolves.toBe('F');
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.waitForFunction(() => !document.querySelector('button[data-cell="AH2"]'));
    await expect(cell(page, 'AH2').getAttribute('data-fill')).resolves.not.toBe(ERROR_FILL);
    expect(demo.outside).toEqual([]);
    expect(demo.errors).toEqual([]);
    await demo.close();
  });

  it('exports a valid XML from the valid example, as a download', async () => {
    const demo = await openDemo();
    const { page } = demo;
    await page.getByRole('button', { name: 'Exemple valide' }).click();
    await page.getByRole('heading', { level: 2, name: 'Prêt', exact: true }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cdc-03ZDN217-\d{8}-\d{6}\.xml$/);
    const file = path.join(ROOT, 'test-artifacts/e2e-out', `demo-${download.suggestedFilename()}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await download.saveAs(file);
    await page.getByText(/9 passage\(s\), 3 certification\(s\)/).waitFor();
    await screenshot(page, 'demo-exported');
    expect(validateWithNativeXmllint(fs.readFileSync(file), OFFICIAL_XSD).valid).toBe(true);
    expect(demo.outside).toEqual([]);
    await demo.close();
  });

  it('lets the user start from an empty workbook: the three steps, then the template', async () => {
    const demo = await openDemo();
    const { page } = demo;
    await page.getByRole('button', { name: 'Classeur vide' }).click();
    await page.getByRole('heading', { name: 'Bienvenue' }).waitFor();
    await expect(
      page.getByRole('link', { name: /Guides de l’espace certificateurs/ }).getAttribute('href'),
    ).resolves.toBe('https://certificateurs.moncompteformation.gouv.fr/espace-public/page-guide');
    await screenshot(page, 'demo-welcome');
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.getByText(/Modèle créé/).waitFor();
    await page.getByRole('tab', { name: 'Passages' }).click();
    await expect(cell(page, 'A1').textContent()).resolves.toMatch(/\(4\.1\)$/);
    expect(demo.outside).toEqual([]);
    await demo.close();
  });
});
