import fc from 'fast-check';
import { buildFluxXml } from '../../../src/core/xml/flux-writer';
import { passageLineFields } from '../../../src/core/xml/line-origins';
import { compilePassageSerializer } from '../../../src/core/xml/passage-serializer';
import { buildReferenceFluxXml, referencePassageXml } from '../../../src/core/xml/reference-serializer';
import { anyPassageArbitrary, canonicalXml, validHeaderArbitrary } from '../../support/xml';
import { createFlux } from '../../../src/core/xml/group';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const serialize = compilePassageSerializer(dictionary);
const PASSAGE_LEVEL = 7;

describe('the fast serializer writes exactly what xmlbuilder2 writes', () => {
  test('for random passages: any fields, any text, nil fields, both choices, 0–5 DIGCOMP results', () => {
    fc.assert(
      fc.property(anyPassageArbitrary(dictionary), (passage) => {
        const fast = serialize(passage, PASSAGE_LEVEL);
        const reference = referencePassageXml(passage, dictionary, PASSAGE_LEVEL);
        expect(fast).toBe(reference);
      }),
      { numRuns: 600 },
    );
  });

  test('for random whole files, byte for byte and as parsed', () => {
    const flux = fc
      .record({
        header: validHeaderArbitrary(dictionary),
        passages: fc.array(anyPassageArbitrary(dictionary), { minLength: 1, maxLength: 6 }),
        now: fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2090-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
      })
      .map(({ header, passages, now }) => createFlux({ header, passages, now, idFlux: 'f', dictionary }));
    fc.assert(
      fc.property(flux, (f) => {
        const fast = buildFluxXml(f, dictionary);
        const reference = buildReferenceFluxXml(f, dictionary);
        expect(fast).toBe(reference);
        expect(canonicalXml(fast)).toBe(canonicalXml(reference));
      }),
      { numRuns: 150 },
    );
  });

  test('at other indentation levels too', () => {
    fc.assert(
      fc.property(anyPassageArbitrary(dictionary), fc.integer({ min: 1, max: 12 }), (passage, level) => {
        expect(serialize(passage, level)).toBe(referencePassageXml(passage, dictionary, level));
      }),
      { numRuns: 100 },
    );
  });

  test('an ampersand that looks like a reference is still escaped (xmlbuilder2 alone would not)', () => {
    const passage = { row: 2, values: { '5.1': 'R&D; &amp; &#65;' }, digcomp: [] };
    const fast = serialize(passage, PASSAGE_LEVEL);
    expect(fast).toContain('<cpf:idTechnique>R&amp;D; &amp;amp; &amp;#65;</cpf:idTechnique>');
    expect(referencePassageXml(passage, dictionary, PASSAGE_LEVEL)).toBe(fast);
  });

  test('a carriage return survives parsing in both, as a character reference', () => {
    const passage = { row: 2, values: { '5.1': 'a\r\nb\rc' }, digcomp: [] };
    const fast = serialize(passage, PASSAGE_LEVEL);
    expect(fast).toContain('<cpf:idTechnique>a&#13;\nb&#13;c</cpf:idTechnique>');
    expect(referencePassageXml(passage, dictionary, PASSAGE_LEVEL)).toBe(fast);
  });
});

describe('passageLineFields agrees with the text of any passage', () => {
  test('one origin per line; leaf lines name their field; continuation lines keep it', () => {
    fc.assert(
      fc.property(anyPassageArbitrary(dictionary), (passage) => {
        const lines = serialize(passage, 0).slice(0, -1).split('\n');
        const origins = passageLineFields(dictionary, passage);
        expect(origins).toHaveLength(lines.length);
        origins.forEach((origin, i) => {
          const tag = /^\s*<(\/?)cpf:(\w+)/.exec(lines[i]);
          if (origin.field !== undefined && tag !== null)
            expect(tag[2]).toBe(dictionary.field(origin.field).tag);
          if (tag === null) expect(origin.field).toBeDefined();
          if (origin.digcomp !== undefined) expect(origin.digcomp).toBeLessThan(passage.digcomp.length);
        });
        const resultOpenings = lines.filter((l) => /^\s*<cpf:resultat\/?>$/.test(l)).length;
        expect(resultOpenings).toBe(passage.digcomp.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('referencePassageXml', () => {
  test('refuses level 0, where the namespace declarations would land on the passage', () => {
    expect(() => referencePassageXml({ row: 2, values: {}, digcomp: [] }, dictionary, 0)).toThrow(RangeError);
  });
});
