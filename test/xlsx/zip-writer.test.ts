import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { readZipDirectory, verifyZipEntries, type ZipEntry } from '../../src/xlsx/zip-directory';
import { ZipTooLargeError, ZipWriter } from '../../src/xlsx/zip-writer';
import { tempDir } from '../support/cli';

/** The zip writer of the raw tracking copy: raw copies and streamed entries make a zip every reader accepts. */

const stamp = { modTime: 0x6000, modDate: 0x5b7e };

describe('ZipWriter', () => {
  it('copies entries raw (stored and deflated, with data descriptors) and streams new ones', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'source.zip');
    const zip = new JSZip();
    zip.file('a.txt', 'bonjour '.repeat(1000), { compression: 'DEFLATE' });
    zip.file('stocké.bin', Buffer.from([0, 1, 2, 3]), { compression: 'STORE' });
    zip.folder('dossier');
    await fs.writeFile(source, await zip.generateAsync({ type: 'nodebuffer', streamFiles: true }));
    const directory = await readZipDirectory(source);
    const out = path.join(dir, 'out.zip');
    const writer = await ZipWriter.create(out);
    const handle = await fs.open(source, 'r');
    for (const entry of directory.entries) {
      const header = Buffer.alloc(30);
      await handle.read(header, 0, 30, entry.localHeaderOffset);
      const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      await writer.copyRaw(handle, entry, start);
    }
    async function* chunks() {
      for (let i = 0; i < 50; i++) yield Buffer.from(`<row r="${i}">ligne ${i} é</row>`);
    }
    await writer.addStreamed('xl/nouveau.xml', chunks(), stamp);
    await writer.close();
    await handle.close();

    const written = await readZipDirectory(out);
    await verifyZipEntries(out, written, { maxTotalBytes: 1e9 });
    expect(written.entries.map((e) => e.name)).toEqual([
      ...directory.entries.map((e) => e.name),
      'xl/nouveau.xml',
    ]);
    const read = await JSZip.loadAsync(readFileSync(out));
    expect(await read.file('a.txt')?.async('string')).toBe('bonjour '.repeat(1000));
    expect([...((await read.file('stocké.bin')?.async('uint8array')) ?? [])]).toEqual([0, 1, 2, 3]);
    expect(await read.file('xl/nouveau.xml')?.async('string')).toContain('<row r="49">ligne 49 é</row>');
    try {
      execFileSync('unzip', ['-tq', out], { stdio: 'pipe' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  });

  it('refuses what would need ZIP64 (over 4 GiB) instead of writing a broken zip', async () => {
    const dir = tempDir();
    const writer = await ZipWriter.create(path.join(dir, 'out.zip'));
    const huge: ZipEntry = {
      name: 'xl/worksheets/sheet1.xml',
      method: 8,
      flags: 0,
      crc32: 0,
      compressedSize: 0xffffffff,
      uncompressedSize: 0xffffffff,
      localHeaderOffset: 0,
      ...stamp,
    };
    const handle = await fs.open(path.join(dir, 'out.zip'), 'r');
    await expect(writer.copyRaw(handle, huge, 30)).rejects.toBeInstanceOf(ZipTooLargeError);
    await handle.close();
    await writer.abandon();
  });
});
