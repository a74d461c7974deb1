import type ExcelJS from 'exceljs';
import { cellOf, passage, runCorpusFile, writeCorpusFile, xmlValue } from '../support/corpus';

/**
 * Bad (or merely unusual) cell contents, one case each, through `accrochage check` and `export` on a real
 * .xlsx: either the value reaches the XML as shown (after the documented clean-up), or the user gets the
 * French message quoted here on the very cell, and nothing is written.
 */

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const serialOf = (date: Date) => date.getTime() / 86_400_000 + 25569;

interface Accepted {
  readonly name: string;
  readonly cells: Record<string, ExcelJS.CellValue>;
  /** Edits the passages cell of `field` on row 2 after it is written (format, text prefix). */
  readonly style?: { readonly field: string; readonly apply: (cell: ExcelJS.Cell) => void };
  readonly tag: string;
  /** The element's text as written in the XML (escaped). */
  readonly xml: string;
}

const ACCEPTED: readonly Accepted[] = [
  { name: 'emoji in a name', cells: { '8.1': 'Moreau 😀' }, tag: 'nomNaissance', xml: 'Moreau 😀' },
  {
    name: '60 emoji make a 60-character name',
    cells: { '8.1': '😀'.repeat(60) },
    tag: 'nomNaissance',
    xml: '😀'.repeat(60),
  },
  {
    name: 'combining accents are composed (NFC)',
    cells: { '8.3': 'Cle\u0301ment' },
    tag: 'prenom1',
    xml: 'Clément',
  },
  {
    name: 'no-break spaces around a value are trimmed',
    cells: { '8.1': '\u00a0Moreau\u00a0' },
    tag: 'nomNaissance',
    xml: 'Moreau',
  },
  {
    name: 'a no-break space inside a value is kept as typed',
    cells: { '8.1': 'De\u00a0Vries' },
    tag: 'nomNaissance',
    xml: 'De\u00a0Vries',
  },
  {
    name: 'a byte-order mark before a value is trimmed',
    cells: { '8.1': '\ufeffMoreau' },
    tag: 'nomNaissance',
    xml: 'Moreau',
  },
  {
    name: 'markup characters and quotes are escaped',
    cells: { '8.1': `A&B <C> "D" 'E'` },
    tag: 'nomNaissance',
    xml: `A&amp;B &lt;C&gt; "D" 'E'`,
  },
  { name: 'a tab inside free text is kept', cells: { '5.17': 'TOSA\tv2' }, tag: 'verbatim', xml: 'TOSA\tv2' },
  {
    name: 'a line break (Alt+Entrée) inside free text is kept',
    cells: { '5.17': 'ligne 1\nligne 2' },
    tag: 'verbatim',
    xml: 'ligne 1\nligne 2',
  },
  {
    name: 'a carriage return (stored by Excel as _x000D_) is written as &#13; so parsers keep it',
    cells: { '5.17': 'a_x000D_\nb' },
    tag: 'verbatim',
    xml: 'a&#13;\nb',
  },
  {
    name: "a code typed with Excel's text prefix (') keeps its zeros and loses the prefix",
    cells: { '8.10': '01004' },
    style: {
      field: '8.10',
      apply: (cell) => (cell.style = { ...cell.style, quotePrefix: true } as Partial<ExcelJS.Style>),
    },
    tag: 'codeInsee',
    xml: '01004',
  },
  {
    name: 'an apostrophe starting a name is part of the name',
    cells: { '8.1': "'t Hooft" },
    tag: 'nomNaissance',
    xml: "'t Hooft",
  },
  {
    name: 'a 5-digit postal code stored as a number',
    cells: { '8.10': null, '8.11': 75001 },
    tag: 'codePostal',
    xml: '75001',
  },
  { name: 'a year of birth stored as text', cells: { '8.6': '1994' }, tag: 'anneeNaissance', xml: '1994' },
  {
    name: 'a month stored as text with a leading zero',
    cells: { '8.7': '03' },
    tag: 'moisNaissance',
    xml: '3',
  },
  { name: 'a day stored as text with spaces', cells: { '8.8': ' 21 ' }, tag: 'jourNaissance', xml: '21' },
  {
    name: 'a date stored as text JJ/MM/AAAA',
    cells: { '5.10': '02/10/2026' },
    tag: 'dateDebutValidite',
    xml: '2026-10-02',
  },
  {
    name: 'a date stored as ISO text',
    cells: { '5.10': '2026-10-02' },
    tag: 'dateDebutValidite',
    xml: '2026-10-02',
  },
  {
    name: 'a date stored as a serial number in a General cell',
    cells: { '5.10': serialOf(day(2026, 10, 2)) },
    style: { field: '5.10', apply: (cell) => (cell.numFmt = 'General') },
    tag: 'dateDebutValidite',
    xml: '2026-10-02',
  },
  { name: "Excel's TRUE in a Oui/Non column", cells: { '5.5': true }, tag: 'donneeCertifiee', xml: 'true' },
  {
    name: 'a list label typed in capitals',
    cells: { '5.4': 'PAR ADMISSION' },
    tag: 'obtentionCertification',
    xml: 'PAR_ADMISSION',
  },
  {
    name: 'a formula with a cached text result',
    cells: { '8.1': { formula: 'UPPER("moreau")', result: 'MOREAU' } },
    tag: 'nomNaissance',
    xml: 'MOREAU',
  },
  {
    name: 'a formula with a cached number',
    cells: { '8.6': { formula: '1990+4', result: 1994 } },
    tag: 'anneeNaissance',
    xml: '1994',
  },
  {
    name: 'a formula whose cached result is 0 (exceljs drops falsy results)',
    cells: { '5.5': { formula: 'IF(1=2,1,0)', result: 0 } },
    tag: 'donneeCertifiee',
    xml: 'false',
  },
];

