import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Builds the add-in for the browser tests, serves it from localhost and opens it in headless
 * Chromium with Office.js replaced by the fake. Every request is recorded; anything that leaves
 * localhost is refused and reported.
 */

export { REPO_ROOT as ROOT } from './paths';
import { REPO_ROOT as ROOT } from './paths';
export const E2E_DIST = path.join(ROOT, 'test-artifacts/e2e-dist');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Debian's Chromium, driven by playwright-core (no browser is downloaded). */
export const CHROMIUM = '/usr/bin/chromium';

export function buildAddin(): void {
  buildAddinInto(E2E_DIST);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

export async function serveDirectory(directory: string): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = path.join(directory, path.normalize(pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(directory) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface PaneConfig {
  readonly dark?: boolean;
  readonly platform?: string;
  readonly apiVersion?: string;
  /** See test/e2e/stub/office-stub.ts. */
  readonly listSeparator?: ',' | ';';
  readonly showAsTaskpane?: 'shows' | 'ignored' | 'rejects' | 'never';
  readonly paneHidden?: boolean;
  /** Count what crosses between the pane's main thread and its workers (see test/e2e/stub/office-stub.ts). */
  readonly countWorkerTraffic?: boolean;
}

export interface OpenPane {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every URL the page or its workers asked for. */
  readonly requests: string[];
  /** Requests that would have left localhost (refused). */
  readonly outside: string[];
  /** Console errors and uncaught exceptions of the page. */
  readonly errors: string[];
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === 'localhost' || hostname === '127.0.0.1';
}

export async function openPane(browser: Browser, origin: string, config: PaneConfig = {}): Promise<OpenPane> {
  return openPaneFrom(browser, origin, E2E_DIST, config);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ---------------------------------------------------------------------------------------------
// Test files that run in parallel build into their own folder, so that no two jest workers race over
// E2E_DIST, whose build starts by emptying it.

/** The add-in built into `outDir` (the Office.js stub included, as office-stub.js). */
export function buildAddinInto(outDir: string): void {
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'),
      '--mode',
      'development',
      '--env',
      'e2e',
      '--env',
      `outDir=${path.relative(ROOT, outDir)}`,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`webpack failed:\n${result.stdout}\n${result.stderr}`);
}

/** The task pane in a fresh browser context, Office.js replaced by the stub built into `distDir`. */
export async function openPaneFrom(
  browser: Browser,
  origin: string,
  distDir: string,
  config: PaneConfig = {},
): Promise<OpenPane> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 360, height: 900 },
    colorScheme: config.dark ? 'dark' : 'light',
    locale: 'fr-FR',
  });
  const requests: string[] = [];
  const outside: string[] = [];
  const errors: string[] = [];
  const stub = fs.readFileSync(path.join(distDir, 'office-stub.js'), 'utf8');
  context.on('request', (request) => requests.push(request.url()));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS_URL) {
      await route.fulfill({ status: 200, contentType: 'text/javascript', body: stub });
    } else if (isLocal(url)) {
      await route.continue();
    } else {
      outside.push(url);
      await route.abort('blockedbyclient');
    }
  });
  await context.addInitScript((c) => Object.assign(window, { __E2E_CONFIG: c }), config);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('worker', (worker) => requests.push(`worker:${worker.url()}`));
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole('heading', { name: 'Accrochage CDC' }).waitFor();
  return { page, context, requests, outside, errors };
}

/**
 * Runs `act` (a click) and waits until the pane has finished the action it started: its result version moved
 * (src/controllers/task-runner.ts) and nothing is running. No fixed sleep: as fast or as slow as the machine.
 */
export async function actAndWait(page: Page, act: () => Promise<void>, timeout = 60_000): Promise<void> {
  const before = await page.locator('main').getAttribute('data-result-version');
  await act();
  await page.waitForFunction(
    (previous) => {
      const main = document.querySelector('main');
      return main !== null && main.dataset.resultVersion !== previous && main.dataset.busy === 'false';
    },
    before,
    { timeout },
  );
}

/** A screenshot at a given pane width (320 px: Excel's narrowest pane), the viewport restored after. */
export async function screenshotAt(page: Page, name: string, width: number): Promise<string> {
  const viewport = page.viewportSize() ?? { width: 360, height: 900 };
  await page.setViewportSize({ width, height: viewport.height });
  try {
    return await screenshot(page, name);
  } finally {
    await page.setViewportSize(viewport);
  }
}

/**
 * A browser test file's fixture: the add-in built into `distDir` (its own folder: jest runs the e2e files side by
 * side), served from localhost, one Chromium for the file. `withPane` opens a fresh pane per test and fails it on
 * a request that left localhost or an error of the page; a failure leaves a screenshot
 * (test-artifacts/screenshots/<failurePrefix>-<name>.png) and the page's errors in the log.
 */
export function paneFixture(
  distDir: string,
  failurePrefix = 'failure',
): {
  withPane(name: string, config: PaneConfig, fn: (pane: OpenPane) => Promise<void>): Promise<void>;
} {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    buildAddinInto(distDir);
    server = await serveDirectory(distDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    async withPane(name, config, fn) {
      if (!browser || !server) throw new Error('paneFixture: the browser is not started (beforeAll failed)');
      const pane = await openPaneFrom(browser, server.origin, distDir, config);
      try {
        await fn(pane);
        expect(pane.outside).toEqual([]);
        expect(pane.errors).toEqual([]);
      } catch (error) {
        await screenshot(pane.page, `${failurePrefix}-${name}`).catch(() => undefined);
        if (pane.errors.length > 0) console.error(`${name}: page errors\n${pane.errors.join('\n')}`);
        throw error;
      } finally {
        await pane.context.close();
      }
    },
  };
}
