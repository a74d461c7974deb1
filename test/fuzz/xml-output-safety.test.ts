import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { OFFICIAL_XSD } from '../support/cli';
import { workbook, type RowInput } from '../support/workbook';
import { validRows } from '../support/workbook-arbitraries';
import { batches, casesFor, fuzzParameters } from '../support/fuzz-budget';
import { checkAndExport } from '../support/export-pipeline';
import { xmllintVerdicts } from '../support/xmllint-batch';
import { DICTIONARY } from '../support/dictionary';

/**
 * What we write is plain data: the XML declaration, elements, attributes for nil, text — no comment, no
 * other processing instruction, no CDATA, no DOCTYPE. Every value comes back from a parser exactly as
 * normalization made it, whatever it holds: markup characters, quotes, CR, tabs, emoji, astral characters.
 */

const dictionary = DICTIONARY;
const { namespace } = dictionary.schema;
/** Free-text fields no business rule looks into, so any text stays a valid row. */
const FREE_TEXT = ['5.3', '5.17'];

const UNITS = [
  ...'&<>"\'\r\n\t ',
  '\r\n',
  ']]>',
  '<!--',
  '-->',
  '<?xml',
  '?>',
  '&amp;',
  '&#13;',
  '😀',
  '𝄞',
  '👍🏽',
  'é',
  'e\u0301',
  'ß',
  '\u00a0',
  '中',
  '\ud7ff',
  '\ue000',
  '\ufffd',
  '\u{10ffff}',
];

const trickyText = fc
  .array(fc.oneof(fc.constantFrom(...UNITS), fc.constantFrom(...'abcXYZ019')), {
    minLength: 1,
    maxLength: 40,
  })
  .map((parts) => `x${parts.join('')}y`);

const trickyRows = validRows(4).chain((rows) =>
  fc.tuple(
    ...rows.map((row) =>
      fc.tuple(trickyText, trickyText).map(([a, b]): RowInput => ({ ...row, '5.3': a, '5.17': b })),
    ),
  ),
);

interface ParsedPassage {
  readonly values: Map<string, string>;
}

/** Parses our XML with a namespace-aware parser and lists every comment, PI, CDATA and DOCTYPE it meets. */
function parse(xml: string): { passages: ParsedPassage[]; markup: string[] } {
  const parser = new SaxesParser({ xmlns: true });
  const markup: string[] = [];
  const passages: ParsedPassage[] = [];
  let current: ParsedPassage | undefined;
  let text = '';
  parser.on('comment', (c) => markup.push(`comment ${c}`));
  parser.on('processinginstruction', (pi) => markup.push(`pi ${pi.target}`));
  parser.on('cdata', (c) => markup.push(`cdata ${c}`));
  parser.on('doctype', (d) => markup.push(`doctype ${d}`));
  parser.on('opentag', (tag) => {
    if (tag.uri !== namespace) markup.push(`foreign element ${tag.name}`);
    if (tag.local === 'passageCertification') passages.push((current = { values: new Map() }));
    text = '';
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    if (current && tag.local !== 'passageCertification') current.values.set(tag.local, text);
    if (tag.local === 'passageCertification') current = undefined;
    text = '';
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return { passages, markup };
}

describe('exported XML', () => {
  it('holds no comment, PI, CDATA or DOCTYPE, and gives back every normalized value exactly', () => {
    const { numRuns, size } = batches(casesFor('xmlSafety'), 300);
    fc.assert(
      fc.property(fc.array(trickyRows, { minLength: size, maxLength: size }), (cases) => {
        const documents: string[] = [];
        for (const rows of cases) {
          const { check, xml } = checkAndExport(workbook(rows));
          if (xml === undefined)
            throw new Error(`tricky free text refused: ${JSON.stringify(check.issues.slice(0, 3))}`);
          expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
          expect(xml.match(/<\?/g)).toHaveLength(1);
          expect(xml).not.toMatch(/<!--|<!\[CDATA\[|<!DOCTYPE/);
          const { passages, markup } = parse(xml);
          expect(markup).toEqual([]);
          const byId = new Map(passages.map((p) => [p.values.get('idTechnique'), p]));
          for (const passage of check.passages) {
            const parsed = byId.get(passage.values['5.1']);
            for (const [id, value] of Object.entries(passage.values)) {
              const field = dictionary.field(id);
              if (dictionary.placement(id).path.includes('passageCertification')) {
                expect([id, parsed?.values.get(field.tag)]).toEqual([id, value]);
              }
            }
            // Nothing but Unicode composition (NFC) stands between the cell and the XML.
            for (const id of FREE_TEXT)
              expect(passage.values[id]).toBe(String(rows[passage.row - 2][id]).normalize('NFC'));
          }
          documents.push(xml);
        }
        xmllintVerdicts(documents, OFFICIAL_XSD).forEach((verdict, i) => {
          if (!verdict.valid) throw new Error(`${verdict.messages}\n${documents[i]}`);
        });
      }),
      fuzzParameters(numRuns, 'XML output safety'),
    );
  });
});
