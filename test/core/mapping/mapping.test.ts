import { buildTemplateLayout } from '../../../src/core/template/layout';
import { normalizeCell } from '../../../src/core/check/normalize';
import {
  applyMapping,
  BIRTH_DATE_TARGET,
  CONFIDENT,
  convertForTarget,
  parseSavedMapping,
  proposeMapping,
  resolveSavedMapping,
  savedMappingFrom,
  savedMappingToJson,
  type ColumnMapping,
} from '../../../src/core/mapping';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const ctx = { date1904: false, dictionary: DICTIONARY };
const targetsOf = (headers: string[]) =>
  proposeMapping(headers, DICTIONARY).map((p) => (p.confidence >= CONFIDENT ? (p.target ?? null) : null));

describe('proposals from realistic headers', () => {
  it('a school register (scolarité export)', () => {
    const headers = [
      'N° étudiant',
      'NOM DE FAMILLE',
      'Nom d’usage',
      'Prénom',
      'Date de naissance',
      'Sexe (H/F)',
      'Code INSEE',
      'Commune de naissance',
      'Date d’obtention',
      'Code RNCP',
      'Mention',
      'Observations',
    ];
    expect(targetsOf(headers)).toEqual([
      '5.1',
      '8.1',
      '8.2',
      '8.3',
      BIRTH_DATE_TARGET,
      '8.9',
      '8.10',
      '8.12',
      '5.10',
      '4.2',
      '5.16',
      null,
    ]);
  });

  it('a CPF export with the dossier number', () => {
    expect(
      targetsOf(['N° de dossier CPF', 'Nom titulaire CPF', 'Prénom titulaire CPF', 'Date examen', 'Score']),
    ).toEqual(['9.1', '9.2', '9.3', '5.6', '5.15']);
  });

  it('a copy of the template, whose headers carry the dictionary id, wherever the columns are', () => {
    const layout = buildTemplateLayout(DICTIONARY);
    const headers = layout.passages.columns.map((c) => c.header).reverse();
    const proposal = proposeMapping(headers, DICTIONARY);
    expect(proposal.map((p) => p.target)).toEqual(layout.passages.columns.map((c) => c.field).reverse());
    expect(proposal.every((p) => p.confidence === 1 && p.reason === 'templateHeader')).toBe(true);
  });

  it('a jury minute with odd casing, accents and punctuation', () => {
    expect(
      targetsOf(['NOM', 'PRENOM', 'né(e) le', 'Lieu de naissance', 'Date du jury', 'Résultat définitif ?']),
    ).toEqual(['8.1', '8.3', BIRTH_DATE_TARGET, '8.12', '5.6', '5.5']);
  });

  it('gives each field to one column only, and never a birth date together with a year column', () => {
    const headers = ['Nom', 'Nom de famille', 'Date de naissance', 'Année de naissance'];
    expect(targetsOf(headers)).toEqual([null, '8.1', null, '8.6']);
    const proposal = proposeMapping(headers, DICTIONARY);
    expect(proposal[0].target).not.toBe('8.1');
    expect(proposal[2]).toMatchObject({ reason: 'none', confidence: 0 });
  });

  it('offers a guess by shared words below the confidence that applies it without asking', () => {
    const [guess] = proposeMapping(['Date de délivrance du titre'], DICTIONARY);
    expect(guess).toMatchObject({ target: '5.10', reason: 'similar' });
    expect(guess.confidence).toBeLessThan(CONFIDENT);
    expect(proposeMapping(['Couleur préférée'], DICTIONARY)[0].target).toBeUndefined();
  });
});

