import fc from 'fast-check';
import { escapeForTest } from './xml-text';
import { DICTIONARY } from './dictionary';

/**
 * Random damage to the CDC's official example file, of the kinds the CDC's guide to XML errors lists:
 * values of the wrong format or length, missing and extra elements, order, nil, comments, processing
 * instructions, namespaces, declarations, broken markup.
 */

const dictionary = DICTIONARY;
const LEAF = /^(\s*)<cpf:([A-Za-z]+)>([^<]*)<\/cpf:\2>\s*$/;

/** Values that sit near the edges of the CDC's types. */
const NEAR_VALUES = [
  ...dictionary.schema.fields.flatMap((f) => (f.enumeration ?? []).map((e) => e.code)),
  ...['true', 'false', '1', '0', 'TRUE', 'oui', ' true ', '\ttrue\n'],
  ...[
    '2024-02-29',
    '2023-02-29',
    '1899-12-31',
    '1900-01-01',
    '2099-12-31',
    '2100-01-01',
    '2024-06-05Z',
    ' 2024-06-05 ',
  ],
  ...[
    '2024-06-05T10:00:00+01:00',
    '2024-06-05T10:00:00Z',
    '2024-06-05T24:00:00+01:00',
    '2024-06-05T10:00:00.5+01:00',
  ],
  ...['0', '1', '8', '9', '1000', '1001', '-1', '+5', '007', ' 5 ', '5.0', '2147483648'],
  ...[
    '',
    ' ',
    'A',
    'AB123CDE',
    'AB123CD',
    'AB123CDEF',
    '😀😀😀😀😀😀😀😀',
    'é'.repeat(60),
    'é'.repeat(61),
    'x'.repeat(256),
  ],
  ...['& <', '"\'', '\u00a0', '\u200b', 'a\r\nb', 'M ', ' M'],
];

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NEAR_VALUES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 70 }) },
);

type Edit = (lines: string[]) => string[];

const at = (lines: readonly string[], n: number) => 2 + (n % Math.max(1, lines.length - 3));

function leafLines(lines: readonly string[]): number[] {
  return lines.flatMap((line, i) => (LEAF.test(line) ? [i] : []));
}

function onLeaf(n: number, change: (indent: string, tag: string, text: string) => string): Edit {
  return (lines) => {
    const leaves = leafLines(lines);
    if (leaves.length === 0) return lines;
    const i = leaves[n % leaves.length];
    const [, indent, tag, text] = LEAF.exec(lines[i]) ?? [];
    return lines.map((line, j) => (j === i ? change(indent, tag, text) : line));
  };
}

const edits: fc.Arbitrary<Edit> = fc.oneof(
  fc
    .tuple(fc.nat(), value)
    .map(([n, v]) => onLeaf(n, (ind, tag) => `${ind}<cpf:${tag}>${escapeForTest(v)}</cpf:${tag}>`)),
  fc
    .tuple(fc.nat(), value)
    .map(([n, v]) => onLeaf(n, (ind, tag) => `${ind}<cpf:${tag}>${escapeForTest(v)}</cpf:${tag}>`)),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        'xsi:nil="true"',
        'xsi:nil="false"',
        'xsi:nil="1"',
        'autre="1"',
        'xsi:type="xs:string"',
      ),
    )
    .chain(([n, attribute]) =>
      fc.constantFrom<Edit>(
        onLeaf(n, (ind, tag) => `${ind}<cpf:${tag} ${attribute}/>`),
        onLeaf(n, (ind, tag, text) => `${ind}<cpf:${tag} ${attribute}>${text}</cpf:${tag}>`),
      ),
    ),
  fc.nat().map<Edit>((n) => (lines) => lines.filter((_, i) => i !== at(lines, n))),
  fc
    .nat()
    .map<Edit>((n) => (lines) => lines.flatMap((line, i) => (i === at(lines, n) ? [line, line] : [line]))),
  fc.nat().map<Edit>((n) => (lines) => {
    const i = at(lines, n);
    const out = [...lines];
    [out[i], out[i + 1]] = [out[i + 1], out[i]];
    return out;
  }),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        '<cpf:inconnu>x</cpf:inconnu>',
        '<inconnu/>',
        '<!-- commentaire -->',
        '<!-- a -- b -->',
        '<?traitement x?>',
        '<![CDATA[x]]>',
        '&',
        '<',
        '&amp;',
        '&#1;',
        '&nbsp;',
        '\u0001',
        ']]>',
      ),
    )
    .map<Edit>(
      ([n, inserted]) =>
        (lines) =>
          lines.flatMap((line, i) => (i === at(lines, n) ? [inserted, line] : [line])),
    ),
  fc
    .tuple(fc.nat(), fc.constantFrom('<!-- c -->', '<?pi?>', '<![CDATA[AB123CDE]]>', '&#65;', '&lt;'))
    .map(([n, inner]) => onLeaf(n, (ind, tag, text) => `${ind}<cpf:${tag}>${inner}${text}</cpf:${tag}>`)),
  fc
    .constantFrom(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml encoding="UTF-8"?>',
      '<?xml version="2.0" encoding="UTF-8"?>',
      '<?xml version="1.1" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="ISO-8859-1"?>',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '',
      ' <?xml version="1.0"?>',
    )
    .map<Edit>((declaration) => (lines) => [declaration, ...lines.slice(1)]),
  fc
    .constantFrom(
      'urn:cdc:cpf:pc5:schema:0.0.7',
      'urn:cdc:cpf:pc5:schema:1.0.1',
      'urn:cdc:cpf:pc5:schema:1.0.0 ',
    )
    .map<Edit>(
      (ns) => (lines) => lines.map((l, i) => (i === 1 ? l.replace('urn:cdc:cpf:pc5:schema:1.0.0', ns) : l)),
    ),
  fc.nat().map<Edit>((n) => (lines) => {
    const text = lines.join('\n');
    return text.slice(0, n % text.length).split('\n');
  }),
);

/** The official example with one to three random edits. */
export function mutatedExample(example: string): fc.Arbitrary<string> {
  return fc
    .array(edits, { minLength: 1, maxLength: 3 })
    .map((list) => list.reduce((lines, edit) => edit(lines), example.split('\n')).join('\n'));
}
