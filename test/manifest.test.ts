import * as fs from 'fs';
import * as path from 'path';
import { SaxesParser } from 'saxes';
import { COMMAND_IDS } from '../src/commands/register-commands';
import { strings } from '../src/i18n/pane';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_ORIGIN, manifestForOrigin } = require('../scripts/manifest-origin') as {
  DEV_ORIGIN: string;
  manifestForOrigin: (xml: string, origin: string) => string;
};

/**
 * Offline checks of manifest.xml: what Office's validator would refuse or what breaks at sideload
 * (dangling resid, over-long ids, a URL on another origin, a missing icon).
 */

const root = path.resolve(__dirname, '..');
const manifestText = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');

interface Element {
  readonly name: string;
  readonly attributes: Record<string, string>;
  text: string;
  readonly path: string;
}

function parse(xml: string): Element[] {
  const parser = new SaxesParser({ xmlns: false });
  const elements: Element[] = [];
  const stack: Element[] = [];
  parser.on('opentag', (tag) => {
    const element: Element = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      text: '',
      path: [...stack.map((e) => e.name), tag.name].join('/'),
    };
    elements.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    if (stack.length) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return elements;
}

const elements = parse(manifestText);
const resources = elements.filter(
  (e) => /^bt:(Image|Url|String)$/.test(e.name) && e.path.includes('Resources'),
);
const resourceIds = new Map(resources.map((e) => [e.attributes.id, e]));

function pngSize(file: string): { width: number; height: number } {
  const buffer = fs.readFileSync(file);
  expect(buffer.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

describe('manifest.xml', () => {
  it('is well-formed XML with the Workbook host, ExcelApi 1.9 and the shared runtime', () => {
    expect(elements[0].name).toBe('OfficeApp');
    expect(elements.find((e) => e.name === 'Host' && e.attributes.Name)?.attributes.Name).toBe('Workbook');
    const sets = elements
      .filter((e) => e.name === 'Set')
      .map((e) => `${e.attributes.Name} ${e.attributes.MinVersion}`);
    expect(sets).toEqual(expect.arrayContaining(['ExcelApi 1.9', 'SharedRuntime 1.1']));
    expect(elements.find((e) => e.name === 'Runtime')?.attributes).toMatchObject({
      resid: 'Taskpane.Url',
      lifetime: 'long',
    });
  });

  it('keeps resource ids within 32 characters and control ids within 125', () => {
    for (const id of resourceIds.keys()) expect(id.length).toBeLessThanOrEqual(32);
    for (const e of elements.filter((e) => e.attributes.resid))
      expect(e.attributes.resid.length).toBeLessThanOrEqual(32);
    for (const e of elements.filter((e) => ['Control', 'Group', 'CustomTab'].includes(e.name))) {
      expect(e.attributes.id.length).toBeLessThanOrEqual(125);
    }
  });

  it('resolves every resid, with unique resource ids', () => {
    expect(resourceIds.size).toBe(resources.length);
    const dangling = elements
      .filter((e) => e.attributes.resid && !resourceIds.has(e.attributes.resid))
      .map((e) => e.attributes.resid);
    expect(dangling).toEqual([]);
  });

  it('keeps short strings within 125 characters and long strings within 250', () => {
    for (const e of elements.filter((e) => e.path.endsWith('bt:ShortStrings/bt:String'))) {
      expect(e.attributes.DefaultValue.length).toBeLessThanOrEqual(125);
    }
    for (const e of elements.filter((e) => e.path.endsWith('bt:LongStrings/bt:String'))) {
      expect(e.attributes.DefaultValue.length).toBeLessThanOrEqual(250);
    }
  });

  it('points every URL at the configured origin, over https', () => {
    const urls = [...manifestText.matchAll(/https?:\/\/[^"<\s]+/g)]
      .map((m) => m[0])
      .filter((u) => !u.startsWith('http://schemas.microsoft.com/') && !u.startsWith('http://www.w3.org/'));
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(new URL(url).origin).toBe(DEV_ORIGIN);
  });

  it('rewrites every URL for a production origin', () => {
    const rewritten = manifestForOrigin(manifestText, 'https://cdc.example.fr');
    expect(rewritten).not.toContain('localhost');
    expect(rewritten.match(/https:\/\/cdc\.example\.fr\//g)?.length).toBeGreaterThan(10);
    expect(() => manifestForOrigin(manifestText, 'http://cdc.example.fr')).toThrow(/https/);
  });

  it('runs the ribbon functions in the task pane page: no separate commands page is built', async () => {
    // Shared runtime: "<FunctionFile> … change the resid from Commands.Url to Taskpane.Url"; "If your project has a
    // functions.html file or commands.html file, they can be removed" (docs configure-your-add-in-to-use-a-shared-runtime).
    expect(elements.find((e) => e.name === 'FunctionFile')?.attributes.resid).toBe('Taskpane.Url');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack's CommonJS config
    const config = require(path.join(root, 'webpack.config.js')) as (
      env: object,
      argv: object,
    ) => Promise<{ entry: Record<string, string>; plugins: { userOptions?: { filename?: string } }[] }>;
    const built = await config({}, { mode: 'development' });
    expect(Object.keys(built.entry)).toEqual(['taskpane']);
    const pages = built.plugins.map((p) => p.userOptions?.filename).filter((f) => f?.endsWith('.html'));
    expect(pages).toEqual(['taskpane.html']);
  });

  it('names the function commands the add-in registers', () => {
    const names = elements.filter((e) => e.name === 'FunctionName').map((e) => e.text.trim());
    expect(names.sort()).toEqual(Object.values(COMMAND_IDS).sort());
  });

  it('has the ribbon tab with the five buttons, in French, labelled as the pane labels the same actions', () => {
    const labels = elements
      .filter((e) => e.name === 'Control')
      .map((control) => {
        const label = elements.find(
          (e) =>
            e.name === 'Label' &&
            e.path.startsWith(control.path) &&
            elements.indexOf(e) > elements.indexOf(control),
        );
        return resourceIds.get(label?.attributes.resid ?? '')?.attributes.DefaultValue;
      });
    // One action, one label: the ribbon's come from the pane's texts, which the user guide quotes too.
    expect(labels).toEqual([
      strings.newTemplate,
      strings.check,
      strings.exportXml,
      strings.generateIds,
      'Volet',
    ]);
    expect(labels).toEqual(['Créer le modèle', 'Vérifier', 'Exporter', 'Générer les identifiants', 'Volet']);
    const guide = fs.readFileSync(path.join(root, 'docs/guide-utilisateur.md'), 'utf8');
    for (const label of labels) expect(guide).toContain(`**${label}**`);
    expect(resourceIds.get('Tab.Label')?.attributes.DefaultValue).toBe('Accrochage CDC');
  });

  it('has every icon in assets/ at the size it is declared with', () => {
    const declared = elements.filter((e) => e.name === 'bt:Image' && e.attributes.size);
    for (const use of declared) {
      const url = resourceIds.get(use.attributes.resid)?.attributes.DefaultValue ?? '';
      const size = pngSize(path.join(root, new URL(url).pathname));
      expect(size).toEqual({ width: Number(use.attributes.size), height: Number(use.attributes.size) });
    }
    const icon = (name: string) => elements.find((e) => e.name === name)?.attributes.DefaultValue ?? '';
    expect(pngSize(path.join(root, new URL(icon('IconUrl')).pathname)).width).toBe(32);
    expect(pngSize(path.join(root, new URL(icon('HighResolutionIconUrl')).pathname)).width).toBe(64);
    expect(pngSize(path.join(root, 'assets/icon-128.png')).width).toBe(128);
  });
});
