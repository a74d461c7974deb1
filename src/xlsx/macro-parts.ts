import { promises as fs } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { readZipDirectory } from './zip-directory';

/**
 * Keeps the macros of an .xlsm in the copies the CLI writes (tracking, identifiers, upgrade). exceljs knows
 * nothing of VBA: a workbook it saves has no vbaProject.bin and the content type of a plain .xlsx, which Excel
 * refuses to open under an .xlsm name. After exceljs has written the copy, the parts that carry the macros are
 * put back from the user's file byte for byte, with their relationships and content types, the macro-enabled
 * content type of the workbook, and the code names that bind VBA document modules to the workbook and sheets.
 * Parts and relationship types: [MS-OFFMACRO2] 2.1 (vbaProject, signatures), ECMA-376 part 2 (packages).
 */

const VBA_PROJECT = 'http://schemas.microsoft.com/office/2006/relationships/vbaProject';
/** Relationship types whose targets travel with the macros: the project, its signatures, a custom ribbon. */
const MACRO_RELATIONSHIPS = [
  VBA_PROJECT,
  'http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature',
  'http://schemas.microsoft.com/office/2014/relationships/vbaProjectSignatureAgile',
  'http://schemas.microsoft.com/office/2020/07/relationships/vbaProjectSignatureV3',
  'http://schemas.microsoft.com/office/2006/relationships/ui/extensibility',
  'http://schemas.microsoft.com/office/2007/relationships/ui/extensibility',
];
const WORKBOOK_PART = 'xl/workbook.xml';
const CONTENT_TYPES = '[Content_Types].xml';

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
  readonly xml: string;
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1], m[2] ?? m[3] ?? '');
  return out;
}

function relationships(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return {
      id: a.get('Id') ?? '',
      type: a.get('Type') ?? '',
      target: a.get('Target') ?? '',
      external: a.get('TargetMode') === 'External',
      xml: m[0].endsWith('/>') ? m[0] : `${m[0].slice(0, -1)}/>`,
    };
  });
}

/** The rels part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels; "" (the package) → _rels/.rels. */
function relsOf(part: string): string {
  return path.posix
    .join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`)
    .replace(/^\.\//, '');
}

function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromPart), target));
}

async function text(zip: JSZip, name: string): Promise<string | undefined> {
  return zip.file(name)?.async('string');
}

/** True when the workbook holds a VBA project (read from its zip directory only). */
export async function hasVbaProject(file: string): Promise<boolean> {
  const directory = await readZipDirectory(file).catch(() => undefined);
  return directory?.entries.some((e) => e.name === 'xl/vbaProject.bin') === true;
}

/** Parts reached from `from`'s macro relationships, with the rels parts that lead to them. */
async function macroParts(zip: JSZip, from: string): Promise<{ links: Relationship[]; parts: string[] }> {
  const links = relationships(await text(zip, relsOf(from))).filter(
    (r) => !r.external && MACRO_RELATIONSHIPS.includes(r.type),
  );
  const parts: string[] = [];
  const queue = links.map((r) => resolveTarget(from === '' ? 'x' : from, r.target));
  while (queue.length > 0) {
    const part = queue.shift() as string;
    if (parts.includes(part) || !zip.file(part)) continue;
    parts.push(part);
    const rels = relsOf(part);
    if (zip.file(rels)) {
      if (!parts.includes(rels)) parts.push(rels);
      for (const r of relationships(await text(zip, rels)))
        if (!r.external) queue.push(resolveTarget(part, r.target));
    }
  }
  return { links, parts };
}

function contentTypeOf(types: string, part: string): string | undefined {
  for (const m of types.matchAll(/<Override\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.get('PartName')?.toLowerCase() === `/${part}`.toLowerCase()) return a.get('ContentType');
  }
  return undefined;
}

function defaultOf(types: string, extension: string): string | undefined {
  for (const m of types.matchAll(/<Default\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.get('Extension')?.toLowerCase() === extension.toLowerCase()) return a.get('ContentType');
  }
  return undefined;
}

const xmlAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Sets (or adds) `name="value"` on the first `<element …>` of `xml`, or inserts `<element name="value"/>` after `after`. */
function withAttribute(
  xml: string,
  element: string,
  name: string,
  value: string,
  insertAfter: RegExp,
): string {
  const tag = new RegExp(`<${element}\\b([^>]*?)(/?)>`);
  const found = tag.exec(xml);
  const attribute = `${name}="${xmlAttribute(value)}"`;
  if (found) {
    const rest = found[1].replace(new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`), '');
    return xml.replace(tag, `<${element} ${attribute}${rest}${found[2]}>`);
  }
  const anchor = insertAfter.exec(xml);
  if (!anchor) return xml;
  const at = anchor.index + anchor[0].length;
  return `${xml.slice(0, at)}<${element} ${attribute}/>${xml.slice(at)}`;
}