describe('conversions a user expects', () => {
  it('splits a birth date into year, month and day, from a date, a serial or French text', () => {
    const expected = { kind: 'converted', cells: { '8.6': 1996, '8.7': 11, '8.8': 5 } };
    expect(convertForTarget(BIRTH_DATE_TARGET, new Date(Date.UTC(1996, 10, 5)), ctx)).toEqual(expected);
    expect(convertForTarget(BIRTH_DATE_TARGET, 35374, ctx)).toEqual(expected);
    expect(convertForTarget(BIRTH_DATE_TARGET, '05/11/1996', ctx)).toEqual(expected);
    expect(convertForTarget(BIRTH_DATE_TARGET, '1996-11-05 00:00:00', ctx)).toEqual(expected);
    expect(convertForTarget(BIRTH_DATE_TARGET, 1996, ctx)).toEqual({
      kind: 'partial',
      cells: { '8.6': 1996 },
      value: '1996',
    });
    expect(convertForTarget(BIRTH_DATE_TARGET, '05/11/96', ctx)).toEqual({
      kind: 'kept',
      cells: { '8.6': '05/11/96' },
      value: '05/11/96',
    });
  });

  it('turns H / Homme into M and Femme / Mme into F', () => {
    for (const [value, code] of [
      ['H', 'M'],
      ['Homme', 'M'],
      ['masculin', 'M'],
      ['Femme', 'F'],
      ['Mme', 'F'],
      ['f', 'F'],
    ]) {
      const converted = convertForTarget('8.9', value, ctx);
      expect(converted).toEqual({ kind: 'converted', cells: { '8.9': code } });
    }
    expect(convertForTarget('8.9', 'X', ctx)).toEqual({ kind: 'kept', cells: { '8.9': 'X' }, value: 'X' });
  });

  it('turns Oui / Non (and Vrai, X, 1…) into the Oui/Non the check reads as true / false', () => {
    const field = dictionary.field('5.5');
    for (const [value, code] of [
      ['Oui', 'true'],
      ['NON', 'false'],
      ['x', 'true'],
      [true, 'true'],
      [0, 'false'],
    ] as const) {
      const converted = convertForTarget('5.5', value, ctx);
      expect(converted.kind).toBe('converted');
      const cell = converted.kind === 'converted' ? converted.cells['5.5'] : undefined;
      expect(normalizeCell(field, cell, ctx)).toEqual({ kind: 'value', value: code });
    }
  });

  it('turns French labels, codes and usual words of lists into values the check reads as their code', () => {
    const cases: [string, string, string][] = [
      ['5.4', 'admission', 'PAR_ADMISSION'],
      ['5.16', 'TB', 'MENTION_TRES_BIEN'],
      ['5.16', 'assez bien', 'MENTION_ASSEZ_BIEN'],
      ['7.1', 'Apprentissage', 'FORMATION_INITIALE_APPRENTISSAGE'],
      ['7.1', 'CANDIDAT_LIBRE', 'CANDIDAT_LIBRE'],
      ['7.3', 'France Travail', 'POLE_EMPLOI'],
      ['5.8', 'présentiel', 'EN_PRESENTIEL'],
    ];
    for (const [id, value, code] of cases) {
      const converted = convertForTarget(id, value, ctx);
      expect(converted.kind).toBe('converted');
      const cell = converted.kind === 'converted' ? converted.cells[id] : undefined;
      expect({ id, value, result: normalizeCell(dictionary.field(id), cell, ctx) }).toEqual({
        id,
        value,
        result: { kind: 'value', value: code },
      });
    }
  });

  it('keeps codes as they are: a number stays a number so the check can tell that zeros were lost', () => {
    expect(convertForTarget('8.10', 1004, ctx)).toEqual({ kind: 'converted', cells: { '8.10': 1004 } });
    expect(convertForTarget('8.10', '01004', ctx)).toEqual({ kind: 'converted', cells: { '8.10': '01004' } });
    expect(convertForTarget('5.10', '31/02/2024', ctx).kind).toBe('kept');
    expect(convertForTarget('8.1', '   ', ctx)).toEqual({ kind: 'empty' });
  });
});

