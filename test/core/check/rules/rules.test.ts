import { checkWorkbook } from '../../../../src/core/check/check';
import { prepareExport } from '../../../../src/core/export/export';
import { listRules } from '../../../../src/core/check/rules';
import { validPassage, workbook, type RowInput } from '../../../support/workbook';
import { DICTIONARY } from '../../../support/dictionary';

/**
 * Every business rule, one case each: the row that breaks it gets the issue on the rule's cell with the rule's
 * severity, and the nearest row that keeps it gets nothing. Rows are valid passages (test/helpers/workbook)
 * changed in one or two cells; "today" is 01/09/2024 and the delivery date 15/06/2024.
 */

const today = new Date(Date.UTC(2024, 8, 1));
const check = (rows: RowInput[], digcomp?: RowInput[]) =>
  checkWorkbook(workbook(rows, { digcomp }), { dictionary: DICTIONARY, today });

interface RuleCase {
  readonly code: string;
  readonly field: string;
  /** The row that breaks the rule. */
  readonly broken: RowInput;
  /** The nearest row that keeps it. */
  readonly kept: RowInput;
  readonly digcomp?: readonly RowInput[];
  readonly keptDigcomp?: readonly RowInput[];
  readonly sheet?: 'DIGCOMP';
  /** Cross-row rules: rows checked along with the broken (or kept) one; each row gets the issue when broken. */
  readonly others?: readonly RowInput[];
}

const row = validPassage;
const withoutKeys = (r: RowInput, ...ids: string[]) =>
  Object.fromEntries(Object.entries(r).filter(([k]) => !ids.includes(k)));
const dossier = (overrides: RowInput = {}) => ({
  ...withoutKeys(row(), '8.1', '8.3', '8.6', '8.7', '8.8', '8.9', '8.10'),
  '9.1': '1234567891011',
  '9.2': 'Martin',
  '9.3': 'Léa',
  ...overrides,
});
const digital = row({ '5.14': 'Oui', '6.1': 620 });
const result = (domain: string, competence: string, level: number | string = 5) => ({
  '5.1': 'P-0001',
  '6.2': level,
  '6.3': domain,
  '6.4': competence,
});

