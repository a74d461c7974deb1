import { defineVersion, type FieldDef } from '../../../src/dictionary';
import { all, leaf } from '../../../src/dictionary/tree-builders';
import { SCHEMA_1_1_2 } from '../../../src/dictionary/versions/1.1.2/schema';

/**
 * A test-only schema version, written as a real one would be: XSD 1.1.2 plus what the reported 2026 kit adds
 * (SPEC-NOTES, "Newer kit"): an `action` element valued CREATION, and a third identity option identified by the
 * NIR. `action` is placed in each passage here and derived per passage (a value nobody types), to exercise that
 * scope; the kit is said to put it after horodatage. Tests drive the whole pipeline with it to prove that a new
 * version is this file and nothing else (test/dictionary/schema-variant.test.ts).
 */

const PASSAGE =
  'flux/emetteur/certificateurs/certificateur/certifications/certification/passageCertifications/passageCertification';

const ACTION: FieldDef = {
  id: '5.18',
  tag: 'action',
  label: 'Action',
  help: 'Calculée à l’export : CREATION pour un passage envoyé pour la première fois.',
  kind: 'enum',
  enumeration: [{ code: 'CREATION', label: 'Création' }],
  status: 'required',
  nillable: false,
  scope: 'derived',
  derive: () => 'CREATION',
};

const NIR: FieldDef = {
  id: '10.1',
  tag: 'nir',
  label: 'NIR du titulaire',
  help: 'Les 13 premiers caractères du numéro de sécurité sociale (sans la clé).',
  kind: 'string',
  length: 13,
  pattern: '[12][0-9]{4}(2[AB]|[0-9]{2})[0-9]{6}',
  code: true,
  status: 'required',
  nillable: false,
  scope: 'passage',
  condition: 'Bloc 10 à la place des blocs 8 et 9, si vous avez le NIR.',
  width: 16,
};

const NIR_NAME: FieldDef = {
  id: '10.2',
  tag: 'nomNaissance',
  label: 'Nom de naissance (NIR)',
  help: 'Nom de naissance du titulaire identifié par son NIR.',
  kind: 'string',
  minLength: 1,
  maxLength: 60,
  status: 'required',
  nillable: false,
  scope: 'passage',
  condition: 'Bloc 10 à la place des blocs 8 et 9, si vous avez le NIR.',
  width: 18,
};

export const SCHEMA_TEST_1_1_9 = defineVersion(SCHEMA_1_1_2, {
  version: '1.1.9',
  xsdFile: 'accrochage-cdc-1.1.9-test.xsd',
  addFields: [ACTION, NIR, NIR_NAME],
  insert: [
    { node: leaf('action', '5.18'), into: PASSAGE, after: 'idTechnique' },
    {
      option: all('identifiantNational', [leaf('nir', '10.1'), leaf('nomNaissance', '10.2')], {
        label: 'son NIR (numéro de sécurité sociale)',
      }),
      choice: 'identificationTitulaire',
      before: 'titulaire',
    },
  ],
});