describe('applying a mapping', () => {
  const header = ['Nom de famille', 'Prénom', 'Date de naissance', 'Sexe', 'BCR certificateur', 'Remarque'];
  const columns: ColumnMapping[] = proposeMapping(header, DICTIONARY).map((p) => ({
    column: p.column,
    header: p.header,
    target: p.confidence >= CONFIDENT ? (p.target ?? null) : null,
  }));

  it('copies rows, puts per-file columns in the parameters and reports what is not copied', () => {
    const rows = [
      ['Martin', 'Léa', '12/04/1990', 'F', 'E564ACB0', 'RAS'],
      ['Durand', 'Paul', 'inconnue', 'H', 'E564ACB0', null],
      [null, null, null, null, null, 'ligne de total'],
      ['Petit', 'Jo', '01/01/2001', 'Homme', 'ZZ999ZZZ', null],
    ];
    const result = applyMapping(rows, columns, 1, { dictionary: DICTIONARY, sheet: 'Élèves' });
    expect(result.passages).toEqual([
      { '8.1': 'Martin', '8.3': 'Léa', '8.6': 1990, '8.7': 4, '8.8': 12, '8.9': 'F' },
      { '8.1': 'Durand', '8.3': 'Paul', '8.6': 'inconnue', '8.9': 'M' },
      { '8.1': 'Petit', '8.3': 'Jo', '8.6': 2001, '8.7': 1, '8.8': 1, '8.9': 'M' },
    ]);
    expect(result.parameters).toEqual({ '3.1': 'E564ACB0' });
    expect(result.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['unconvertible', 3, 'C'],
      ['rowOutsideMapping', 4, ''],
      ['conflictingParameter', 5, 'E'],
      ['unmappedColumn', 0, 'F'],
    ]);
    expect(result.issues[0].message).toMatch(/^Élèves, ligne 3, colonne C : la valeur « inconnue »/);
    expect(result.issues[3].message).toMatch(/« Remarque ».*2 valeur\(s\)/);
  });
});

describe('saved mappings', () => {
  it('are found again by header on a sheet whose columns moved, and say what is missing or new', () => {
    const first: ColumnMapping[] = [
      { column: 0, header: 'Nom de famille', target: '8.1' },
      { column: 1, header: 'Date de naissance', target: BIRTH_DATE_TARGET },
      { column: 2, header: 'Commentaire', target: null },
      { column: 3, header: 'Code INSEE', target: '8.10' },
    ];
    const json = savedMappingToJson(savedMappingFrom(first, DICTIONARY));
    expect(JSON.parse(json).columns[0]).toEqual({
      header: 'Nom de famille',
      field: '8.1',
      label: 'Nom de naissance',
    });
    const parsed = parseSavedMapping(json, DICTIONARY);
    if (!parsed.ok) throw new Error(parsed.message);
    const resolved = resolveSavedMapping(parsed.mapping, [
      'DATE DE NAISSANCE',
      'nom de famille',
      'Téléphone',
    ]);
    expect(resolved.columns.map((c) => c.target)).toEqual([BIRTH_DATE_TARGET, '8.1', null]);
    expect(resolved.missing.map((c) => c.header)).toEqual(['Code INSEE']);
    expect(resolved.unknown.map((c) => c.header)).toEqual(['Téléphone']);
  });

  it('are refused with a French reason when they are not ours or name an unknown field', () => {
    expect(parseSavedMapping('{', DICTIONARY)).toEqual({
      ok: false,
      message: "Le fichier de correspondance n'est pas du JSON lisible.",
    });
    expect(parseSavedMapping('{"format":"autre"}', DICTIONARY).ok).toBe(false);
    const bad = JSON.stringify({
      format: 'accrochage-cdc/correspondance',
      version: 1,
      columns: [{ header: 'X', field: '99.9' }],
    });
    expect(parseSavedMapping(bad, DICTIONARY)).toEqual({
      ok: false,
      message: 'Colonne « X » de la correspondance : donnée inconnue « 99.9 ».',
    });
  });
});