export const CASES: readonly RuleCase[] = [
  // Exclusive choices (identity blocks, birthplace codes)
  {
    code: 'identityConflict',
    field: '9.1',
    broken: row({ '9.1': '1234567891011', '9.2': 'Martin', '9.3': 'Léa' }),
    kept: dossier(),
  },
  {
    code: 'birthplaceBoth',
    field: '8.11',
    broken: row({ '8.11': '69001' }),
    kept: row({ '8.10': '', '8.11': '69001' }),
  },
  // Several rows together (identifiers, repeated passages, sending deadline)
  {
    code: 'duplicateIdTechnique',
    field: '5.1',
    broken: row(),
    others: [row({ '8.3': 'Zoé' })],
    kept: row(),
  },
  {
    code: 'duplicatePassage',
    field: '5.1',
    broken: row(),
    others: [row({ '5.1': 'P-0002' })],
    kept: row(),
  },
  { code: 'sendingOverdue', field: '5.10', broken: row({ '5.10': '31/05/2024' }), kept: row() },
  // Certification (4.1, 4.2)
  {
    code: 'certificationCodeMismatch',
    field: '4.2',
    broken: row({ '4.2': '34825' }),
    kept: row({ '4.2': 'RNCP34825' }),
  },
  {
    code: 'certificationCodeMismatch',
    field: '4.2',
    broken: row({ '4.1': 'RS' }),
    kept: row({ '4.1': 'RS', '4.2': 'RS5487' }),
  },
  {
    code: 'certificationTypeForCode',
    field: '4.1',
    broken: row({ '4.1': 'Habilitation', '4.2': 'RS5487' }),
    kept: row({ '4.1': 'Habilitation', '4.2': 'HAB-2024' }),
  },
  {
    code: 'certificationTypeUnlisted',
    field: '4.1',
    broken: row({ '4.1': 'Titre maison', '4.2': 'TM1' }),
    kept: row({ '4.1': 'Diplôme Universitaire', '4.2': 'DU1' }),
  },
  // Dates (5.5, 5.6, 5.7, 5.10, 5.11, 7.4)
  {
    code: 'examEndBeforeStart',
    field: '5.7',
    broken: row({ '5.6': '10/06/2024', '5.7': '09/06/2024' }),
    kept: row({ '5.6': '10/06/2024', '5.7': '10/06/2024' }),
  },
  {
    code: 'validityEndBeforeStart',
    field: '5.11',
    broken: row({ '5.11': '14/06/2024' }),
    kept: row({ '5.11': '15/06/2024' }),
  },
  {
    code: 'futureDate',
    field: '5.10',
    broken: row({ '5.10': '02/09/2024' }),
    kept: row({ '5.10': '01/09/2024' }),
  },
  {
    code: 'futureDate',
    field: '5.6',
    broken: row({ '5.6': '02/09/2024', '5.7': '03/09/2024', '5.10': '01/09/2024' }),
    kept: row({ '5.6': '01/06/2024', '5.7': '03/06/2024' }),
  },
  {
    code: 'futureDate',
    field: '5.7',
    broken: row({ '5.6': '01/06/2024', '5.7': '03/09/2024' }),
    kept: row({ '5.6': '01/06/2024', '5.7': '03/06/2024' }),
  },
  {
    code: 'futureDate',
    field: '7.4',
    broken: row({ '7.4': '05/09/2024' }),
    kept: row({ '7.4': '05/01/2024' }),
  },
  {
    code: 'awardBeforeObligation',
    field: '5.10',
    broken: row({ '5.10': '30/06/2021' }),
    kept: row({ '5.10': '01/07/2021' }),
  },
  {
    code: 'examAfterAward',
    field: '5.6',
    broken: row({ '5.6': '16/06/2024' }),
    kept: row({ '5.6': '15/06/2024' }),
  },
  {
    code: 'enrolmentAfterAward',
    field: '7.4',
    broken: row({ '7.4': '16/06/2024' }),
    kept: row({ '7.4': '15/06/2024' }),
  },
  {
    code: 'dateFarBeforeAward',
    field: '5.6',
    broken: row({ '5.6': '14/06/2014' }),
    kept: row({ '5.6': '15/06/2014' }),
  },
  {
    code: 'dateFarBeforeAward',
    field: '7.4',
    broken: row({ '7.4': '01/01/2010' }),
    kept: row({ '7.4': '01/01/2023' }),
  },
  {
    code: 'provisionalResultOld',
    field: '5.5',
    broken: row({ '5.5': 'Non', '5.10': '31/05/2024' }),
    kept: row({ '5.5': 'Non' }),
  },
  // European levels (5.12–5.14, bloc 6)
  {
    code: 'languageLevelMissing',
    field: '5.13',
    broken: row({ '5.12': 'Oui' }),
    kept: row({ '5.12': 'Oui', '5.13': 'B2' }),
  },
  { code: 'languageLevelUnexpected', field: '5.13', broken: row({ '5.13': 'B2' }), kept: row() },
  { code: 'digitalLevelMissing', field: '5.14', broken: row({ '5.14': 'Oui' }), kept: digital },
  { code: 'digitalLevelUnexpected', field: '5.14', broken: row({ '6.1': 500 }), kept: row() },
  {
    code: 'digitalScoreMissing',
    field: '6.1',
    broken: row({ '5.14': 'Oui' }),
    digcomp: [result('1', '1')],
    kept: digital,
    keptDigcomp: [result('1', '1')],
  },
  // DIGCOMP results (6.2–6.4)
  {
    code: 'digcompIncomplete',
    field: '6.4',
    sheet: 'DIGCOMP',
    broken: digital,
    digcomp: [{ '5.1': 'P-0001', '6.2': 4, '6.3': '2' }],
    kept: digital,
    keptDigcomp: [result('2', '6')],
  },
  {
    code: 'digcompIncomplete',
    field: '6.3',
    sheet: 'DIGCOMP',
    broken: digital,
    digcomp: [{ '5.1': 'P-0001', '6.2': 4, '6.4': '1' }],
    kept: digital,
    keptDigcomp: [result('4', '1')],
  },
  {
    code: 'digcompIncomplete',
    field: '6.2',
    sheet: 'DIGCOMP',
    broken: digital,
    digcomp: [{ '5.1': 'P-0001', '6.3': '2', '6.4': '1' }],
    kept: digital,
    keptDigcomp: [result('2', '1')],
  },
  {
    code: 'digcompDomainUnknown',
    field: '6.3',
    sheet: 'DIGCOMP',
    broken: digital,
    digcomp: [result('6', '1')],
    kept: digital,
    keptDigcomp: [result('5', '1')],
  },
  {
    code: 'digcompCompetenceUnknown',
    field: '6.4',
    sheet: 'DIGCOMP',
    broken: digital,
    digcomp: [result('1', '4')],
    kept: digital,
    keptDigcomp: [result('1', '3')],
  },
  {
    code: 'digcompCompetenceUnknown',
    field: '6.4',
    sheet: 'DIGCOMP',
    broken: digital,
    digcomp: [result('2', '7')],
    kept: digital,
    keptDigcomp: [result('2', '6')],
  },
  {
    code: 'digcompDuplicate',
    field: '6.4',
    sheet: 'DIGCOMP',
    broken: digital,
    digcomp: [result('3', '4'), result('3', '4', 6)],
    kept: digital,
    keptDigcomp: [result('3', '4'), result('3', '3', 6)],
  },
  // Scoring and mention (5.4, 5.15, 5.16)
  {
    code: 'scoreMissing',
    field: '5.15',
    broken: row({ '5.4': 'Par scoring' }),
    kept: row({ '5.4': 'Par scoring', '5.15': '785' }),
  },
  {
    code: 'mentionWithScoring',
    field: '5.16',
    broken: row({ '5.4': 'Par scoring', '5.15': '785', '5.16': 'Très bien' }),
    kept: row({ '5.4': 'Par scoring', '5.15': '785', '5.16': 'Sans mention' }),
  },
  // Access route (7.1, 7.2)
  {
    code: 'vaeRouteMissing',
    field: '7.2',
    broken: row({ '7.1': 'VAE' }),
    kept: row({ '7.1': 'VAE', '7.2': 'Congé VAE' }),
  },
  {
    code: 'vaeRouteWithoutVae',
    field: '7.2',
    broken: row({ '7.2': 'VAE classique' }),
    kept: row({ '7.1': 'VAE', '7.2': 'VAE classique' }),
  },
  // Birthplace (8.10–8.13)
  {
    code: 'inseeCodeMalformed',
    field: '8.10',
    broken: row({ '8.10': '6912A' }),
    kept: row({ '8.10': '2B033' }),
  },
  {
    code: 'franceAsBirthCountry',
    field: '8.10',
    broken: row({ '8.10': '99100' }),
    kept: row({ '8.10': '99109', '8.13': '109' }),
  },
  {
    code: 'unknownCommuneCode',
    field: '8.10',
    broken: row({ '8.10': '69399' }),
    kept: row({ '8.10': '69389' }),
  },
  {
    code: 'unknownCountryCode',
    field: '8.10',
    broken: row({ '8.10': '99998', '8.13': '998' }),
    kept: row({ '8.10': '99350', '8.13': '350' }),
  },
  {
    code: 'countryCodeMissing',
    field: '8.13',
    broken: row({ '8.10': '99352' }),
    kept: row({ '8.10': '99352', '8.13': '352' }),
  },
  {
    code: 'countryCodeMismatch',
    field: '8.13',
    broken: row({ '8.10': '99352', '8.13': '350' }),
    kept: row({ '8.10': '99350', '8.13': '350' }),
  },
  {
    code: 'countryCodeForFrance',
    field: '8.13',
    broken: row({ '8.13': '100' }),
    kept: row({ '8.14': 'France' }),
  },
  {
    code: 'countryCodeWithoutInsee',
    field: '8.10',
    broken: row({ '8.10': '', '8.13': '109' }),
    kept: row({ '8.10': '99109', '8.13': '109' }),
  },
  {
    code: 'postalCodeUnknown',
    field: '8.11',
    broken: row({ '8.10': '', '8.11': '69999' }),
    kept: row({ '8.10': '', '8.11': '69003' }),
  },
  {
    code: 'postalCodeMismatch',
    field: '8.11',
    broken: row({ '8.11': '75012' }),
    kept: row({ '8.11': '69001' }),
  },
  {
    code: 'birthplaceMissing',
    field: '8.10',
    broken: row({ '8.10': '' }),
    kept: row({ '8.10': '', '8.11': '69003' }),
  },
  // Nirisation (8.1–8.9, 9.2, 9.3)
  { code: 'birthMonthMissing', field: '8.7', broken: row({ '8.7': '' }), kept: row() },
  { code: 'birthDayMissing', field: '8.8', broken: row({ '8.8': '' }), kept: dossier() },
  {
    code: 'birthDateImpossible',
    field: '8.8',
    broken: row({ '8.6': 1990, '8.7': 2, '8.8': 29 }),
    kept: row({ '8.6': 1992, '8.7': 2, '8.8': 29 }),
  },
  { code: 'implausibleAge', field: '8.6', broken: row({ '8.6': 2011 }), kept: row({ '8.6': 2010 }) },
  { code: 'implausibleAge', field: '8.6', broken: row({ '8.6': 1938 }), kept: row({ '8.6': 1939 }) },
  {
    code: 'nameUnexpectedCharacters',
    field: '8.1',
    broken: row({ '8.1': 'Martin (Léa)' }),
    kept: row({ '8.1': "N'Guessan-Müller" }),
  },
  {
    code: 'nameUnexpectedCharacters',
    field: '8.2',
    broken: row({ '8.2': 'Garnier;' }),
    kept: row({ '8.2': 'Garnier' }),
  },
  {
    code: 'nameUnexpectedCharacters',
    field: '8.3',
    broken: row({ '8.3': 'Jean--Pierre' }),
    kept: row({ '8.3': 'Jean-Pierre' }),
  },
  {
    code: 'nameUnexpectedCharacters',
    field: '8.4',
    broken: row({ '8.4': 'Anne 2' }),
    kept: row({ '8.4': 'Anne' }),
  },
  {
    code: 'nameUnexpectedCharacters',
    field: '8.5',
    broken: row({ '8.5': '-Marie' }),
    kept: row({ '8.5': 'Marie' }),
  },
  { code: 'nameUnexpectedCharacters', field: '9.2', broken: dossier({ '9.2': 'Martin_' }), kept: dossier() },
  { code: 'nameUnexpectedCharacters', field: '9.3', broken: dossier({ '9.3': 'Léa1' }), kept: dossier() },
  {
    code: 'severalFirstNames',
    field: '8.3',
    broken: row({ '8.3': 'Léa Marie' }),
    kept: row({ '8.3': 'Léa-Marie' }),
  },
  {
    code: 'severalFirstNames',
    field: '9.3',
    broken: dossier({ '9.3': 'Léa Marie' }),
    kept: dossier({ '9.3': 'Léa' }),
  },
  {
    code: 'civilStatusMarker',
    field: '8.1',
    broken: row({ '8.1': 'Martin née Roux' }),
    kept: row({ '8.1': 'Martin', '8.2': 'Roux' }),
  },
  {
    code: 'civilStatusMarker',
    field: '8.2',
    broken: row({ '8.2': 'ép. Garnier' }),
    kept: row({ '8.2': 'Garnier' }),
  },
  {
    code: 'usageNameSameAsBirthName',
    field: '8.2',
    broken: row({ '8.2': 'MARTIN' }),
    kept: row({ '8.2': 'Martin-Roux' }),
  },
  {
    code: 'usageNameInBirthName',
    field: '8.1',
    broken: row({ '8.1': 'Martin Roux', '8.2': 'Roux' }),
    kept: row({ '8.1': 'Martin', '8.2': 'Roux' }),
  },
];

