import { createReadStream, promises as fs } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';

/**
 * Reads the central directory of a zip file (an .xlsx) without inflating anything, and verifies entries by
 * inflating them with a hard cap. An .xlsx is a zip: before exceljs parses one, its directory tells how large
 * every part claims to be, so a zip bomb is refused in milliseconds instead of being read until memory runs
 * out. A directory can lie, so verification inflates each entry, discards the output as it comes and stops as
 * soon as an entry outgrows its declared size: work and memory stay bounded by what the directory declared.
 * Format: PKWARE APPNOTE 6.3.10 (sections 4.3.7 local header, 4.3.12 central header, 4.3.16 end of central
 * directory, 4.3.14-15 and 4.5.3 zip64).
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** MS-DOS time and date of the entry (central header), kept by copies (zip-writer.ts). */
  readonly modTime: number;
  readonly modDate: number;
}

export interface ZipDirectory {
  readonly fileSize: number;
  readonly entries: readonly ZipEntry[];
  /** Sum of the declared uncompressed sizes. */
  readonly declaredBytes: number;
  readonly directoryOffset: number;
}

/** Why a zip cannot be used; `code` drives the French message, `detail` is for developers. */
export class ZipFormatError extends Error {
  constructor(
    readonly code:
      | 'noDirectory'
      | 'badDirectory'
      | 'tooManyEntries'
      | 'encrypted'
      | 'unsupportedMethod'
      | 'sizeMismatch'
      | 'crcMismatch'
      | 'hiddenContent'
      | 'tooLarge',
    detail: string,
  ) {
    super(detail);
  }
}

/** Record signatures of the zip format (APPNOTE.TXT §4.3), shared with the writer (zip-writer.ts). */
export const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
export const CENTRAL_HEADER = 0x02014b50;
export const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const MAX_COMMENT = 0xffff;
/** More entries than any real workbook has (a sheet is 2 to 5 parts). */
const MAX_ENTRIES = 50_000;
const MAX_DIRECTORY_BYTES = 32 * 1024 * 1024;

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function u64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ZipFormatError('badDirectory', 'zip64 value too large');
  return Number(value);
}

/** Reads the central directory. Throws ZipFormatError when the file has none or it is malformed. */
export async function readZipDirectory(file: string): Promise<ZipDirectory> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + MAX_COMMENT);
    const tail = await readAt(handle, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError('noDirectory', 'end of central directory not found');
    let count = tail.readUInt16LE(eocd + 10);
    let directorySize = tail.readUInt32LE(eocd + 12);
    let directoryOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const locatorAt = eocd - 20;
      if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR)
        throw new ZipFormatError('badDirectory', 'zip64 locator missing');
      const record = await readAt(handle, u64(tail, locatorAt + 8), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD)
        throw new ZipFormatError('badDirectory', 'zip64 end of central directory missing');
      count = u64(record, 32);
      directorySize = u64(record, 40);
      directoryOffset = u64(record, 48);
    }
    if (count > MAX_ENTRIES) throw new ZipFormatError('tooManyEntries', `${count} entries`);
    if (directorySize > MAX_DIRECTORY_BYTES || directoryOffset + directorySize > size)
      throw new ZipFormatError('badDirectory', 'central directory out of the file');
    const directory = await readAt(handle, directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    let declaredBytes = 0;
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER)
        throw new ZipFormatError('badDirectory', `central header ${i} malformed`);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      let uncompressedSize = directory.readUInt32LE(at + 24);
      let compressedSize = directory.readUInt32LE(at + 20);
      let localHeaderOffset = directory.readUInt32LE(at + 42);
      // zip64 extra field (id 1): only the values saturated in the fixed header are present, in this order.
      const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length;) {
        const id = extra.readUInt16LE(e);
        const length = extra.readUInt16LE(e + 2);
        if (id === 1) {
          let p = e + 4;
          const next = () => {
            if (p + 8 > e + 4 + length) throw new ZipFormatError('badDirectory', 'zip64 extra too short');
            const value = u64(extra, p);
            p += 8;
            return value;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
        }
        e += 4 + length;
      }
      const entry: ZipEntry = {
        name,
        flags: directory.readUInt16LE(at + 8),
        method: directory.readUInt16LE(at + 10),
        crc32: directory.readUInt32LE(at + 16),
        compressedSize,
        uncompressedSize,
        localHeaderOffset,
        modTime: directory.readUInt16LE(at + 12),
        modDate: directory.readUInt16LE(at + 14),
      };
      if (localHeaderOffset + 30 + compressedSize > directoryOffset)
        throw new ZipFormatError('badDirectory', `entry ${name} reaches past the central directory`);
      entries.push(entry);
      declaredBytes += uncompressedSize;
      at += 46 + nameLength + extraLength + commentLength;
    }
    return { fileSize: size, entries, declaredBytes, directoryOffset };
  } finally {
    await handle.close();
  }
}

