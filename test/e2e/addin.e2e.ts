import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import type { E2eApi } from './stub/office-stub';
import { inWorkbook } from '../support/e2e-workbook-access';
import {
  actAndWait,
  buildAddin,
  E2E_DIST,
  launchChromium,
  openPane,
  ROOT,
  screenshot,
  serveDirectory,
  type StaticServer,
} from '../support/e2e-harness';
import { OFFICIAL_XSD } from '../support/paths';
import { readOfficialExample } from '../support/official-example';
import { DICTIONARY } from '../support/dictionary';
import { writeXsd } from '../../src/core/xsd/write-xsd';
import { memoryPagesFor } from '../../src/core/xsd/xmllint-runner';
import { createXmllintPool } from '../../src/workers/node/xmllint-pool';
import { addinReport, measureAddin } from '../../bench/addin-bench';
import { buildTemplateLayout, FIRST_DATA_ROW } from '../../src/core/template/layout';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { exportCommand } from '../../src/cli/commands';
import { captureIO, tempDir } from '../support/cli';

/**
 * The add-in in a browser, against the in-memory Excel: template, typing with mistakes, check,
 * fix, re-check, export, and the user's own formatting left as it was.
 */

const OUTPUT = path.join(ROOT, 'test-artifacts/e2e-out');
const LAYOUT = buildTemplateLayout(DICTIONARY);
/** The bench data's clock (bench/addin-bench.ts): its dates are recent for the CDC's 3-month rule on that day. */
const BENCH_NOW = new Date('2026-11-23T10:00:00Z');

/** 0-based row and column of an A1 address. */
function cellPosition(address: string): { row: number; column: number } {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
  const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(digits) - 1, column };
}
const ERROR_FILL = '#FFC7CE';
const USER_FILL = '#DDEBF7';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  buildAddin();
  server = await serveDirectory(E2E_DIST);
  browser = await launchChromium();
  fs.mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('XSD validation in the pane', () => {
  it('gives in the pool of XSD Web Workers (Chromium) exactly what the Node pool gives, document after document', async () => {
    const pane = await openPane(browser, server.origin);
    const schema = { fileName: 'accrochage.xsd', contents: writeXsd(DICTIONARY.schema) };
    const valid = readOfficialExample();
    const invalid = valid.replace('<cpf:sexe>M</cpf:sexe>', '<cpf:sexe>H</cpf:sexe>');
    const broken = valid.replace('</cpf:sexe>', '</cpf:sexo>');
    // More documents than workers, invalid ones between valid ones: no worker may keep anything of the last.
    const requests = [invalid, valid, broken, valid, invalid, valid].map((xml) => ({
      xml,
      schema,
      stream: true,
      ...memoryPagesFor(xml.length),
    }));
    const inBrowser = await inWorkbook(pane.page, (e2e, r) => e2e.xmllint(r), requests);
    // The path of an export: from another worker (as the core worker does) through the ports the pool lends, the
    // documents as bytes given up by their owner.
    const throughPorts = await inWorkbook(pane.page, (e2e, r) => e2e.xmllintThroughPorts(r), requests);
    const pool = createXmllintPool(2);
    try {
      const inNode = await Promise.all(requests.map((r) => pool(r)));
      expect(inBrowser).toEqual(inNode);
      expect(inBrowser.map((r) => r.valid)).toEqual([false, true, false, true, false, true]);
      expect(throughPorts.results.map(({ returned: _returned, ...result }) => result)).toEqual(inNode);
      // Moved to the XSD workers, not copied (the sender's arrays are emptied), and handed back intact.
      expect(throughPorts.leftBehind).toEqual(requests.map(() => 0));
      expect(throughPorts.results.map((r) => r.returned)).toEqual(requests.map((r) => r.xml));
      // Both workers ran documents; libxml2's wasm was fetched and compiled by the first only, then shared.
      expect(pane.requests.filter((u) => /\/xmllint\.[0-9a-f]+\.wasm$/.test(u))).toHaveLength(1);
    } finally {
      await pool.close();
    }
    expect(pane.errors).toEqual([]);
    await pane.context.close();
  });
});