function issuesOf(c: RuleCase, variant: 'broken' | 'kept') {
  const passage = c[variant];
  const digcomp = variant === 'broken' ? c.digcomp : c.keptDigcomp;
  const rows = variant === 'broken' ? [passage, ...(c.others ?? [])] : [passage];
  return check(rows, digcomp ? [...digcomp] : undefined).issues.filter(
    (i) => i.code === c.code && i.field === c.field,
  );
}

describe('each business rule', () => {
  const severityOf = new Map(listRules().map((r) => [`${r.code} ${r.field}`, r.severity]));

  it.each(CASES.map((c) => [`${c.code} (${c.field})`, c] as const))(
    '%s: reported on its cell when broken',
    (_name, c) => {
      const found = issuesOf(c, 'broken');
      // One issue, on each row that shares the problem for a cross-row rule.
      expect(found).toHaveLength(1 + (c.others?.length ?? 0));
      expect(found[0]).toMatchObject({
        field: c.field,
        sheet: c.sheet ?? 'Passages',
        severity: severityOf.get(`${c.code} ${c.field}`),
      });
      expect(found[0].cell).toMatch(/^[A-Z]+\d+$/);
      expect(found[0].message).toMatch(new RegExp(`\\(${c.field.replace('.', '\\.')}\\) : \\S`));
      // Location and text travel separately (the pane shows them apart); the message joins them.
      expect(found[0].message).toBe(`${found[0].location} : ${found[0].text}`);
      expect(found[0].location).toMatch(/^Passages|^DIGCOMP/);
    },
  );

  it.each(CASES.map((c) => [`${c.code} (${c.field})`, c] as const))('%s: silent when kept', (_name, c) => {
    expect(issuesOf(c, 'kept')).toEqual([]);
  });

  it('has a case for every rule of the list', () => {
    const covered = new Set(CASES.map((c) => `${c.code} ${c.field}`));
    const missing = listRules()
      .map((r) => `${r.code} ${r.field}`)
      .filter((key) => !covered.has(key));
    expect(missing).toEqual([]);
  });
});

