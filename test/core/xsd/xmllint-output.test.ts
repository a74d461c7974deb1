import { localName, namespaceOf, parseXmllintOutput } from '../../../src/core/xsd/xmllint-output';

/** Outputs as printed by xmllint (libxml2 2.13 in xmllint-wasm, 2.9 natively). */
describe('parseXmllintOutput', () => {
  it('reads a schema validity error: line, element, message', () => {
    const [message] = parseXmllintOutput(
      "document.xml:65: Schemas validity error : Element '{urn:cdc:cpf:pc5:schema:1.0.0}sexe': [facet 'enumeration'] The value 'H' is not an element of the set {'M', 'F'}.\ndocument.xml fails to validate\n",
    );
    expect(message).toMatchObject({
      line: 65,
      domain: 'validity',
      severity: 'error',
      element: '{urn:cdc:cpf:pc5:schema:1.0.0}sexe',
      text: "[facet 'enumeration'] The value 'H' is not an element of the set {'M', 'F'}.",
    });
  });

  it('reads the attribute of an attribute error', () => {
    const [message] = parseXmllintOutput(
      "document.xml:3: Schemas validity error : Element '{urn:cdc:cpf:pc5:schema:1.0.0}idFlux', attribute 'lang': The attribute 'lang' is not allowed.",
    );
    expect(message).toMatchObject({ attribute: 'lang', text: "The attribute 'lang' is not allowed." });
  });

  it('attaches the source excerpt and caret of a parser error, including the "Bytes:" line', () => {
    const output = [
      'document.xml:20: I/O error : Invalid bytes in character encoding',
      'Bytes: 0xE9 0x63 0x69 0x61',
      '                        <cpf:libelleOption>Mention sp',
      '                                                     ^',
      'document.xml : failed to parse',
      '',
    ].join('\n');
    const messages = parseXmllintOutput(output);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      line: 20,
      domain: 'parser',
      excerpt: { text: '                        <cpf:libelleOption>Mention sp', caret: 53 },
    });
    expect(messages[0].raw.split('\n')).toHaveLength(4);
  });

  it('handles the empty line libxml2 prints after "Invalid character" and an empty excerpt', () => {
    const output =
      'document.xml:57: parser error : Invalid character: Char 0x0 out of allowed range\n\n   <cpf:nomNaissance>Dup\n                        ^\n' +
      'document.xml:1: parser error : Document is empty\n\n^\n';
    const messages = parseXmllintOutput(output);
    expect(messages.map((m) => [m.line, m.excerpt?.caret])).toEqual([
      [57, 24],
      [1, 0],
    ]);
  });

  it('drops summary lines and the native build noise', () => {
    const output = 'Unimplemented block at ../../xmlschemas.c:28711\ndocument.xml validates\ndocument.xml : failed to parse\n';
    expect(parseXmllintOutput(output)).toEqual([]);
  });

  it('keeps unrecognised lines as messages without a line number', () => {
    expect(parseXmllintOutput('something odd happened')).toEqual([
      { line: null, domain: 'other', severity: 'error', text: 'something odd happened', raw: 'something odd happened' },
    ]);
  });

  it('splits expanded names', () => {
    expect(localName('{urn:cdc:cpf:pc5:schema:1.0.0}idClient')).toBe('idClient');
    expect(localName('foo:verbatim')).toBe('verbatim');
    expect(namespaceOf('{urn:x}flux')).toBe('urn:x');
    expect(namespaceOf('flux')).toBe('');
  });
});
