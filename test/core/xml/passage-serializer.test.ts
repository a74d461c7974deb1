import type { DigcompResult, Passage } from '../../../src/core/model/types';
import { passageLineFields } from '../../../src/core/xml/line-origins';
import { compilePassageSerializer } from '../../../src/core/xml/passage-serializer';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const serialize = compilePassageSerializer(dictionary);

/** The required values of a passage whose holder is identified by civil status (bloc 8). */
const REQUIRED: Record<string, string> = {
  '5.1': 'id-1',
  '5.4': 'PAR_ADMISSION',
  '5.5': 'true',
  '5.10': '2024-06-30',
  '5.12': 'false',
  '5.14': 'false',
  '8.1': 'Dupont',
  '8.3': 'Antoine',
  '8.6': '1996',
  '8.9': 'M',
};

function passage(
  values: Record<string, string | undefined> = {},
  digcomp: DigcompResult['values'][] = [],
): Passage {
  const merged: Record<string, string> = { ...REQUIRED };
  for (const [id, value] of Object.entries(values)) {
    if (value === undefined) delete merged[id];
    else merged[id] = value;
  }
  return { row: 7, values: merged, digcomp: digcomp.map((v, i) => ({ row: 20 + i, values: v })) };
}

const xml = (p: Passage, indent = 0): string => serialize(p, indent);
const lines = (p: Passage): string[] => xml(p).slice(0, -1).split('\n');

describe('passage layout', () => {
  test('a minimal passage: one element per line, two spaces per level, nil for empty nillable fields', () => {
    expect(xml(passage())).toBe(
      [
        '<cpf:passageCertification>',
        '  <cpf:idTechnique>id-1</cpf:idTechnique>',
        '  <cpf:obtentionCertification>PAR_ADMISSION</cpf:obtentionCertification>',
        '  <cpf:donneeCertifiee>true</cpf:donneeCertifiee>',
        '  <cpf:dateDebutValidite>2024-06-30</cpf:dateDebutValidite>',
        '  <cpf:dateFinValidite xsi:nil="true"/>',
        '  <cpf:presenceNiveauLangueEuro>false</cpf:presenceNiveauLangueEuro>',
        '  <cpf:presenceNiveauNumeriqueEuro>false</cpf:presenceNiveauNumeriqueEuro>',
        '  <cpf:scoring xsi:nil="true"/>',
        '  <cpf:mentionValidee xsi:nil="true"/>',
        '  <cpf:modalitesInscription>',
        '    <cpf:modaliteAcces xsi:nil="true"/>',
        '  </cpf:modalitesInscription>',
        '  <cpf:identificationTitulaire>',
        '    <cpf:titulaire>',
        '      <cpf:nomNaissance>Dupont</cpf:nomNaissance>',
        '      <cpf:nomUsage xsi:nil="true"/>',
        '      <cpf:prenom1>Antoine</cpf:prenom1>',
        '      <cpf:anneeNaissance>1996</cpf:anneeNaissance>',
        '      <cpf:moisNaissance xsi:nil="true"/>',
        '      <cpf:jourNaissance xsi:nil="true"/>',
        '      <cpf:sexe>M</cpf:sexe>',
        '      <cpf:codeCommuneNaissance>',
        '        <cpf:codePostalNaissance>',
        '          <cpf:codePostal xsi:nil="true"/>',
        '        </cpf:codePostalNaissance>',
        '      </cpf:codeCommuneNaissance>',
        '    </cpf:titulaire>',
        '  </cpf:identificationTitulaire>',
        '</cpf:passageCertification>',
        '',
      ].join('\n'),
    );
  });

  test('indent is the nesting level of the passage element', () => {
    const text = xml(passage(), 7);
    expect(
      text.startsWith(`${' '.repeat(14)}<cpf:passageCertification>\n${' '.repeat(16)}<cpf:idTechnique>`),
    ).toBe(true);
    expect(text.endsWith(`${' '.repeat(14)}</cpf:passageCertification>\n`)).toBe(true);
  });

  test('elements follow the order of the CDC example', () => {
    const all = passage({
      '5.2': 'u',
      '5.3': 'o',
      '5.6': '2024-01-01',
      '5.17': 'TOSA',
      '6.1': '12',
      '7.4': '2023-01-01',
    });
    const tags = lines(all).map((line) => /<cpf:(\w+)/.exec(line)?.[1]);
    const order = [
      'idTechnique',
      'urlPreuve',
      'libelleOption',
      'dateDebutExamen',
      'niveauNumeriqueEuropeen',
      'scoring',
    ];
    const positions = order.map((tag) => tags.indexOf(tag));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(tags[tags.length - 2]).toBe('verbatim');
  });
});