/** Template, parameters, five passages: row 3 without birth name, row 4 with a date typed as text. */
async function typeSampleWithMistakes(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Créer le modèle' }).click();
  await page.getByText(/Modèle créé/).waitFor();
  await inWorkbook(
    page,
    (e2e) => {
      e2e.fillParameters();
      e2e.fillPassages(5, { 2: { '8.1': '' }, 3: { '5.10': 'demain' } });
    },
    null,
  );
}

/** Selecting is asynchronous (Excel.run): wait until the fake workbook shows it. */
async function waitForSelection(page: Page, address: string): Promise<void> {
  await page.waitForFunction(
    (wanted) => (window as unknown as { __e2e: E2eApi }).__e2e.selection()?.address === wanted,
    address,
    { timeout: 5000 },
  );
}

async function check(page: Page): Promise<void> {
  await actAndWait(page, () => page.getByRole('button', { name: 'Vérifier', exact: true }).click());
  await page.getByRole('heading', { level: 2, name: /^(Prêt|Bloqué)/ }).waitFor();
}

describe('add-in in the browser (light theme, Excel on the web)', () => {
  it('checks, highlights, re-checks after a fix and exports a file the official XSD accepts', async () => {
    const pane = await openPane(browser, server.origin);
    const { page } = pane;
    await typeSampleWithMistakes(page);
    // The user's own look on a cell that will be in error: a fill, bold, and a note.
    const before = await inWorkbook(
      page,
      (e2e) => {
        e2e.formatCells('Passages', 'Z3', { fillColor: '#DDEBF7', bold: true });
        e2e.addNote('Passages', 'Z3', 'Nom à confirmer avec le jury');
        return e2e.cellSnapshot('Passages', 'Z3') as { format: unknown; note: unknown };
      },
      null,
    );

    await check(page);
    await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor();
    expect(
      await inWorkbook(
        page,
        (e2e) => [e2e.displayedFill('Passages', 'Z3'), e2e.displayedFill('Passages', 'M4')],
        null,
      ),
    ).toEqual([ERROR_FILL, ERROR_FILL]);
    await screenshot(page, 'pane-light-problems');

    // A click on a problem selects its cell in the workbook.
    await page.locator('button[data-cell="Z3"]').first().click();
    await waitForSelection(page, 'Passages!Z3');
    expect(await inWorkbook(page, (e2e) => e2e.selection(), null)).toEqual({
      sheet: 'Passages',
      address: 'Passages!Z3',
    });

    // The export refuses while errors remain, and produces nothing.
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await page.getByText(/Export impossible/).waitFor();

    // Fix both mistakes and check again: no stale marks, the user's look is back as it was.
    await inWorkbook(
      page,
      (e2e) => {
        e2e.typeCell('Passages', 'Z3', 'BERNARD');
        e2e.typeCell('Passages', 'M4', e2e.recentIssueSerial());
      },
      null,
    );
    await check(page);
    // On failure, the screenshot shows which problem is left.
    await page
      .getByText('Aucun problème trouvé.')
      .waitFor({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        await screenshot(page, 'failure-after-fix');
        throw error;
      });
    const after = await inWorkbook(
      page,
      (e2e) => e2e.cellSnapshot('Passages', 'Z3') as { format: unknown; note: unknown },
      null,
    );
    expect({ format: after.format, note: after.note }).toEqual({ format: before.format, note: before.note });
    expect(
      await inWorkbook(
        page,
        (e2e) => [e2e.displayedFill('Passages', 'Z3'), e2e.displayedFill('Passages', 'M4')],
        null,
      ),
    ).toEqual([USER_FILL, null]);

    // Export: downloaded file, valid against the CDC's official XSD (read in place).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cdc-E564ACB0-\d{8}-\d{6}\.xml$/);
    const file = path.join(OUTPUT, download.suggestedFilename());
    await download.saveAs(file);
    await page.getByText(/5 passage\(s\), 1 certification\(s\)/).waitFor();
    await screenshot(page, 'pane-light-exported');
    const validation = validateWithNativeXmllint(fs.readFileSync(file), OFFICIAL_XSD);
    expect(validation.output).toContain('validates');
    expect(validation.valid).toBe(true);

    // Nothing left localhost: Office.js was the stub, the worker and its wasm came from our origin.
    expect(pane.outside).toEqual([]);
    expect(pane.requests.some((u) => /\/xmllint\.[0-9a-f]+\.wasm$/.test(u))).toBe(true);
    expect(pane.requests.some((u) => u.startsWith('worker:'))).toBe(true);
    expect(pane.errors).toEqual([]);
    await pane.context.close();
  });

  it('ribbon Exporter with errors opens the pane on the problem list and downloads nothing', async () => {
    const pane = await openPane(browser, server.origin);
    const { page } = pane;
    await typeSampleWithMistakes(page);
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await inWorkbook(page, (e2e) => e2e.invokeCommand('exportXml'), null);
    expect(await inWorkbook(page, (e2e) => e2e.paneShown(), null)).toBe(1);
    await page.getByText(/Export impossible : 2 erreur\(s\)/).waitFor();
    await page.getByRole('heading', { name: 'Problèmes à corriger' }).waitFor();
    expect(downloaded).toBe(false);
    expect(pane.outside).toEqual([]);
    await pane.context.close();
  });

  it('filters the problem list by severity and column, with the keyboard', async () => {
    const pane = await openPane(browser, server.origin);
    const { page } = pane;
    await typeSampleWithMistakes(page);
    await check(page);
    const column = page.getByLabel('Colonne');
    await column.focus();
    await column.selectOption({ label: 'Nom de naissance (8.1)' });
    await page.getByText(/^1 problème\(s\) affiché\(s\)/).waitFor();
    await page.locator('button[data-cell="Z3"]').focus();
    await page.keyboard.press('Enter');
    await waitForSelection(page, 'Passages!Z3');
    await pane.context.close();
  });
});

