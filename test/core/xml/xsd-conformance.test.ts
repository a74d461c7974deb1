import fc from 'fast-check';
import { buildFluxXml } from '../../../src/core/xml/flux-writer';
import { validateManyWithXmllint, validFluxArbitrary } from '../../support/xml';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;

describe('files written from valid passages are accepted by the official CDC XSD (native xmllint)', () => {
  test('200 random files of 1–5 passages: every field at random within its facets, both choices, DIGCOMP', () => {
    // One xmllint run for all files: compiling the schema dominates the cost of a single small validation.
    const fluxes = fc.sample(validFluxArbitrary(dictionary, 5), { numRuns: 200, seed: 20261123 });
    const documents = fluxes.map((flux) => buildFluxXml(flux, dictionary));
    const result = validateManyWithXmllint(documents);
    const failures = result.output.split('\n').filter((line) => !line.endsWith(' validates') && line !== '');
    expect(failures).toEqual([]);
    expect(result.valid).toBe(true);
    // The sample must have exercised what it claims to.
    const all = documents.join('');
    for (const needle of [
      '<cpf:dossierFormation>',
      '<cpf:titulaire>',
      '<cpf:codeInseeNaissance>',
      '<cpf:codePostal xsi:nil="true"/>',
      '<cpf:codePostal>',
      '<cpf:resultat>',
      '&amp;',
      '&lt;',
      '&#13;',
      '+01:00',
      '+02:00',
    ]) {
      expect(all).toContain(needle);
    }
  });

  test('a fresh random sample each run, smaller (shrinks to a minimal failing file if one fails)', () => {
    fc.assert(
      fc.property(fc.array(validFluxArbitrary(dictionary, 5), { minLength: 20, maxLength: 20 }), (fluxes) => {
        const result = validateManyWithXmllint(fluxes.map((flux) => buildFluxXml(flux, dictionary)));
        if (!result.valid) throw new Error(result.output);
      }),
      { numRuns: 3 },
    );
  });
});
