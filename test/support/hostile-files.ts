import { writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { passage, PARAMETERS } from './corpus';
import { DICTIONARY } from './dictionary';

/**
 * Generators of hostile files, built on the fly (nothing large is committed): zips that lie or explode, an
 * encrypted workbook's container, an old .xls, a LibreOffice file, XML with entities. Each is small on disk.
 */

export interface RawEntry {
  readonly name: string;
  /** What the entry holds, uncompressed (deflated here), or its compressed bytes as given. */
  readonly data?: Buffer;
  readonly deflated?: Buffer;
  /** Sizes and CRC the headers declare, when they must lie. */
  readonly declaredSize?: number;
  readonly crc?: number;
  /** Stored uncompressed (method 0), as ODF requires for its "mimetype" entry. */
  readonly stored?: boolean;
}

/** A zip written by hand, so that its headers can say anything (PKWARE APPNOTE 4.3). */
export function writeRawZip(
  file: string,
  entries: readonly RawEntry[],
  options: { hidden?: RawEntry } = {},
): void {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const local = (entry: RawEntry, listed: boolean) => {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = entry.stored
      ? (entry.data ?? Buffer.alloc(0))
      : (entry.deflated ?? deflateRawSync(entry.data ?? Buffer.alloc(0)));
    const method = entry.stored ? 0 : 8;
    const size = entry.declaredSize ?? entry.data?.length ?? 0;
    const crc = entry.crc ?? crc32(entry.data ?? Buffer.alloc(0));
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    header.writeUInt16LE(name.length, 26);
    if (listed) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(method, 10);
      record.writeUInt32LE(crc >>> 0, 16);
      record.writeUInt32LE(compressed.length, 20);
      record.writeUInt32LE(Math.min(size, 0xffffffff), 24);
      record.writeUInt16LE(name.length, 28);
      record.writeUInt32LE(offset, 42);
      central.push(record, name);
    }
    chunks.push(header, name, compressed);
    offset += header.length + name.length + compressed.length;
  };
  entries.forEach((entry, i) => {
    local(entry, true);
    // An entry only in local headers, between two listed ones: a streaming reader would still read it.
    if (options.hidden && i === 0) local(options.hidden, false);
  });
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...chunks, directory, end]));
}

/** The entries of a valid filled template, as exceljs writes it. */
export async function templateEntries(): Promise<RawEntry[]> {
  const workbook = createTemplateWorkbook(DICTIONARY, { parameters: PARAMETERS, passages: [passage()] });
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const entries: RawEntry[] = [];
  for (const name of Object.keys(zip.files)) {
    const file = zip.files[name];
    if (!file.dir) entries.push({ name, data: await file.async('nodebuffer') });
  }
  return entries;
}

/**
 * A deflate stream that inflates to `megabytes` MiB of `unit` repeated, a few kB per 100 MiB: the same block,
 * compressed once and repeated (each ends byte-aligned with a full flush, so copies follow one another).
 */
export function deflatedRepeat(unit: string, megabytes: number, head = '', tail = ''): Buffer {
  const mebibyte = Buffer.alloc(1024 * 1024, unit);
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const block = deflateRawSync(mebibyte, flush);
  const parts = [deflateRawSync(Buffer.from(head), flush)];
  for (let i = 0; i < megabytes; i++) parts.push(block);
  parts.push(deflateRawSync(Buffer.from(tail)));
  return Buffer.concat(parts);
}

/** A template whose shared strings inflate to `megabytes` MiB of one endless string (a zip bomb). */
export async function writeZipBomb(file: string, megabytes: number, lie: boolean): Promise<void> {
  const entries = (await templateEntries()).filter((e) => e.name !== 'xl/sharedStrings.xml');
  const deflated = deflatedRepeat(
    'A',
    megabytes,
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
    '</t></si></sst>',
  );
  const size = megabytes * 1024 * 1024 + 200;
  entries.push({ name: 'xl/sharedStrings.xml', deflated, declaredSize: lie ? 1024 : size, crc: 0 });
  writeRawZip(file, entries);
}

/**
 * An OLE compound file ([MS-CFB]) holding streams of these names and nothing in them: what Excel writes for a
 * workbook with a password to open (EncryptionInfo, EncryptedPackage) or for an Excel 97-2003 file (Workbook).
 */
export function writeCompoundFile(file: string, streams: readonly string[]): void {
  const sector = 512;
  const header = Buffer.alloc(sector, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory in sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(0xfffffffe, 4);
  const directory = Buffer.alloc(sector, 0);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const at = i * 128;
    directory.write(name, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 64);
    directory.writeUInt8(i === 0 ? 5 : 2, at + 66);
    directory.writeUInt32LE(0xfffffffe, at + 116);
  });
  writeFileSync(file, Buffer.concat([header, fat, directory]));
}

/** XML with an internal DTD whose entities expand a billion times ("billion laughs"). */
export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<cpf:flux xmlns:cpf="urn:cdc:cpf:pc5:schema:1.0.0"><cpf:idFlux>&lol9;</cpf:idFlux></cpf:flux>
`;

/** Library and system wording that must never reach a user. */
export const UNTRANSLATED =
  /invalid signature|FILE_ENDED|EISDIR|ENOENT|EACCES|ENOSPC|Bug :|Bug:|size mismatch|central directory|is this a zip|Unexpected|Error:|undefined|\bat \w+ \(/;