export interface ZipVerifyLimits {
  /** Refused above this many uncompressed bytes in all, declared or actual. */
  readonly maxTotalBytes: number;
}

/**
 * Checks every entry against the directory: local header where the directory says, entries packed one after
 * the other with nothing hidden between them (a streaming reader such as exceljs's reads local headers in file
 * order, so an entry missing from the directory would escape the size checks), each entry inflating to exactly
 * its declared size and CRC-32. Stops at the first excess, so a lying directory costs at most what it declared.
 */
export async function verifyZipEntries(
  file: string,
  directory: ZipDirectory,
  limits: ZipVerifyLimits,
): Promise<void> {
  if (directory.declaredBytes > limits.maxTotalBytes)
    throw new ZipFormatError('tooLarge', `${directory.declaredBytes} bytes declared`);
  const ordered = [...directory.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const handle = await fs.open(file, 'r');
  try {
    let expected = 0;
    for (const entry of ordered) {
      if (entry.flags & 0x1) throw new ZipFormatError('encrypted', entry.name);
      if (entry.method !== 0 && entry.method !== 8)
        throw new ZipFormatError('unsupportedMethod', `${entry.name}: method ${entry.method}`);
      if (entry.localHeaderOffset !== expected)
        throw new ZipFormatError(
          'hiddenContent',
          `${entry.localHeaderOffset - expected} bytes before ${entry.name}`,
        );
      const header = await readAt(handle, entry.localHeaderOffset, 30);
      if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER)
        throw new ZipFormatError('badDirectory', `no local header for ${entry.name}`);
      const nameLength = header.readUInt16LE(26);
      const name = (await readAt(handle, entry.localHeaderOffset + 30, nameLength)).toString('utf8');
      if (name !== entry.name)
        throw new ZipFormatError('hiddenContent', `local name ${name} ≠ ${entry.name}`);
      const dataStart = entry.localHeaderOffset + 30 + nameLength + header.readUInt16LE(28);
      const dataEnd = dataStart + entry.compressedSize;
      await checkEntryData(file, entry, dataStart, dataEnd);
      expected = dataEnd;
      if (entry.flags & 0x8) expected += await descriptorLength(handle, dataEnd, entry);
    }
    if (expected !== directory.directoryOffset)
      throw new ZipFormatError(
        'hiddenContent',
        `${directory.directoryOffset - expected} bytes before the directory`,
      );
  } finally {
    await handle.close();
  }
}

/** Where the entry's compressed bytes start: after its local header, whose extra field may differ from the directory's. */
export async function entryDataStart(handle: fs.FileHandle, entry: ZipEntry): Promise<number> {
  const header = await readAt(handle, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER)
    throw new ZipFormatError('badDirectory', `no local header for ${entry.name}`);
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** Data descriptor after the data (flag bit 3): optional signature, CRC, then 4- or 8-byte sizes. */
async function descriptorLength(handle: fs.FileHandle, at: number, entry: ZipEntry): Promise<number> {
  const bytes = await readAt(handle, at, 24);
  const signed = bytes.length >= 4 && bytes.readUInt32LE(0) === DATA_DESCRIPTOR ? 4 : 0;
  const zip64 = entry.compressedSize >= 0xffffffff || entry.uncompressedSize >= 0xffffffff;
  return signed + 4 + (zip64 ? 16 : 8);
}

async function checkEntryData(file: string, entry: ZipEntry, start: number, end: number): Promise<void> {
  if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize)
    throw new ZipFormatError('sizeMismatch', `${entry.name}: stored sizes differ`);
  if (end === start) {
    if (entry.uncompressedSize !== 0) throw new ZipFormatError('sizeMismatch', `${entry.name}: no data`);
    return;
  }
  let produced = 0;
  let crc = 0;
  const source = createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 20 });
  const count = async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      produced += chunk.length;
      if (produced > entry.uncompressedSize)
        throw new ZipFormatError(
          'sizeMismatch',
          `${entry.name}: more than the ${entry.uncompressedSize} bytes declared`,
        );
      crc = crc32(chunk, crc);
    }
  };
  try {
    if (entry.method === 8) await pipeline(source, createInflateRaw(), count);
    else await pipeline(source, count);
  } catch (error) {
    if (error instanceof ZipFormatError) throw error;
    throw new ZipFormatError('badDirectory', `${entry.name}: ${(error as Error).message}`);
  }
  if (produced !== entry.uncompressedSize)
    throw new ZipFormatError(
      'sizeMismatch',
      `${entry.name}: ${produced} bytes, ${entry.uncompressedSize} declared`,
    );
  if (crc >>> 0 !== entry.crc32) throw new ZipFormatError('crcMismatch', entry.name);
}