describe("the export's data path", () => {
  it("keeps the XML off the pane's main thread: small messages from the core worker, each file a Blob", async () => {
    const pane = await openPane(browser, server.origin, { countWorkerTraffic: true });
    const { page } = pane;
    // The bench rows' dates are recent on the bench's day.
    await page.clock.setFixedTime(BENCH_NOW);
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.getByText(/Modèle créé/).waitFor();
    // Two validation parts (5 000 passages each), about 13 MB of XML.
    await inWorkbook(page, (e2e, n) => e2e.fillBenchWorkbook(n), 6000);
    await inWorkbook(page, (e2e) => e2e.resetWorkerTraffic(), null);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      actAndWait(page, () => page.getByRole('button', { name: 'Exporter', exact: true }).click(), 120_000),
    ]);
    const xmlBytes = fs.statSync((await download.path()) as string).size;
    expect(xmlBytes).toBeGreaterThan(10e6);
    const traffic = await inWorkbook(page, (e2e) => e2e.workerTraffic(), null);
    const fromCore = traffic.received.core;
    // Progress and the outcome: counts, warnings, and what the pane writes into the workbook (each row's status,
    // idFlux and fingerprint, about 200 characters a row). The parts (once as bytes) and the files (as strings,
    // twice their bytes) used to come this way too: more than 3 times the XML.
    expect(fromCore.bufferBytes).toBe(0);
    expect(fromCore.bytes).toBeLessThan(xmlBytes / 4);
    expect(fromCore.messages).toBeLessThan(40);
    expect({ blobs: fromCore.blobs, blobBytes: fromCore.blobBytes }).toEqual({
      blobs: 1,
      blobBytes: xmlBytes,
    });
    // The pane only connects its XSD workers to the core worker; no document goes to them from here.
    const toXsd = traffic.sent.xsd ?? { bytes: 0 };
    const fromXsd = traffic.received.xsd ?? { bytes: 0 };
    expect(toXsd.bytes + fromXsd.bytes).toBeLessThan(10_000);
    expect(
      validateWithNativeXmllint(fs.readFileSync((await download.path()) as string), OFFICIAL_XSD).valid,
    ).toBe(true);
    expect(pane.outside).toEqual([]);
    expect(pane.errors).toEqual([]);
    await pane.context.close();
  });

  it('downloads the very bytes the command line writes for the same workbook, names beyond Latin-1 included', async () => {
    const pane = await openPane(browser, server.origin);
    const { page } = pane;
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.getByText(/Modèle créé/).waitFor();
    await inWorkbook(
      page,
      (e2e) => {
        e2e.fillParameters();
        // ’ and Œ are in Windows-1252 but not Latin-1, ễ in neither: a byte/string mix-up changes the file.
        e2e.fillPassages(3, { 2: { '8.1': 'ŒUVRE-D’ARC', '8.3': 'Nguyễn' } });
      },
      null,
    );
    // The workbook as typed, before the export writes its statuses into it.
    const sheets = await inWorkbook(
      page,
      (e2e, names) =>
        names.map((name) => {
          const s = e2e.excel.model.sheet(name);
          const used = s?.usedRect();
          const rows: (string | number | boolean | null)[][] = [];
          for (let r = 0; s && used && r <= used.bottom; r++) {
            const row: (string | number | boolean | null)[] = [];
            for (let c = 0; c <= used.right; c++) row.push(s.value(r, c) ?? null);
            rows.push(row);
          }
          return rows;
        }),
      [LAYOUT.parameters.name, LAYOUT.passages.name],
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      actAndWait(page, () => page.getByRole('button', { name: 'Exporter', exact: true }).click()),
    ]);
    const downloaded = fs.readFileSync((await download.path()) as string);
    const text = downloaded.toString('utf8');
    expect(text).toContain('<cpf:nomNaissance>ŒUVRE-D’ARC</cpf:nomNaissance>');
    expect(text).toContain('<cpf:prenom1>Nguyễn</cpf:prenom1>');

    // The same cells in a template written by the command line, exported with the pane's instant and idFlux.
    const dir = tempDir();
    const book = createTemplateWorkbook(DICTIONARY);
    const [parameters, passages] = sheets;
    const parametersSheet = book.getWorksheet(LAYOUT.parameters.name);
    const passagesSheet = book.getWorksheet(LAYOUT.passages.name);
    if (!parametersSheet || !passagesSheet) throw new Error('template sheets missing');
    for (const cell of LAYOUT.parameters.cells) {
      const { row, column } = cellPosition(cell.cell);
      const value = parameters[row]?.[column];
      if (value !== null && value !== undefined) parametersSheet.getCell(cell.cell).value = value;
    }
    for (const [r, row] of passages.entries()) {
      if (r < FIRST_DATA_ROW - 1) continue;
      for (const [c, value] of row.entries())
        if (value !== null && value !== '') passagesSheet.getCell(r + 1, c + 1).value = value;
    }
    const file = path.join(dir, 'classeur.xlsx');
    await book.xlsx.writeFile(file);
    const now = new Date(/<cpf:horodatage>([^<]+)</.exec(text)?.[1] as string);
    const idFlux = /<cpf:idFlux>([^<]+)</.exec(text)?.[1] as string;
    const io = captureIO();
    const output = path.join(dir, download.suggestedFilename());
    expect(await exportCommand(io, file, { output, now, idFlux })).toBe(0);
    const written = fs.readFileSync(output);
    expect(written.byteLength).toBe(downloaded.byteLength);
    expect(written.equals(downloaded)).toBe(true);
    expect(pane.errors).toEqual([]);
    await pane.context.close();
  });
});

