import fc from 'fast-check';
import { checkWorkbook } from '../../../src/core/check/check';
import { createFlux } from '../../../src/core/xml/group';
import {
  splitFlux,
  validateFluxInParts,
  ValidationCancelledError,
} from '../../../src/core/export/validate-in-parts';
import { validateXml } from '../../../src/workers/node/validate-xml';
import { buildFluxXmlWithMap } from '../../../src/core/xml/flux-writer';
import type { Flux, Passage } from '../../../src/core/model/types';
import { validPassage, workbook } from '../../support/workbook';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const sheets = { passages: 'Passages', digcomp: 'DIGCOMP', parameters: 'Paramètres' };
const now = new Date('2026-06-01T08:00:00Z');

function fluxOf(rows: ReturnType<typeof validPassage>[]): Flux {
  const result = checkWorkbook(workbook(rows), { dictionary: DICTIONARY, today: now });
  expect(result.summary.errors).toBe(0);
  return createFlux({
    dictionary: DICTIONARY,
    header: result.header,
    passages: result.passages,
    now,
    idFlux: 'test',
  });
}

/** Type and code must agree (RS codes for RS certifications), or the check refuses the row. */
const certification = (code: string) => ({ '4.1': code.startsWith('RS') ? 'RS' : 'RNCP', '4.2': code });

const passagesOf = (flux: Flux): Passage[] => flux.certifications.flatMap((c) => c.passages);

describe('splitFlux', () => {
  it('keeps every passage once, in order, in parts of at most the given size with no empty certification', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('RNCP1', 'RNCP2', 'RS3'), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (codes, size) => {
          const flux = fluxOf(
            codes.map((code, i) => validPassage({ ...certification(code), '5.1': `P-${i}` })),
          );
          const parts = splitFlux(flux, size);
          expect(parts.flatMap(passagesOf)).toEqual(passagesOf(flux));
          for (const part of parts) {
            expect(passagesOf(part).length).toBeLessThanOrEqual(size);
            expect(part.certifications.every((c) => c.passages.length > 0)).toBe(true);
            expect(part.idFlux).toBe(flux.idFlux);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('validateFluxInParts', () => {
  const rows = Array.from({ length: 9 }, (_, i) =>
    validPassage({ '5.1': `P-${i}`, ...certification(i % 2 ? 'RNCP1' : 'RS2') }),
  );

  it('accepts a valid flux', async () => {
    const report = await validateFluxInParts(fluxOf(rows), dictionary, sheets, validateXml, {
      passagesPerPart: 4,
    });
    expect(report).toEqual({ valid: true, errors: [] });
  });

  it('finds a bad value in any part and says where it is in the workbook, not in a file nobody sees', async () => {
    const flux = fluxOf(rows);
    // A value check would never let through, injected to prove the XSD still catches it.
    const broken: Flux = {
      ...flux,
      certifications: flux.certifications.map((c) => ({
        ...c,
        passages: c.passages.map((p) => (p.row === 9 ? { ...p, values: { ...p.values, '8.9': 'H' } } : p)),
      })),
    };
    const report = await validateFluxInParts(broken, dictionary, sheets, validateXml, { passagesPerPart: 2 });
    expect(report.valid).toBe(false);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].location).toEqual({ sheet: 'Passages', row: 9, field: '8.9' });
    expect(report.errors[0].message).toMatch(/^Passages, ligne 9 : Sexe \(8\.9\)/);
  });

  it('reports a problem of the shared envelope once, not once per part', async () => {
    const flux = { ...fluxOf(rows), header: { '2.1': 'TROPLONG9', '3.1': 'E564ACB0', '3.2': 'X' } };
    const report = await validateFluxInParts(flux, dictionary, sheets, validateXml, { passagesPerPart: 2 });
    expect(report.errors).toHaveLength(1);
  });

  it('reports progress and stops when cancelled', async () => {
    const progress: number[] = [];
    await validateFluxInParts(fluxOf(rows), dictionary, sheets, validateXml, {
      passagesPerPart: 3,
      concurrency: 1,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([0, 3, 6, 9]);
    await expect(
      validateFluxInParts(fluxOf(rows), dictionary, sheets, validateXml, {
        passagesPerPart: 3,
        cancelled: () => true,
      }),
    ).rejects.toBeInstanceOf(ValidationCancelledError);
  });
});

describe('validateFluxInParts against a whole-file validation', () => {
  /** Passage and certification values the check never lets through, injected so that only the XSD can catch them. */
  function brokenFlux(): Flux {
    const rows = Array.from({ length: 12 }, (_, i) =>
      validPassage({ '5.1': `P-${i}`, ...certification(i % 3 ? 'RNCP1' : 'RS2') }),
    );
    const flux = fluxOf(rows);
    return {
      ...flux,
      // The émetteur is in the envelope every part repeats.
      header: { ...flux.header, '2.1': 'TROPLONG9' },
      certifications: flux.certifications.map((c, g) => ({
        // A certification value: its lines sit in the envelope of each part that holds one of its passages.
        values: g === 1 ? { ...c.values, '4.3': 'Inconnu' } : c.values,
        passages: c.passages.map((p) =>
          p.row === 3 || p.row === 8 || p.row === 13
            ? { ...p, values: { ...p.values, '8.9': 'H' } }
            : p.row === 11
              ? { ...p, values: { ...p.values, '5.1': '' } }
              : p,
        ),
      })),
    };
  }

  it.each([1, 2, 5])(
    'gives the verdict and messages of the whole file, errors in several parts of %i passages',
    async (passagesPerPart) => {
      const flux = brokenFlux();
      const whole = buildFluxXmlWithMap(flux, dictionary, sheets);
      const wholeReport = await validateXml(whole.xml, {
        dictionary,
        sourceMap: whole.sourceMap,
        linesInMessages: false,
      });
      const partsReport = await validateFluxInParts(flux, dictionary, sheets, validateXml, {
        passagesPerPart,
        concurrency: 2,
      });
      const described = (report: typeof wholeReport) =>
        report.errors.map(({ code, message, location }) => ({ code, message, location }));
      expect(wholeReport.valid).toBe(false);
      // Errors in the envelope, in a certification spread over several parts and in passages of several parts.
      expect(described(wholeReport).length).toBeGreaterThanOrEqual(5);
      expect(partsReport.valid).toBe(wholeReport.valid);
      expect(described(partsReport)).toEqual(described(wholeReport));
    },
  );
});