describe('empty values', () => {
  test('an optional field left empty is omitted; an empty string counts as empty', () => {
    const text = xml(passage({ '5.2': '', '5.3': undefined }));
    expect(text).not.toContain('urlPreuve');
    expect(text).not.toContain('libelleOption');
  });

  test('a required field left empty is omitted too (validation reports it; the XSD would reject the file)', () => {
    expect(xml(passage({ '5.1': undefined }))).not.toContain('idTechnique');
  });

  test('a nillable field with a value is written normally', () => {
    expect(xml(passage({ '5.11': '2030-01-01' }))).toContain(
      '<cpf:dateFinValidite>2030-01-01</cpf:dateFinValidite>',
    );
  });
});

describe('values are escaped, nothing else is changed', () => {
  test('&, <, > and CR are escaped; quotes, tabs, LF, accents and emoji are kept', () => {
    const text = xml(passage({ '5.3': `A&B <x> "l'été"\t😀\r\nfin` }));
    expect(text).toContain(`<cpf:libelleOption>A&amp;B &lt;x&gt; "l'été"\t😀&#13;\nfin</cpf:libelleOption>`);
  });
});

describe('identity choice (identificationTitulaire)', () => {
  test('dossierFormation when any bloc 9 field has a value, with bloc 8 left out', () => {
    const text = xml(passage({ '9.1': '1234567891011', '9.2': 'Dupont', '9.3': 'Antoine' }));
    expect(text).toContain(
      [
        '  <cpf:identificationTitulaire>',
        '    <cpf:dossierFormation>',
        '      <cpf:idDossier>1234567891011</cpf:idDossier>',
        '      <cpf:nomTitulaire>Dupont</cpf:nomTitulaire>',
        '      <cpf:prenom1Titulaire>Antoine</cpf:prenom1Titulaire>',
        '    </cpf:dossierFormation>',
        '  </cpf:identificationTitulaire>',
      ].join('\n'),
    );
    expect(text).not.toContain('titulaire>');
  });

  test('a single bloc 9 value is enough to choose dossierFormation', () => {
    expect(xml(passage({ '9.2': 'Dupont' }))).toContain('<cpf:dossierFormation>\n      <cpf:nomTitulaire>');
  });

  test('titulaire otherwise', () => {
    expect(xml(passage())).toContain('<cpf:titulaire>');
    expect(xml(passage())).not.toContain('dossierFormation');
  });
});

describe('birthplace choice (codeCommuneNaissance)', () => {
  test('codeInseeNaissance when 8.10 has a value', () => {
    const text = xml(passage({ '8.10': '31555', '8.11': '31000' }));
    expect(text).toContain(
      '<cpf:codeInseeNaissance>\n          <cpf:codeInsee>31555</cpf:codeInsee>\n        </cpf:codeInseeNaissance>',
    );
    expect(text).not.toContain('codePostal');
  });

  test('codePostalNaissance with the postal code when 8.10 is empty', () => {
    expect(xml(passage({ '8.11': '31000' }))).toContain('<cpf:codePostal>31000</cpf:codePostal>');
  });

  test('codePostalNaissance with a nil postal code when both are empty', () => {
    expect(xml(passage())).toContain('<cpf:codePostal xsi:nil="true"/>');
  });
});

