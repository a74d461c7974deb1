import fc from 'fast-check';
import { utf8ByteLength } from '../../../src/core/export/split';
import { validateWithNativeXmllint } from '../../support/xmllint-native';
import { OFFICIAL_XSD } from '../../support/cli';
import { validPassage, workbook } from '../../support/workbook';
import { exportWorkbook, prepareExport, writePreparedFile } from '../../../src/core/export/export';
import {
  encodeFlux,
  partFileName,
  PassageTooLargeError,
  splitFluxByLimits,
} from '../../../src/core/export/split';
import type { Flux } from '../../../src/core/model/types';
import { buildFluxXml, writeEncodedFluxXml, writeFluxXml } from '../../../src/core/xml/flux-writer';
import { DICTIONARY } from '../../support/dictionary';
import { exportedText } from '../../support/export-pipeline';

const dictionary = DICTIONARY;
const now = new Date('2026-03-01T10:00:00Z');

/** 12 passages over three certifications, in an order that interleaves them. */
function flux(): Flux {
  const codes = ['RNCP34825', 'RS5487', 'RNCP37873'];
  const rows = Array.from({ length: 12 }, (_, i) =>
    validPassage({
      '5.1': `P-${String(i + 1).padStart(2, '0')}`,
      '4.1': codes[i % 3].startsWith('RS') ? 'RS' : 'RNCP',
      '4.2': codes[i % 3],
    }),
  );
  const prepared = prepareExport(workbook(rows), {
    dictionary: DICTIONARY,
    now,
    today: now,
    idFlux: 'flux-1',
  });
  if (!prepared.ok) throw new Error(prepared.check.issues.map((i) => i.message).join('\n'));
  return prepared.prepared.flux;
}

const idsOf = (f: Flux) => f.certifications.flatMap((g) => g.passages.map((p) => p.values['5.1']));
const bytesOf = (f: Flux) => Buffer.byteLength(buildFluxXml(f, dictionary), 'utf8');

describe('splitting an export into several CDC files', () => {
  const whole = flux();

  it('leaves a flux within the limits as one file, unchanged', () => {
    const parts = splitFluxByLimits(whole, dictionary);
    expect(parts).toHaveLength(1);
    expect(parts[0].flux).toBe(whole);
    expect(parts[0].passages).toBe(12);
  });

  it('cuts by number of passages, each file with its own idFlux and the same horodatage', () => {
    const parts = splitFluxByLimits(whole, dictionary, { maxPassages: 5 }, (i) => `flux-${i + 1}`);
    expect(parts.map((p) => p.passages)).toEqual([5, 5, 2]);
    expect(parts.map((p) => p.flux.idFlux)).toEqual(['flux-1', 'flux-2', 'flux-3']);
    expect(new Set(parts.map((p) => p.flux.horodatage))).toEqual(new Set([whole.horodatage]));
    expect(parts.flatMap((p) => idsOf(p.flux))).toEqual(idsOf(whole));
  });

  it('cuts by produced bytes: every file is under the cap, under its estimate, and passes the official XSD', () => {
    const maxBytes = Math.ceil(bytesOf(whole) / 3);
    const parts = splitFluxByLimits(whole, dictionary, { maxBytes });
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(parts.map((p) => p.flux.idFlux)).size).toBe(parts.length);
    for (const part of parts) {
      const xml = buildFluxXml(part.flux, dictionary);
      const bytes = Buffer.byteLength(xml, 'utf8');
      expect(bytes).toBeLessThanOrEqual(part.estimatedBytes);
      expect(bytes).toBeLessThanOrEqual(maxBytes);
      const verdict = validateWithNativeXmllint(xml, OFFICIAL_XSD);
      expect(verdict.output).toMatch(/validates/);
    }
    expect(parts.flatMap((p) => idsOf(p.flux))).toEqual(idsOf(whole));
  });

  it('refuses a byte cap smaller than one passage in its file', () => {
    expect(() => splitFluxByLimits(whole, dictionary, { maxBytes: 2000 })).toThrow(PassageTooLargeError);
  });

  it('numbers the file names only when there are several files', () => {
    expect(partFileName('cdc-X-20260301-110000.xml', 0, 1)).toBe('cdc-X-20260301-110000.xml');
    expect(partFileName('cdc-X-20260301-110000.xml', 1, 3)).toBe('cdc-X-20260301-110000-2.xml');
    expect(partFileName('envoi', 0, 2)).toBe('envoi-1');
  });
});

