import { readFileSync } from 'node:fs';
import { compareOfficialXsd, readOfficialXsd } from '../../../src/core/xsd/official-xsd';
import { OFFICIAL_XSD } from '../../support/paths';
import { DICTIONARY } from '../../support/dictionary';

const OFFICIAL = readFileSync(
  OFFICIAL_XSD,
  'utf8',
);

function identityOf(text: string) {
  const read = readOfficialXsd(text);
  if (!read.ok) throw new Error(read.message);
  return read.identity;
}

describe('an official XSD loaded by the user', () => {
  it('reads the namespace and version of the CDC XSD 1.1.2, which matches the dictionary', () => {
    const identity = identityOf(OFFICIAL);
    expect(identity).toEqual({ targetNamespace: 'urn:cdc:cpf:pc5:schema:1.0.0', version: '1.1.2' });
    expect(compareOfficialXsd(identity, DICTIONARY)).toEqual({ blocking: false, notes: [] });
  });

  it('says plainly that a newer version of the same namespace is checked as well as ours', () => {
    const comparison = compareOfficialXsd(identityOf(OFFICIAL.replace('version="1.1.2"', 'version="1.1.5"')), DICTIONARY);
    expect(comparison.blocking).toBe(false);
    expect(comparison.notes.join()).toMatch(
      /version 1\.1\.5 ; cet outil produit des fichiers au format 1\.1\.2/,
    );
  });

  it('blocks an XSD of another namespace, naming both', () => {
    const comparison = compareOfficialXsd(
      identityOf(OFFICIAL.replace(/urn:cdc:cpf:pc5:schema:1\.0\.0/g, 'urn:cdc:cpf:pc5:schema:2.0.0')),
    DICTIONARY,);
    expect(comparison.blocking).toBe(true);
    expect(comparison.notes.join()).toMatch(/schema:2\.0\.0.*schema:1\.0\.0/);
  });

  it('refuses what is not an XSD, and any DOCTYPE', () => {
    expect(readOfficialXsd('<rapport/>')).toEqual({
      ok: false,
      message: expect.stringMatching(/pas un schéma XSD/),
    });
    expect(readOfficialXsd('pas du XML')).toEqual({
      ok: false,
      message: expect.stringMatching(/pas un XSD lisible/),
    });
    const withDoctype = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${OFFICIAL.replace(/^<\?xml[^>]*>/, '')}`;
    expect(readOfficialXsd(withDoctype)).toEqual({ ok: false, message: expect.stringMatching(/DOCTYPE/) });
  });
});
