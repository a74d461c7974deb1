import { readOfficialExample } from '../../support/official-example';
import { nodeXmllintRunner } from '../../../src/workers/node/xmllint-pool';
import { validateXml } from '../../../src/workers/node/validate-xml';
import { memoryPagesFor } from '../../../src/core/xsd/xmllint-runner';
import { writeXsd } from '../../../src/core/xsd/write-xsd';
import { DICTIONARY } from '../../support/dictionary';

/**
 * ~20 MB of XML (5 000 passages, 300 000 lines) built in the test from one passage of the CDC example
 * with distinct idTechnique, to check the memory settings and line numbers past 65 535.
 */
function largeDocument(targetBytes: number): string {
  const example = readOfficialExample();
  const passage = /<cpf:passageCertification>[\s\S]*?<\/cpf:passageCertification>/.exec(example)?.[0] ?? '';
  const passages: string[] = [];
  for (let size = 0, i = 0; size < targetBytes; i++) {
    const copy = passage.replace(/<cpf:idTechnique>[^<]*/, `<cpf:idTechnique>passage-${i}`);
    passages.push(copy);
    size += copy.length + 1;
  }
  return example.replace(/<cpf:passageCertification>[\s\S]*<\/cpf:passageCertification>/, passages.join('\n'));
}

describe('validateXml on a large file', () => {
  const xml = largeDocument(20 * 1024 * 1024);

  it('validates 20 MB within the memory it asks for', async () => {
    expect(xml.length).toBeGreaterThan(20 * 1024 * 1024);
    await expect(validateXml(xml, { dictionary: DICTIONARY })).resolves.toEqual({ valid: true, errors: [] });
  });

  it('reports an error in the last passage at its exact line', async () => {
    const last = xml.lastIndexOf('<cpf:sexe>M</cpf:sexe>');
    const broken = `${xml.slice(0, last)}<cpf:sexe>H</cpf:sexe>${xml.slice(last + '<cpf:sexe>M</cpf:sexe>'.length)}`;
    const line = broken.slice(0, last).split('\n').length;
    expect(line).toBeGreaterThan(65535);
    const report = await validateXml(broken, { dictionary: DICTIONARY });
    expect(report.errors).toEqual([expect.objectContaining({ line, code: 'enumeration' })]);
  });

  it('needs streaming: building a tree of the same file runs out of the default memory', async () => {
    const schema = { fileName: 'accrochage.xsd', contents: writeXsd(DICTIONARY.schema) };
    await expect(
      nodeXmllintRunner({ xml, schema, stream: false, initialMemoryPages: 256, maxMemoryPages: 512 }),
    ).rejects.toThrow(/La validation XSD n'a pas pu aboutir \(xmllint, code 9\)/);
  });

  it('grows the memory limit with the input size, up to the 4 GiB wasm maximum', () => {
    const small = memoryPagesFor(10_000);
    const large = memoryPagesFor(200 * 1024 * 1024);
    expect(small).toEqual({ initialMemoryPages: 256, maxMemoryPages: 1025 });
    expect(large.maxMemoryPages).toBeGreaterThan(small.maxMemoryPages);
    expect(large.maxMemoryPages * 64 * 1024).toBeGreaterThanOrEqual(3 * 200 * 1024 * 1024);
    expect(memoryPagesFor(5 * 1024 * 1024 * 1024).maxMemoryPages).toBe(65536);
  });
});
