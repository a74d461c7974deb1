import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium, OFFICE_JS_URL, ROOT, screenshot } from '../support/e2e-harness';

/**
 * The production build (npm run build:prod) served by a real web server, nginx, with the configuration
 * the deployment guide gives (docs/deploiement/nginx.conf), loaded in headless Chromium with Office.js
 * stubbed: nothing may point at the development origin, and every file comes with the right type.
 * Without nginx the test is skipped locally and fails in CI (CI=true): `apt-get install -y nginx`.
 */

const NGINX = '/usr/sbin/nginx';
const PROD_ORIGIN = 'https://addin.example.fr';
const DEV_ORIGIN = 'https://localhost:3000';
const OUT = path.join(ROOT, 'test-artifacts/prod-dist');
/** The Office.js stub, built apart so this file never races addin.e2e.ts over test-artifacts/e2e-dist. */
const STUB_OUT = path.join(ROOT, 'test-artifacts/prod-e2e-stub');
const NGINX_TEMPLATE = path.join(ROOT, 'docs/deploiement/nginx.conf');
const hasNginx = fs.existsSync(NGINX);
const required = process.env.CI === 'true';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function webpack(args: readonly string[]): void {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ADDIN_ORIGIN: PROD_ORIGIN },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`webpack failed:\n${result.stdout}\n${result.stderr}`);
}

function buildRelease(): void {
  webpack(['--mode', 'production', '--env', 'release', '--env', `outDir=${path.relative(ROOT, OUT)}`]);
  webpack(['--mode', 'development', '--env', 'e2e', '--env', `outDir=${path.relative(ROOT, STUB_OUT)}`]);
}

/** The guide's nginx.conf with its placeholders filled for a throw-away server on localhost. */
export function renderNginxConf(values: Record<string, string>): string {
  const text = fs.readFileSync(NGINX_TEMPLATE, 'utf8');
  const rendered = text.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`nginx.conf placeholder {{${key}}} has no value`);
    return values[key];
  });
  return rendered;
}

async function startNginx(root: string): Promise<{ origin: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accrochage-nginx-'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    renderNginxConf({
      PID_FILE: path.join(dir, 'nginx.pid'),
      LOG_DIR: dir,
      LISTEN: `listen 127.0.0.1:${port};`,
      SERVER_NAME: 'localhost',
      ROOT: root,
    }),
  );
  const test = spawnSync(NGINX, ['-t', '-c', conf, '-p', dir], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t refused the configuration:\n${test.stderr}`);
  const child: ChildProcess = spawn(NGINX, ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGQUIT');
      }),
  };
}

const maybe = hasNginx ? describe : required ? describe : describe.skip;
if (!hasNginx && !required)
  console.warn(
    `production.e2e: ${NGINX} is missing, test skipped (apt-get install -y nginx; required when CI=true)`,
  );

maybe('production build served by nginx', () => {
  let browser: Browser;
  let server: { origin: string; stop: () => Promise<void> };

  beforeAll(async () => {
    if (!hasNginx) throw new Error(`${NGINX} is required in CI: apt-get install -y nginx`);
    buildRelease();
    server = await startNginx(OUT);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('writes a manifest for the production origin with the package version, and cache-busted files', () => {
    const manifest = fs.readFileSync(path.join(OUT, 'manifest.xml'), 'utf8');
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest).toContain(`<Version>${version}.0</Version>`);
    expect(manifest).not.toContain('localhost');
    expect(manifest).toContain(`${PROD_ORIGIN}/taskpane.html`);
    const files = fs.readdirSync(OUT);
    expect(files.filter((f) => f.endsWith('.js')).every((f) => /\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
    // Nothing built for the browser still names the development origin.
    for (const file of files.filter((f) => /\.(js|html|xml)$/.test(f)))
      expect(`${file}: ${fs.readFileSync(path.join(OUT, file), 'utf8').includes(DEV_ORIGIN)}`).toBe(
        `${file}: false`,
      );
  });

  it('serves every file with its content type, .wasm as application/wasm', async () => {
    const wasm = fs.readdirSync(path.join(OUT, 'assets')).find((f) => f.endsWith('.wasm'));
    expect(wasm).toBeDefined();
    const expectations: [string, RegExp][] = [
      ['/taskpane.html', /^text\/html/],
      ['/manifest.xml', /^application\/xml/],
      [`/assets/${wasm}`, /^application\/wasm$/],
      ['/assets/icon-32.png', /^image\/png$/],
    ];
    for (const [url, type] of expectations) {
      const response = await fetch(`${server.origin}${url}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
    }
    expect((await fetch(`${server.origin}/absent.js`)).status).toBe(404);
  });

  it('loads the task pane, the only page, with no request to the development origin', async () => {
    const stub = fs.readFileSync(path.join(STUB_OUT, 'office-stub.js'), 'utf8');
    const context = await browser.newContext({
      viewport: { width: 360, height: 900 },
      locale: 'fr-FR',
      acceptDownloads: true,
    });
    const requests: string[] = [];
    const outside: string[] = [];
    const errors: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS_URL)
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: stub });
      if (url.startsWith(server.origin) || /^(data|blob):/.test(url)) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('worker', (w) => requests.push(`worker:${w.url()}`));

    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole('heading', { name: 'Accrochage CDC' }).waitFor();
    // First run: a workbook without the template greets the user with the three steps.
    await page.getByRole('heading', { name: 'Bienvenue' }).waitFor();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain(
      "script-src 'self' https://appsforoffice.microsoft.com https://officeapis.public.onecdn.static.microsoft",
    );
    await screenshot(page, 'prod-welcome');

    // The XSD worker and its wasm run under the production build too: export a small valid workbook.
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.getByText(/Modèle créé/).waitFor();
    await page.evaluate(() => {
      const e2e = (
        window as unknown as { __e2e: { fillParameters(): void; fillPassages(n: number, c: object): void } }
      ).__e2e;
      e2e.fillParameters();
      e2e.fillPassages(2, {});
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xml$/);

    // The ribbon's functions run in the task pane (shared runtime): there is no commands page any more.
    expect((await fetch(`${server.origin}/commands.html`)).status).toBe(404);

    expect(outside).toEqual([]);
    expect(requests.filter((u) => u.includes('localhost:3000'))).toEqual([]);
    expect(requests.some((u) => /\/assets\/xmllint\.[0-9a-f]+\.wasm$/.test(u))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