describe('rules and the export', () => {
  it('lets warnings through but blocks the export on an error', () => {
    const warningOnly = workbook([row({ '8.8': '' })]);
    expect(prepareExport(warningOnly, { dictionary: DICTIONARY, today }).ok).toBe(true);
    const withError = workbook([row({ '4.2': '34825' })]);
    const refused = prepareExport(withError, { dictionary: DICTIONARY, today });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.check.issues.map((i) => i.code)).toContain('certificationCodeMismatch');
  });

  it('names the code the CDC expects when it can be told for sure', () => {
    const [issue] = check([row({ '4.2': 'rncp 34825' })]).issues;
    expect(issue.message).toContain('« RNCP34825 »');
  });
});

describe('repeated passages', () => {
  it('warns when the same person has the same certification on two rows with different identifiers', () => {
    const result = check([
      row({ '5.1': 'A' }),
      row({ '5.1': 'B', '8.1': 'MARTIN', '8.3': 'Lea' }),
      row({ '5.1': 'C', '4.2': 'RNCP1' }),
    ]);
    expect(result.issues.map((i) => [i.row, i.field, i.code, i.severity])).toEqual([
      [2, '5.1', 'duplicatePassage', 'warning'],
      [3, '5.1', 'duplicatePassage', 'warning'],
    ]);
    expect(result.issues[0].message).toContain('de la même certification à la ligne 3 :');
  });

  it('does not add a warning to rows already refused for sharing their identifier', () => {
    const result = check([row({ '5.1': 'A' }), row({ '5.1': 'A' })]);
    expect(result.issues.map((i) => i.code)).toEqual(['duplicateIdTechnique', 'duplicateIdTechnique']);
  });
});