describe('cells that reach the XML', () => {
  it.each(ACCEPTED.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const file = await writeCorpusFile([passage(c.cells)], (workbook) => {
      if (!c.style) return;
      c.style.apply(
        (workbook.getWorksheet('Passages') as ExcelJS.Worksheet).getCell(cellOf(c.style.field, 2)),
      );
    });
    const run = await runCorpusFile(file);
    expect(run.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(run.exportExit).toBe(0);
    expect(xmlValue(run.xml, c.tag)).toBe(c.xml);
  });
});

interface Refused {
  readonly name: string;
  readonly field: string;
  readonly value: ExcelJS.CellValue;
  readonly numFmt?: string;
  readonly code: string;
  /** The French message after "Passages, ligne 2, colonne X « label » (id) : ". */
  readonly message: string | RegExp;
}

const REFUSED: readonly Refused[] = [
  {
    name: 'a name that is only a zero-width space (it used to export as a 1-character name)',
    field: '8.1',
    value: '\u200b',
    code: 'required',
    message: /^la cellule est vide alors que ce champ est obligatoire/,
  },
  {
    name: 'a name of no-break spaces only',
    field: '8.1',
    value: '\u00a0\u00a0',
    code: 'required',
    message: /^la cellule est vide/,
  },
  {
    name: 'a zero-width space inside a name',
    field: '8.1',
    value: 'Mo\u200breau',
    code: 'invisibleChar',
    message:
      "la valeur contient un caractère invisible (espace de largeur nulle, U+200B) en position 3, souvent venu d'un copier-coller. Retapez la valeur au clavier.",
  },
  {
    name: 'a soft hyphen inside a first name',
    field: '8.3',
    value: 'Ca\u00admille',
    code: 'invisibleChar',
    message: /caractère invisible \(trait d’union conditionnel, U\+00AD\) en position 3/,
  },
  {
    name: 'a left-to-right mark pasted from a web page',
    field: '8.12',
    value: '\u200eLyon',
    code: 'invisibleChar',
    message: /marque de gauche à droite, U\+200E\) en position 1/,
  },
  {
    name: 'a control character, stored by Excel as _x0001_ (it used to be exported as the text "_x0001_")',
    field: '8.1',
    value: 'Mo_x0001_reau',
    code: 'forbiddenChar',
    message:
      'la valeur contient un caractère invisible que la CDC refuse (U+0001). Retapez la valeur sans ce caractère.',
  },
  {
    name: 'the non-character U+FFFE, stored by Excel as _xFFFE_',
    field: '8.3',
    value: 'Ca_xFFFE_mille',
    code: 'forbiddenChar',
    message: /\(U\+FFFE\)/,
  },
  {
    name: '61 emoji in a name of at most 60 characters',
    field: '8.1',
    value: '😀'.repeat(61),
    code: 'tooLong',
    message: /fait 61 caractères, le maximum est 60\. Raccourcissez la valeur\.$/,
  },
  {
    name: 'an apostrophe typed into a code (from a CSV export)',
    field: '8.10',
    value: "'69383",
    code: 'leadingApostrophe',
    message:
      "« '69383 » commence par une apostrophe, qui ne fait pas partie du code. Vouliez-vous dire 69383 ? Retapez le code sans apostrophe (au format Texte pour garder les zéros).",
  },
  {
    name: 'an INSEE code stored as a number that lost its leading zero',
    field: '8.10',
    value: 1004,
    numFmt: 'General',
    code: 'leadingZerosLost',
    message:
      'le code a été saisi comme un nombre (1004) et Excel a pu supprimer ses zéros initiaux : il doit faire 5 chiffres. Vouliez-vous dire 01004 ? Mettez la cellule au format Texte et saisissez le code complet.',
  },
  {
    name: 'an identifier stored as a number in scientific notation',
    field: '5.1',
    value: 1e21,
    numFmt: 'General',
    code: 'numberNotACode',
    message: /^le code a été saisi comme un nombre \(1e\+21\) qu'Excel a pu arrondir/,
  },
  {
    name: 'a day stored as text with decimals',
    field: '8.8',
    value: '12.0',
    code: 'notAnInteger',
    message: "« 12.0 » n'est pas un nombre entier. Saisissez un nombre entier sans décimale.",
  },
  {
    name: 'a year with decimals',
    field: '8.6',
    value: 1994.5,
    code: 'notAnInteger',
    message: /« 1994\.5 » n'est pas un nombre entier/,
  },
  {
    name: 'a two-digit year typed as text',
    field: '5.10',
    value: '02/10/26',
    code: 'twoDigitYear',
    message:
      "« 02/10/26 » a une année sur 2 chiffres, ambiguë. Saisissez l'année sur 4 chiffres (JJ/MM/AAAA).",
  },
  {
    name: 'a date before 1900 (Excel keeps it as text)',
    field: '5.10',
    value: '14/07/1889',
    code: 'dateOutOfRange',
    message:
      "la date 14/07/1889 est hors de la période acceptée par la CDC (de 1900 à 2099). Vérifiez l'année.",
  },
  {
    name: 'a date after 2099',
    field: '5.10',
    value: day(2100, 1, 1),
    code: 'dateOutOfRange',
    message: /la date 01\/01\/2100 est hors/,
  },
  {
    name: 'a date that does not exist',
    field: '5.10',
    value: '31/02/2026',
    code: 'notADate',
    message:
      "« 31/02/2026 » n'est pas une date. Saisissez une date au format JJ/MM/AAAA (par ex. 15/03/2024).",
  },
  {
    name: 'Excel turned a name into a date',
    field: '8.1',
    value: day(2026, 3, 1),
    numFmt: 'd-mmm',
    code: 'excelDateInTextField',
    message:
      'Excel a transformé la saisie en date (01/03/2026). Mettez la colonne au format Texte et retapez la valeur.',
  },
  {
    name: 'a number too large for the date format of its cell (#####)',
    field: '5.10',
    value: 1e12,
    numFmt: 'dd/mm/yyyy',
    code: 'unreadableDate',
    message:
      "la cellule contient un nombre au format date qu'Excel ne peut pas afficher (#####). Mettez la cellule au format Texte et retapez la valeur.",
  },
  {
    name: 'the same in a name column (check used to crash on it)',
    field: '8.1',
    value: 1e12,
    numFmt: 'dd/mm/yyyy',
    code: 'unreadableDate',
    message: /^la cellule contient un nombre au format date/,
  },
  {
    name: "Excel's TRUE in a name column",
    field: '8.1',
    value: true,
    code: 'notInList',
    message: "« VRAI » ne fait pas partie de la liste. Choisissez l'une des valeurs : du texte.",
  },
  {
    name: 'the error value #N/A',
    field: '8.1',
    value: { error: '#N/A' },
    code: 'excelError',
    message:
      "la cellule contient l'erreur Excel #N/A. Corrigez la formule ou saisissez la valeur directement.",
  },
  {
    name: 'the error value #REF! in a date',
    field: '5.10',
    value: { error: '#REF!' },
    code: 'excelError',
    message: /l'erreur Excel #REF!/,
  },
  {
    name: 'a lookup formula returning #N/A (it used to say "formule non calculée")',
    field: '8.1',
    value: { formula: 'VLOOKUP(A2,Noms!A:B,2,FALSE)', result: { error: '#N/A' } },
    code: 'formulaError',
    message:
      'la formule de cette cellule renvoie une erreur Excel (#N/A, #REF!, #VALEUR!…). Corrigez la formule ou saisissez la valeur directement.',
  },
  {
    name: 'a formula returning #REF! in a year',
    field: '8.6',
    value: { formula: '#REF!+1', result: { error: '#REF!' } },
    code: 'formulaError',
    message: /^la formule de cette cellule renvoie une erreur Excel/,
  },
  {
    name: 'a formula no spreadsheet ever calculated',
    field: '8.1',
    value: { formula: 'UPPER(Z2)' } as ExcelJS.CellFormulaValue,
    code: 'formulaNotCalculated',
    message:
      "la formule de cette cellule n'a jamais été calculée (classeur enregistré par un autre logiciel qu'Excel). Ouvrez le classeur dans Excel, enregistrez-le, puis recommencez.",
  },
  {
    name: 'a word in a Oui/Non column',
    field: '5.5',
    value: 'peut-être',
    code: 'notABoolean',
    message: "« peut-être » n'est pas une réponse Oui/Non. Choisissez Oui ou Non dans la liste.",
  },
  {
    name: 'a value outside its list',
    field: '8.9',
    value: 'H',
    code: 'notInList',
    message: "« H » ne fait pas partie de la liste. Choisissez l'une des valeurs : M, F.",
  },
];