describe('add-in in the browser (dark theme, Excel for Mac)', () => {
  it('follows the dark Office theme', async () => {
    const pane = await openPane(browser, server.origin, { dark: true });
    await typeSampleWithMistakes(pane.page);
    await check(pane.page);
    await screenshot(pane.page, 'pane-dark-problems');
    expect(pane.outside).toEqual([]);
    await pane.context.close();
  });

  it('offers the XML to copy where the web view cannot download (Mac)', async () => {
    const pane = await openPane(browser, server.origin, { platform: 'Mac' });
    const { page } = pane;
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.getByText(/Modèle créé/).waitFor();
    await inWorkbook(
      page,
      (e2e) => {
        e2e.fillParameters();
        e2e.fillPassages(2, {});
      },
      null,
    );
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await page.getByRole('button', { name: 'Copier le XML' }).waitFor();
    const xml = await page.getByRole('textbox').inputValue();
    expect(validateWithNativeXmllint(xml, OFFICIAL_XSD).valid).toBe(true);
    await screenshot(page, 'pane-mac-copy');
    await pane.context.close();
  });
});

describe('round trip with the CDC in the browser', () => {
  it('generates missing identifiers after a confirmation that says how many cells', async () => {
    const pane = await openPane(browser, server.origin);
    const { page } = pane;
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.getByText(/Modèle créé/).waitFor();
    await inWorkbook(
      page,
      (e2e) => {
        e2e.fillParameters();
        e2e.fillPassages(3, { 1: { '5.1': '' }, 3: { '5.1': '' } });
      },
      null,
    );
    await page.getByRole('button', { name: 'Générer les identifiants' }).click();
    await page.getByText(/^2 lignes sans identifiant technique/).waitFor();
    await screenshot(page, 'pane-roundtrip-tools');
    await page.getByRole('button', { name: 'Écrire les identifiants' }).click();
    await page.getByText(/2 identifiants techniques écrits/).waitFor();
    await check(page);
    expect(await page.getByText('Identifiant technique').count()).toBe(0);
    expect(pane.outside).toEqual([]);
    expect(pane.errors).toEqual([]);
    await pane.context.close();
  });

  it('a check cancelled at once leaves no highlight', async () => {
    const pane = await openPane(browser, server.origin);
    const { page } = pane;
    await typeSampleWithMistakes(page);
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByText('Opération annulée.').waitFor();
    expect(await inWorkbook(page, (e2e) => e2e.displayedFill('Passages', 'Z3'), null)).toBeNull();
    await pane.context.close();
  });
});

describe('the add-in part of npm run bench', () => {
  it('measures Vérifier and Exporter on the bench rows: times, pane and worker heaps, long tasks', async () => {
    const measured = await measureAddin(browser, server.origin, E2E_DIST, 200);
    expect(measured.verify.heading).toMatch(/^Prêt/);
    expect(measured.export.notice).toMatch(/200 passage\(s\)/);
    expect(measured.export).toMatchObject({ files: 1 });
    expect(measured.export.bytes).toBeGreaterThan(200 * 1000);
    for (const action of [measured.verify, measured.export]) {
      expect(action.ms).toBeGreaterThan(0);
      expect(action.syncs).toBeGreaterThan(0);
      expect(action.memory.paneHeapMax).toBeGreaterThan(0);
      expect(action.memory.rendererRssMax).toBeGreaterThan(0);
    }
    // The XSD pool lives as long as the pane: its workers are sampled whatever the size.
    expect(measured.export.memory.workerHeapMax.xsd).toBeGreaterThan(0);
    const { raw, lines } = addinReport(measured);
    expect(raw).toMatchObject({ passages: 200, verify: { ms: measured.verify.ms } });
    expect(lines.join('\n')).toMatch(/Vérifier .* s .*Exporter .* s/);
  });
});
