import { getDictionary, SCHEMA_VERSIONS } from '../../src/dictionary';
import { DICTIONARY } from '../support/dictionary';

describe('dictionary 1.1.2', () => {
  const dictionary = DICTIONARY;

  it('describes the 51 fields of dictionary V22 plus commentairesMEN from the XSD', () => {
    expect(dictionary.fields).toHaveLength(52);
  });

  it('places every exported field in the schema tree under cpf:flux', () => {
    for (const field of dictionary.fields.filter((f) => f.scope !== 'notInSchema')) {
      expect(dictionary.placement(field.id).path[0]).toBe('flux');
    }
  });

  it('puts the identity fields under the identificationTitulaire choice', () => {
    expect(dictionary.placement('8.1').choices).toEqual([
      { choice: 'identificationTitulaire', option: 'titulaire' },
    ]);
    expect(dictionary.placement('8.11').choices).toEqual([
      { choice: 'identificationTitulaire', option: 'titulaire' },
      { choice: 'codeCommuneNaissance', option: 'codePostalNaissance' },
    ]);
  });

  it('rejects an unknown schema version with a French message', () => {
    expect(() => getDictionary('9.9.9')).toThrow(/Version de schéma inconnue/);
    expect(SCHEMA_VERSIONS.map((s) => s.version)).toContain('1.1.2');
  });
});
