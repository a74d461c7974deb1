import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/cli';

/**
 * "Aucune donnée personnelle ne quitte votre poste": the only request our code makes is loading Office.js.
 * A static scan of src/ fails on any network API and on any http(s) address in code that is not one of
 * the few allowed below (each says why). Addresses in comments are documentation, not requests.
 */

const SRC = path.join(REPO_ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.(ts|tsx|js|html)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Code without its comments (block, line, HTML), so documentation links do not count. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const NETWORK_APIS =
  /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bEventSource\b|\bsendBeacon\b|\bimportScripts\s*\(\s*['"`]https?:|\bnavigator\.connection\b|(?:require\(|from\s)['"](?:node:)?(?:https?|http2|net|dgram|tls)['"]/;

const ALLOWED_URLS: readonly RegExp[] = [
  // Office.js must be loaded from Microsoft's CDN (AppSource policy).
  /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js$/,
  // The add-in's own origin (manifest, development server).
  /^https:\/\/localhost:3000(\/|$)/,
  // XML namespace names: identifiers, never fetched.
  /^http:\/\/www\.w3\.org\/(2001\/XMLSchema(-instance)?|2000\/xmlns\/|XML\/1998\/namespace)$/,
  // Office Open XML relationship types and namespaces (ECMA-376, [MS-OFFMACRO2]): identifiers, never fetched.
  /^http:\/\/schemas\.(microsoft\.com\/office|openxmlformats\.org)\/[\w/.-]+$/,
  // Addresses shown to the user as text (support, CDC portal): never requested by the add-in.
  /^https:\/\/(www\.support|certificateurs)\.moncompteformation\.gouv\.fr(\/|$)/,
  // Fictitious data of examples and benchmarks (reserved example domains, RFC 2606).
  /^https?:\/\/([a-z0-9-]+\.)*example\.(org|com|fr|net)(\/|$)/,
];

const files = filesUnder(SRC);

describe('no request leaves the machine', () => {
  it('scans a real source tree', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('uses no network API anywhere in src/', () => {
    const offenders = files
      .map((file) => ({
        file: path.relative(REPO_ROOT, file),
        match: NETWORK_APIS.exec(withoutComments(readFileSync(file, 'utf8'))),
      }))
      .filter((f) => f.match)
      .map((f) => `${f.file}: ${f.match?.[0]}`);
    expect(offenders).toEqual([]);
  });

  it('names no http(s) address in code other than Office.js, our origin, namespaces and displayed links', () => {
    const offenders = files.flatMap((file) =>
      [...withoutComments(readFileSync(file, 'utf8')).matchAll(/https?:\/\/[^\s'"`<>)]+/g)]
        .map((m) => m[0].replace(/[.,;]+$/, ''))
        .filter((url) => !ALLOWED_URLS.some((allowed) => allowed.test(url)))
        .map((url) => `${path.relative(REPO_ROOT, file)}: ${url}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the scan itself catches what it must (a test that cannot fail is a defect)', () => {
    expect(NETWORK_APIS.test("await fetch('https://stats.example.net')")).toBe(true);
    expect(NETWORK_APIS.test('navigator.sendBeacon(url, data)')).toBe(true);
    expect(NETWORK_APIS.test("import https from 'node:https';")).toBe(true);
    expect(NETWORK_APIS.test('const ws = new WebSocket(u)')).toBe(true);
    expect(NETWORK_APIS.test('const prefetch = 1; // fetch nothing')).toBe(false);
    expect(withoutComments('a(); // https://docs.example.invalid\n/* https://x.invalid */')).not.toMatch(
      /https/,
    );
    expect(ALLOWED_URLS.some((a) => a.test('https://appsforoffice.microsoft.com.evil.net/office.js'))).toBe(
      false,
    );
  });
});

/** The policies our pages declare: meta tags in page sources, and the one webpack writes into release builds. */
function contentSecurityPolicies(): string[] {
  const inPages = files
    .filter((f) => f.endsWith('.html'))
    .flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/Content-Security-Policy['"]?\s*content=['"]([^'"]+)['"]/g)].map(
        (m) => m[1],
      ),
    );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS module shared with webpack
  const released = require(path.join(REPO_ROOT, 'scripts/content-security-policy.js')) as string;
  return [...inPages, released];
}

/**
 * What the policy allows beyond our own origin, each with its source (Microsoft publishes no CSP list for add-ins,
 * office-js #1005). Anything else Office.js may need is « à confirmer » in docs/recette-excel.md (step « Volet »),
 * added only once seen blocked in real Office, with the console line as its source.
 */
const SOURCED_POLICY: Record<string, readonly string[]> = {
  'default-src': ["'self'"],
  // Office.js, and the host-specific and localized scripts it loads from the same CDN path
  // (…/lib/1/hosted/excel-win32-16.01.js in #1501, excel-web-16.00.js in #1687, office_strings.js in #6040);
  // the CDN's new unified domain (docs-pr PR #5882, Sept. 2026). A blocked one leaves Office.onReady pending (#6040).
  'script-src': [
    "'self'",
    'https://appsforoffice.microsoft.com',
    'https://officeapis.public.onecdn.static.microsoft',
  ],
  // Fluent UI injects its styles at run time; Excel on the web's Office.js applies inline styles (#1687).
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  // No request leaves for anywhere else (Office.js talks to its host by postMessage or the native bridge).
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
};

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('Content-Security-Policy of our pages', () => {
  it('every page declares exactly the sourced policy: our origin, and what Office.js loads', () => {
    const policies = contentSecurityPolicies();
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) expect(directives(policy)).toEqual(SOURCED_POLICY);
  });

  it('declares nothing a meta tag ignores or that breaks Office (frame-ancestors, sandbox: #1124, #4911)', () => {
    for (const policy of contentSecurityPolicies())
      expect(policy).not.toMatch(/frame-ancestors|sandbox|report-uri/);
    const nginx = readFileSync(path.join(REPO_ROOT, 'docs/deploiement/nginx.conf'), 'utf8');
    expect(nginx).not.toMatch(/X-Frame-Options|frame-ancestors|Content-Security-Policy[^\n]*sandbox/i);
  });
});
