import { promises as fs, type Stats } from 'node:fs';
import { SAVED_MAPPING_FORMAT } from '../core/mapping/saved-mapping';
import { isCdcFluxNamespace, prologText, readXmlProlog } from '../core/xml/xml-prolog';
import type { ExistingKind } from '../i18n/cli-files';
import { officeFileKind } from '../xlsx/office-file-kind';

/**
 * What a file already standing where a command wants to write is, so that a command never replaces a file
 * of another kind than the one it writes (a workbook by XML, an accusé by a workbook). Only the start of the
 * file is read (and, for a zip, its directory).
 */

export type { ExistingKind };

export interface ExistingFile {
  readonly kind: ExistingKind;
  readonly stats: Stats;
  /** For a CDC flux: its idFlux and horodatage, to say what a new export replaces. */
  readonly idFlux?: string;
  readonly horodatage?: string;
}

const HEAD_BYTES = 64 * 1024;

/** The file at `file` (links followed), or undefined when there is none. */
export async function existingFile(file: string): Promise<ExistingFile | undefined> {
  let stats: Stats;
  try {
    stats = await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (stats.isDirectory()) return { kind: 'directory', stats };
  if (!stats.isFile()) return { kind: 'special', stats };
  if (stats.size === 0) return { kind: 'empty', stats };
  const office = await officeFileKind(file);
  switch (office.kind) {
    case 'workbook':
      return { kind: office.macros ? 'macroWorkbook' : 'workbook', stats };
    case 'opendocument':
    case 'zip':
    case 'brokenZip':
    case 'encrypted':
    case 'legacyExcel':
    case 'compoundFile':
      return { kind: 'officeFile', stats };
    case 'text':
      return { stats, ...(await textKind(file)) };
    default:
      return { kind: 'other', stats };
  }
}

async function textKind(file: string): Promise<Omit<ExistingFile, 'stats'>> {
  const handle = await fs.open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const text = prologText(head, HEAD_BYTES);
  const prolog = readXmlProlog(text);
  if (prolog.kind === 'root') {
    const { localName, namespace } = prolog.root;
    if (localName === 'flux' && isCdcFluxNamespace(namespace)) {
      return {
        kind: 'cdcFlux',
        ...optional('idFlux', /<(?:\w+:)?idFlux>\s*([^<\s]+)\s*</.exec(text)?.[1]),
        ...optional('horodatage', /<(?:\w+:)?horodatage>\s*([^<\s]+)\s*</.exec(text)?.[1]),
      };
    }
    if (localName === 'rapport') return { kind: 'cdcReceipt' };
    if (localName === 'schema' && namespace === 'http://www.w3.org/2001/XMLSchema') return { kind: 'xsd' };
    return { kind: 'xml' };
  }
  if (prolog.kind === 'doctype') return { kind: 'xml' };
  if (/^\s*\{/.test(text) && text.includes(`"${SAVED_MAPPING_FORMAT}"`)) return { kind: 'savedMapping' };
  return { kind: 'other' };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