describe('the sending deadline', () => {
  it('warns on the delivery date of an overdue passage and counts passages due within 15 days', () => {
    const result = check([
      row({ '5.1': 'late', '5.10': '31/05/2024' }),
      row({ '5.1': 'soon', '8.3': 'Zoé' }),
      row({ '5.1': 'fine', '5.10': '20/08/2024', '8.3': 'Inès' }),
    ]);
    expect(result.issues.map((i) => [i.row, i.field, i.code, i.severity])).toEqual([
      [2, '5.10', 'sendingOverdue', 'warning'],
    ]);
    expect(result.issues[0].message).toContain('au plus tard le 31/08/2024');
    expect(result.deadlines.map((d) => [d.row, d.dueDate, d.status])).toEqual([
      [2, '2024-08-31', 'overdue'],
      [3, '2024-09-15', 'dueSoon'],
      [4, '2024-11-20', 'onTime'],
    ]);
    expect(result.readinessSummary).toMatchObject({ overdue: 1, dueSoon: 1 });
  });

  it('does not report as overdue a delivery from before the obligation, already flagged as out of scope', () => {
    const codes = check([row({ '5.10': '15/03/2021' })]).issues.map((i) => i.code);
    expect(codes).toEqual(['awardBeforeObligation']);
  });
});
