import { promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';
import { CENTRAL_HEADER, EOCD, LOCAL_HEADER, type ZipEntry } from './zip-directory';

/**
 * Writes a zip file entry by entry, for copies of a workbook that change a few parts only (xlsx-tracking-patch.ts):
 * an entry of the source is copied raw (its compressed bytes as they are, never inflated), a changed part is
 * deflated from a stream of its new content, and the central directory is written at the end. Every local header
 * carries the CRC-32 and sizes (no data descriptor, even when the source used one: the header of a streamed entry is
 * rewritten in place once its data is written). No ZIP64: a copy that would need it (over 4 GiB, or 65 535
 * entries) is refused with ZipTooLargeError, long before which Excel itself gives up. Format: PKWARE APPNOTE
 * 6.3.10, sections 4.3.7 (local header), 4.3.12 (central header), 4.3.16 (end of central directory).
 * zlib.crc32 needs Node 20.15 or later (already required by zip-directory.ts).
 */

export class ZipTooLargeError extends Error {}

const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;
/** Bit 3 (sizes in a data descriptor) is never set in what we write; bit 11 (UTF-8 names) is kept. */
const DESCRIPTOR_FLAG = 0x8;
const UTF8_FLAG = 0x800;
const COPY_CHUNK = 1 << 20;

interface Written {
  readonly name: Buffer;
  readonly flags: number;
  readonly method: number;
  readonly modTime: number;
  readonly modDate: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly offset: number;
}

export interface StreamedEntryOptions {
  readonly modTime: number;
  readonly modDate: number;
  /** zlib level; 6 is zlib's default. */
  readonly level?: number;
}

function localHeader(entry: Omit<Written, 'offset'>): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(entry.flags, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(entry.modTime, 10);
  header.writeUInt16LE(entry.modDate, 12);
  header.writeUInt32LE(entry.crc >>> 0, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.uncompressedSize, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: Written): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(entry.flags, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(entry.modTime, 12);
  header.writeUInt16LE(entry.modDate, 14);
  header.writeUInt32LE(entry.crc >>> 0, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.uncompressedSize, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // extra, comment, disk, internal attributes, external attributes: none.
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

export class ZipWriter {
  private position = 0;
  private readonly written: Written[] = [];

  private constructor(private readonly handle: fs.FileHandle) {}

  /** Creates (or truncates) `file`. */
  static async create(file: string): Promise<ZipWriter> {
    return new ZipWriter(await fs.open(file, 'w'));
  }

  private checkOffset(value: number, what: string): void {
    if (value >= MAX_32)
      throw new ZipTooLargeError(`${what}: ${value} bytes, beyond 4 GiB (ZIP64 not written)`);
  }

  private async append(bytes: Buffer): Promise<void> {
    await this.handle.write(bytes, 0, bytes.length, this.position);
    this.position += bytes.length;
  }

  /**
   * Copies `entry` of `source` without inflating it: a new local header (sizes from the central directory, so a
   * data descriptor of the source is dropped), then its compressed bytes as they are.
   */
  async copyRaw(source: fs.FileHandle, entry: ZipEntry, dataStart: number): Promise<void> {
    if (this.written.length >= MAX_ENTRIES) throw new ZipTooLargeError('more than 65 535 entries');
    if (entry.compressedSize >= MAX_32 || entry.uncompressedSize >= MAX_32)
      throw new ZipTooLargeError(`${entry.name}: ZIP64 entry`);
    this.checkOffset(this.position, entry.name);
    // The directory reader decodes names as UTF-8: a non-ASCII name is written back as UTF-8, and flagged so.
    const ascii = /^[\x20-\x7e]*$/.test(entry.name);
    const record: Written = {
      name: Buffer.from(entry.name, 'utf8'),
      flags: (entry.flags & ~DESCRIPTOR_FLAG & 0xffff) | (ascii ? 0 : UTF8_FLAG),
      method: entry.method,
      modTime: entry.modTime,
      modDate: entry.modDate,
      crc: entry.crc32,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      offset: this.position,
    };
    await this.append(localHeader(record));
    const buffer = Buffer.alloc(Math.min(COPY_CHUNK, Math.max(1, entry.compressedSize)));
    for (let done = 0; done < entry.compressedSize;) {
      const length = Math.min(buffer.length, entry.compressedSize - done);
      const { bytesRead } = await source.read(buffer, 0, length, dataStart + done);
      if (bytesRead !== length) throw new Error(`${entry.name}: the source ended early`);
      await this.append(buffer.subarray(0, length));
      done += length;
    }
    this.checkOffset(this.position, entry.name);
    this.written.push(record);
  }

  /** Writes a new entry (deflated) from its uncompressed content, streamed: memory stays at a few chunks. */
  async addStreamed(
    name: string,
    content: AsyncIterable<Buffer> | Iterable<Buffer>,
    options: StreamedEntryOptions,
  ): Promise<void> {
    if (this.written.length >= MAX_ENTRIES) throw new ZipTooLargeError('more than 65 535 entries');
    this.checkOffset(this.position, name);
    const offset = this.position;
    const base = {
      name: Buffer.from(name, 'utf8'),
      flags: UTF8_FLAG,
      method: 8,
      modTime: options.modTime,
      modDate: options.modDate,
    };
    const placeholder = localHeader({ ...base, crc: 0, compressedSize: 0, uncompressedSize: 0 });
    await this.append(placeholder);
    let crc = 0;
    let uncompressedSize = 0;
    const dataStart = this.position;
    async function* measured(): AsyncGenerator<Buffer> {
      for await (const chunk of content) {
        crc = crc32(chunk, crc);
        uncompressedSize += chunk.length;
        yield chunk;
      }
    }
    await pipeline(
      Readable.from(measured(), { objectMode: false }),
      createDeflateRaw({ level: options.level ?? 6 }),
      async (compressed: AsyncIterable<Buffer>) => {
        for await (const chunk of compressed) {
          await this.append(chunk);
          this.checkOffset(this.position, name);
        }
      },
    );
    if (uncompressedSize >= MAX_32) throw new ZipTooLargeError(`${name}: ${uncompressedSize} bytes`);
    const record: Written = {
      ...base,
      crc,
      compressedSize: this.position - dataStart,
      uncompressedSize,
      offset,
    };
    const header = localHeader(record);
    await this.handle.write(header, 0, header.length, offset);
    this.written.push(record);
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    try {
      const directoryOffset = this.position;
      this.checkOffset(directoryOffset, 'central directory');
      for (const entry of this.written) await this.append(centralHeader(entry));
      const directorySize = this.position - directoryOffset;
      this.checkOffset(this.position, 'central directory');
      const end = Buffer.alloc(22);
      end.writeUInt32LE(EOCD, 0);
      end.writeUInt16LE(this.written.length, 8);
      end.writeUInt16LE(this.written.length, 10);
      end.writeUInt32LE(directorySize, 12);
      end.writeUInt32LE(directoryOffset, 16);
      await this.append(end);
    } finally {
      await this.handle.close();
    }
  }

  /** Closes the file without finishing it (the caller removes it). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
