import { prepareExport } from '../../../src/core/export/export';
import { buildFluxXml } from '../../../src/core/xml/flux-writer';
import { validPassage, workbook } from '../../support/workbook';
import { traceSentXml } from '../../../src/core/receipt/trace-sent-xml';
import { DICTIONARY } from '../../support/dictionary';

function sentFile(): string {
  const prepared = prepareExport(
    workbook([
      validPassage({ '5.1': 'A-1' }),
      validPassage({ '5.1': 'B-2', '8.1': 'Durand' }),
      validPassage({ '5.1': 'C-3' }),
    ]),
    {
      dictionary: DICTIONARY,
      now: new Date('2026-03-01T10:00:00Z'),
      idFlux: 'flux-1',
      today: new Date('2026-03-01T10:00:00Z'),
    },
  );
  if (!prepared.ok) throw new Error('workbook should be valid');
  return buildFluxXml(prepared.prepared.flux, DICTIONARY);
}

/** Where Xerces reports a bad value: just after the end tag, on its line. */
function endOfNth(xml: string, needle: string, nth: number): { line: number; column: number } {
  const lines = xml.split('\n');
  let seen = 0;
  for (const [i, text] of lines.entries()) {
    if (text.includes(needle) && seen++ === nth) return { line: i + 1, column: text.length };
  }
  throw new Error(`${needle} #${nth} not found`);
}

describe('tracing a CDC XSD error back to the deposited file', () => {
  const xml = sentFile();

  it('finds the passage and the field of an error reported at the end of an element', () => {
    const trace = traceSentXml(
      xml,
      [endOfNth(xml, '<cpf:sexe>', 1), endOfNth(xml, '<cpf:nomNaissance>', 2)],
      DICTIONARY,
    );
    expect(trace.positions).toEqual([
      expect.objectContaining({ idTechnique: 'B-2', field: '8.9' }),
      expect.objectContaining({ idTechnique: 'C-3', field: '8.1' }),
    ]);
    expect(trace.idTechniques).toEqual(['A-1', 'B-2', 'C-3']);
  });

  it('places an error inside a passage before its idTechnique is read, and one in the envelope without passage', () => {
    const opening = endOfNth(xml, '<cpf:passageCertification>', 0);
    const emitter = endOfNth(xml, '<cpf:idClient>', 0);
    const trace = traceSentXml(xml, [opening, emitter, { line: 1 }], DICTIONARY);
    expect(trace.positions[0]).toMatchObject({ idTechnique: 'A-1' });
    expect(trace.positions[1]).toMatchObject({ field: '2.1' });
    expect(trace.positions[1]?.idTechnique).toBeUndefined();
    expect(trace.positions[2]).toBeUndefined();
  });

  it('traces what it can of a file broken halfway and says it could not read the rest', () => {
    const cut = xml.slice(0, xml.indexOf('B-2'));
    const trace = traceSentXml(cut, [endOfNth(xml, '<cpf:sexe>', 0)], DICTIONARY);
    expect(trace.positions[0]).toMatchObject({ idTechnique: 'A-1', field: '8.9' });
    expect(trace.readError).toBeDefined();
  });
});
