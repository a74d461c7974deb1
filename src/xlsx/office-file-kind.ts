import { promises as fs } from 'node:fs';
import { readZipDirectory, ZipFormatError, type ZipDirectory } from './zip-directory';

/**
 * What a file given as a workbook really is, from its first bytes and, for a zip, its central directory: an
 * .xlsx or .xlsm, another zip (an .ods, an archive), an OLE compound file (a password-protected workbook, which
 * Excel stores encrypted inside one, or an old .xls), text, or nothing readable. Nothing is inflated here.
 */

export type OfficeFileKind =
  | { readonly kind: 'workbook'; readonly macros: boolean; readonly directory: ZipDirectory }
  | { readonly kind: 'opendocument' }
  | { readonly kind: 'zip' }
  | { readonly kind: 'brokenZip'; readonly error: ZipFormatError }
  | { readonly kind: 'encrypted' }
  | { readonly kind: 'legacyExcel' }
  | { readonly kind: 'compoundFile' }
  | { readonly kind: 'text' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'other' };

const ZIP_LOCAL = Buffer.from('PK\x03\x04', 'latin1');
const ZIP_EMPTY = Buffer.from('PK\x05\x06', 'latin1');
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function officeFileKind(file: string): Promise<OfficeFileKind> {
  const handle = await fs.open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
    if (head.length === 0) return { kind: 'empty' };
    if (head.subarray(0, 8).equals(COMPOUND_FILE)) return await compoundFileKind(handle);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 4).equals(ZIP_LOCAL) || head.subarray(0, 4).equals(ZIP_EMPTY)) {
    let directory: ZipDirectory;
    try {
      directory = await readZipDirectory(file);
    } catch (error) {
      if (error instanceof ZipFormatError) return { kind: 'brokenZip', error };
      throw error;
    }
    const names = new Set(directory.entries.map((e) => e.name));
    if (names.has('xl/workbook.xml'))
      return { kind: 'workbook', macros: names.has('xl/vbaProject.bin'), directory };
    // ODF: an uncompressed "mimetype" entry first, naming the document type (ODF 1.2 part 3, 3.3).
    if (head.subarray(30, 38).toString('latin1') === 'mimetype' && head.includes('opendocument', 0, 'latin1'))
      return { kind: 'opendocument' };
    return { kind: 'zip' };
  }
  return looksLikeText(head) ? { kind: 'text' } : { kind: 'other' };
}

function looksLikeText(head: Buffer): boolean {
  if (head[0] === 0xff && head[1] === 0xfe) return true;
  if (head[0] === 0xfe && head[1] === 0xff) return true;
  // UTF-8 or a single-byte code page: no NUL and few control characters.
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  }
  return control <= head.length / 100;
}

/**
 * An OLE compound file ([MS-CFB]): its directory names the streams. An encrypted workbook holds
 * "EncryptionInfo" and "EncryptedPackage" ([MS-OFFCRYPTO] 2.3.4.4 and 2.3.4.1); an Excel 97-2003 workbook a
 * "Workbook" (or "Book") stream ([MS-XLS] 2.1.2). Only the directory chain is followed, at most a few hundred
 * sectors, through the FAT sectors listed in the header.
 */
async function compoundFileKind(handle: fs.FileHandle): Promise<OfficeFileKind> {
  const header = Buffer.alloc(512);
  await handle.read(header, 0, 512, 0);
  const sectorShift = header.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) return { kind: 'compoundFile' };
  const sectorSize = 1 << sectorShift;
  const sectorAt = async (sector: number) => {
    const buffer = Buffer.alloc(sectorSize);
    const { bytesRead } = await handle.read(buffer, 0, sectorSize, (sector + 1) * sectorSize);
    return buffer.subarray(0, bytesRead);
  };
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sector = header.readUInt32LE(0x4c + i * 4);
    if (sector >= 0xfffffffa) break;
    fatSectors.push(sector);
  }
  const perFatSector = sectorSize / 4;
  const nextSector = async (sector: number): Promise<number> => {
    const fat = fatSectors[Math.floor(sector / perFatSector)];
    if (fat === undefined) return 0xfffffffe;
    const bytes = await sectorAt(fat);
    const at = (sector % perFatSector) * 4;
    return at + 4 <= bytes.length ? bytes.readUInt32LE(at) : 0xfffffffe;
  };
  const names = new Set<string>();
  let sector = header.readUInt32LE(0x30);
  for (let visited = 0; sector < 0xfffffffa && visited < 256; visited++) {
    const bytes = await sectorAt(sector);
    for (let at = 0; at + 128 <= bytes.length; at += 128) {
      const length = bytes.readUInt16LE(at + 64);
      if (length >= 2 && length <= 64) names.add(bytes.toString('utf16le', at, at + length - 2));
    }
    sector = await nextSector(sector);
  }
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) return { kind: 'encrypted' };
  if (names.has('Workbook') || names.has('Book')) return { kind: 'legacyExcel' };
  return { kind: 'compoundFile' };
}