/** Sheet name → its part, from workbook.xml and its rels. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await text(zip, WORKBOOK_PART)) ?? '';
  const rels = relationships(await text(zip, relsOf(WORKBOOK_PART)));
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const rel = rels.find((r) => r.id === a.get('r:id'));
    if (rel && a.get('name') !== undefined)
      out.set(a.get('name') as string, resolveTarget(WORKBOOK_PART, rel.target));
  }
  return out;
}

function codeNameOf(xml: string | undefined, element: string): string | undefined {
  const tag = new RegExp(`<${element}\\b[^>]*>`).exec(xml ?? '');
  return tag ? attributes(tag[0]).get('codeName') : undefined;
}

/**
 * Puts the macro parts of `source` back into `written` (a copy exceljs wrote), in place. Returns false and
 * leaves `written` alone when the source has no VBA project.
 */
export async function restoreMacroParts(source: string, written: string): Promise<boolean> {
  if (!(await hasVbaProject(source))) return false;
  const from = await JSZip.loadAsync(await fs.readFile(source));
  const workbookMacros = await macroParts(from, WORKBOOK_PART);
  if (!workbookMacros.links.some((r) => r.type === VBA_PROJECT)) return false;
  const packageMacros = await macroParts(from, '');
  const to = await JSZip.loadAsync(await fs.readFile(written));
  const fromTypes = (await text(from, CONTENT_TYPES)) ?? '';
  let types = (await text(to, CONTENT_TYPES)) ?? '';

  for (const part of [...workbookMacros.parts, ...packageMacros.parts]) {
    to.file(part, await (from.file(part) as JSZip.JSZipObject).async('nodebuffer'));
    if (part.endsWith('.rels')) continue;
    const override = contentTypeOf(fromTypes, part);
    if (override !== undefined && contentTypeOf(types, part) === undefined) {
      types = types.replace(
        '</Types>',
        `<Override PartName="/${xmlAttribute(part)}" ContentType="${xmlAttribute(override)}"/></Types>`,
      );
    }
    const extension = path.posix.extname(part).slice(1);
    const byDefault = defaultOf(fromTypes, extension);
    if (override === undefined && byDefault !== undefined && defaultOf(types, extension) === undefined) {
      types = types.replace(
        /(<Types\b[^>]*>)/,
        `$1<Default Extension="${xmlAttribute(extension)}" ContentType="${xmlAttribute(byDefault)}"/>`,
      );
    }
  }
  // The workbook's macro-enabled content type, exactly as the source has it.
  const workbookType = contentTypeOf(fromTypes, WORKBOOK_PART);
  if (workbookType !== undefined) {
    types = types.replace(/<Override\b[^>]*PartName="\/xl\/workbook\.xml"[^>]*>/i, (tag) =>
      tag.replace(/ContentType="[^"]*"/, `ContentType="${xmlAttribute(workbookType)}"`),
    );
  }
  to.file(CONTENT_TYPES, types);

  for (const [owner, links] of [
    [WORKBOOK_PART, workbookMacros.links],
    ['', packageMacros.links],
  ] as const) {
    const relsName = relsOf(owner);
    let rels = (await text(to, relsName)) ?? '';
    const taken = new Set(relationships(rels).map((r) => r.id));
    for (const link of links) {
      if (relationships(rels).some((r) => r.type === link.type)) continue;
      let id = link.id;
      for (let n = 1; taken.has(id); n++) id = `rIdMacro${n}`;
      taken.add(id);
      rels = rels.replace(
        '</Relationships>',
        `${link.xml.replace(/\bId="[^"]*"/, `Id="${id}"`)}</Relationships>`,
      );
    }
    to.file(relsName, rels);
  }

  // Code names bind VBA's document modules (ThisWorkbook, Feuil1…) to the workbook and its sheets.
  const workbookCode = codeNameOf(await text(from, WORKBOOK_PART), 'workbookPr');
  if (workbookCode !== undefined) {
    const xml = (await text(to, WORKBOOK_PART)) ?? '';
    to.file(
      WORKBOOK_PART,
      withAttribute(xml, 'workbookPr', 'codeName', workbookCode, /<fileVersion\b[^>]*\/>|<workbook\b[^>]*>/),
    );
  }
  const fromSheets = await sheetParts(from);
  const toSheets = await sheetParts(to);
  for (const [name, part] of fromSheets) {
    const code = codeNameOf(await text(from, part), 'sheetPr');
    const target = toSheets.get(name);
    if (code === undefined || target === undefined) continue;
    const xml = (await text(to, target)) ?? '';
    to.file(target, withAttribute(xml, 'sheetPr', 'codeName', code, /<worksheet\b[^>]*>/));
  }

  const bytes = await to.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await fs.writeFile(written, bytes);
  return true;
}

/** True when `copy` holds the VBA project of `source` byte for byte, under the same workbook content type. */
export async function sameMacros(source: string, copy: string): Promise<boolean> {
  const [a, b] = await Promise.all([source, copy].map(async (f) => JSZip.loadAsync(await fs.readFile(f))));
  const project = async (zip: JSZip) => zip.file('xl/vbaProject.bin')?.async('nodebuffer');
  const [pa, pb] = await Promise.all([project(a), project(b)]);
  if (!pa || !pb || !pa.equals(pb)) return false;
  const [ta, tb] = await Promise.all([text(a, CONTENT_TYPES), text(b, CONTENT_TYPES)]);
  return contentTypeOf(ta ?? '', WORKBOOK_PART) === contentTypeOf(tb ?? '', WORKBOOK_PART);
}