describe('utf8ByteLength', () => {
  it('counts what TextEncoder would produce, for any string including astral and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('serialized once: encodeFlux and the files written from its bytes', () => {
  /** Names beyond Latin-1 and outside the BMP, so that byte counts differ from string lengths. */
  const names = ['Martin', 'Œdipe', 'Nguyễn', 'Łukasz', 'D’Arc', 'Zoë', 'Ana 𝒜'];
  const codes = ['RNCP34825', 'RS5487', 'RNCP37873'];

  function fluxOf(count: number, nameAt: (i: number) => string): Flux {
    const rows = Array.from({ length: count }, (_, i) =>
      validPassage({
        '5.1': `P-${i + 1}`,
        '4.1': codes[(i * 7) % 3].startsWith('RS') ? 'RS' : 'RNCP',
        '4.2': codes[(i * 7) % 3],
        '8.1': nameAt(i),
      }),
    );
    const prepared = prepareExport(workbook(rows), { dictionary, now, today: now, idFlux: 'flux-1' });
    if (!prepared.ok) throw new Error(prepared.check.issues.map((i) => i.message).join('\n'));
    return prepared.prepared.flux;
  }

  it('cuts the same files as measuring each passage, and writes them byte for byte as the string writer does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: names.length - 1 }), { minLength: 30, maxLength: 30 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        (count, nameIndex, maxPassages, bytesDivisor) => {
          const whole = fluxOf(count, (i) => names[nameIndex[i]]);
          const maxBytes =
            bytesDivisor === undefined ? undefined : Math.ceil(bytesOf(whole) / bytesDivisor) + 4000;
          const limits = { maxPassages, maxBytes };
          const ids = (i: number) => `flux-${i + 1}`;
          const measured = splitFluxByLimits(whole, dictionary, limits, ids);
          const encoded = encodeFlux(whole, dictionary, limits, ids);
          expect(encoded.parts).toEqual(measured);
          expect(encoded.passages.count).toBe(count);
          let first = 0;
          for (const part of encoded.parts) {
            const written = Buffer.concat(
              Array.from(writeEncodedFluxXml(part.flux, dictionary, encoded.passages, first)),
            );
            expect(written.equals(Buffer.from(buildFluxXml(part.flux, dictionary), 'utf8'))).toBe(true);
            expect(written.length).toBeLessThanOrEqual(part.estimatedBytes);
            first += part.passages;
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives the prepared export and the add-in export the same files as the string writer', async () => {
    const rows = Array.from({ length: 9 }, (_, i) =>
      validPassage({ '5.1': `Q-${i}`, '8.1': names[i % names.length] }),
    );
    const options = { dictionary, now, today: now, idFlux: 'flux-1', maxPassagesPerFile: 4 };
    const prepared = prepareExport(workbook(rows), options);
    if (!prepared.ok) throw new Error('refused');
    expect(prepared.prepared.parts).toHaveLength(3);
    for (const [i, part] of prepared.prepared.parts.entries()) {
      const written = Buffer.concat(Array.from(writePreparedFile(prepared.prepared, dictionary, i)));
      expect(written.toString('utf8')).toBe(Array.from(writeFluxXml(part.flux, dictionary)).join(''));
    }
    const outcome = await exportWorkbook(workbook(rows), options);
    if (!outcome.ok) throw new Error('refused');
    expect(outcome.files.map(exportedText)).toEqual(
      prepared.prepared.parts.map((part) => buildFluxXml(part.flux, dictionary)),
    );
  });
});
