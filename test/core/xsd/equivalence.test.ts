import { validateWithNativeXmllint } from '../../support/xmllint-native';
import { EXAMPLE_VARIANTS, OFFICIAL_XSD_PATH, OUR_XSD_PATH, readOfficialExample } from '../../support/official-example';

/**
 * Our generated XSD must accept and reject exactly the documents the CDC's XSD accepts and rejects.
 * Native xmllint (libxml2) is the judge for both; each variant also states the verdict we expect from
 * the official XSD, so a variant that stops breaking what it means to break is noticed.
 */
describe('generated XSD and official XSD give the same verdicts (native xmllint)', () => {
  const example = readOfficialExample();

  it('has a corpus of at least 30 variants, valid and invalid', () => {
    expect(EXAMPLE_VARIANTS.length).toBeGreaterThanOrEqual(30);
    expect(EXAMPLE_VARIANTS.filter((v) => v.valid).length).toBeGreaterThan(5);
    expect(new Set(EXAMPLE_VARIANTS.map((v) => v.name)).size).toBe(EXAMPLE_VARIANTS.length);
  });

  it.each(EXAMPLE_VARIANTS.map((variant) => [variant.name, variant] as const))('%s', (_, variant) => {
    const xml = variant.build(example);
    const official = validateWithNativeXmllint(xml, OFFICIAL_XSD_PATH);
    const ours = validateWithNativeXmllint(xml, OUR_XSD_PATH);
    expect(official.valid).toBe(variant.valid);
    expect(ours.valid).toBe(official.valid);
  });

  it('gives the same verdicts in streaming mode', () => {
    for (const variant of EXAMPLE_VARIANTS) {
      const xml = variant.build(example);
      const official = validateWithNativeXmllint(xml, OFFICIAL_XSD_PATH, { stream: true });
      const ours = validateWithNativeXmllint(xml, OUR_XSD_PATH, { stream: true });
      expect([variant.name, ours.valid]).toEqual([variant.name, official.valid]);
      expect([variant.name, official.valid]).toEqual([variant.name, variant.valid]);
    }
  });
});