describe('DIGCOMP (niveauNumeriqueEuropeen, 6.x)', () => {
  test('left out when there is no general score and no result', () => {
    expect(xml(passage())).not.toContain('niveauNumeriqueEuropeen');
  });

  test('with the general score only', () => {
    expect(xml(passage({ '6.1': '890' }))).toContain(
      '  <cpf:niveauNumeriqueEuropeen>\n    <cpf:scoreGeneral>890</cpf:scoreGeneral>\n  </cpf:niveauNumeriqueEuropeen>\n',
    );
  });

  test('results in the order of the passage, each with its filled values', () => {
    const text = xml(passage({}, [{ '6.2': '5', '6.3': '3', '6.4': '4' }, { '6.3': '1' }]));
    expect(text).toContain(
      [
        '  <cpf:niveauNumeriqueEuropeen>',
        '    <cpf:resultats>',
        '      <cpf:resultat>',
        '        <cpf:niveau>5</cpf:niveau>',
        '        <cpf:domaineCompetenceId>3</cpf:domaineCompetenceId>',
        '        <cpf:competenceId>4</cpf:competenceId>',
        '      </cpf:resultat>',
        '      <cpf:resultat>',
        '        <cpf:domaineCompetenceId>1</cpf:domaineCompetenceId>',
        '      </cpf:resultat>',
        '    </cpf:resultats>',
        '  </cpf:niveauNumeriqueEuropeen>',
      ].join('\n'),
    );
  });

  test('a result row without values is still written, as an empty element', () => {
    expect(xml(passage({}, [{}]))).toContain(
      '    <cpf:resultats>\n      <cpf:resultat/>\n    </cpf:resultats>',
    );
  });
});

describe('passageLineFields', () => {
  test('one entry per output line: the field of leaf lines, nothing for container lines', () => {
    const p = passage({ '8.10': '31555' });
    const origins = passageLineFields(dictionary, p);
    const text = lines(p);
    expect(origins).toHaveLength(text.length);
    origins.forEach((origin, i) => {
      if (origin.field === undefined) expect(text[i]).toMatch(/^\s*<\/?cpf:\w+>$/);
      else expect(text[i]).toContain(`<cpf:${dictionary.field(origin.field).tag}`);
    });
    expect(origins[0]).toEqual({ field: undefined });
    expect(origins.map((o) => o.field)).toContain('8.10');
  });

  test('lines of a DIGCOMP result carry the index of that result', () => {
    const p = passage({}, [{ '6.2': '5' }, {}, { '6.3': '2', '6.4': '1' }]);
    const text = lines(p);
    const origins = passageLineFields(dictionary, p);
    const at = (needle: string, from = 0) =>
      origins[text.findIndex((l, i) => i >= from && l.includes(needle))];
    expect(at('<cpf:niveau>')).toEqual({ field: '6.2', digcomp: 0 });
    expect(at('<cpf:resultat/>')).toEqual({ field: undefined, digcomp: 1 });
    expect(at('<cpf:domaineCompetenceId>')).toEqual({ field: '6.3', digcomp: 2 });
    expect(at('</cpf:resultat>', text.indexOf('        <cpf:competenceId>1</cpf:competenceId>'))).toEqual({
      field: undefined,
      digcomp: 2,
    });
    expect(at('<cpf:resultats>')).toEqual({ field: undefined });
    expect(at('<cpf:scoring')).toEqual({ field: '5.15' });
  });

  test('a value with line breaks spans several lines, all given to its field', () => {
    const p = passage({ '5.3': 'one\ntwo\n', '8.12': '\nToulouse' });
    const text = lines(p);
    const origins = passageLineFields(dictionary, p);
    expect(origins).toHaveLength(text.length);
    const start = text.findIndex((l) => l.includes('<cpf:libelleOption>'));
    expect(origins.slice(start, start + 3).map((o) => o.field)).toEqual(['5.3', '5.3', '5.3']);
    expect(text[start + 2]).toBe('</cpf:libelleOption>');
    expect(origins[start + 3].field).toBe('5.4');
    const commune = text.findIndex((l) => l.includes('<cpf:libelleCommuneNaissance>'));
    expect(origins.slice(commune, commune + 2).map((o) => o.field)).toEqual(['8.12', '8.12']);
    expect(origins[commune + 2].field).toBeUndefined(); // </cpf:titulaire>
  });
});