describe('cells that are refused with a French message on the cell', () => {
  it.each(REFUSED.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const file = await writeCorpusFile([passage({ [c.field]: c.value })], (workbook) => {
      if (c.numFmt)
        (workbook.getWorksheet('Passages') as ExcelJS.Worksheet).getCell(cellOf(c.field, 2)).numFmt =
          c.numFmt;
    });
    const run = await runCorpusFile(file);
    const cell = cellOf(c.field, 2);
    const errors = run.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.cell, i.code])).toEqual([[cell, c.code]]);
    const [prefix, message] =
      errors[0].message.split(' : ', 2).length === 2 ? splitOnce(errors[0].message) : ['', ''];
    expect(prefix).toMatch(
      new RegExp(
        `^Passages, ligne 2, colonne ${cell.replace(/\d+$/, '')} « .+ » \\(${c.field.replace('.', '\\.')}\\)$`,
      ),
    );
    if (typeof c.message === 'string') expect(message).toBe(c.message);
    else expect(message).toMatch(c.message);
    expect(run.output).toContain(errors[0].message);
    expect(run.exportExit).toBe(1);
    expect(run.xml).toBeUndefined();
    expect(run.output).toMatch(/Export refusé : corrigez les erreurs ci-dessus/);
  });
});

function splitOnce(message: string): [string, string] {
  const at = message.indexOf(' : ');
  return [message.slice(0, at), message.slice(at + 3)];
}
