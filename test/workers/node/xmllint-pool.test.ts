import { validateXML } from 'xmllint-wasm';
import { createXmllintPool, type XmllintPool } from '../../../src/workers/node/xmllint-pool';
import { memoryPagesFor } from '../../../src/core/xsd/xmllint-runner';
import { writeXsd } from '../../../src/core/xsd/write-xsd';
import { readOfficialExample } from '../../support/official-example';
import { DICTIONARY } from '../../support/dictionary';

/**
 * The pool must answer exactly what xmllint-wasm's own runner (a new worker and a new compile per document)
 * answers: same verdict, same stderr, document after document, whatever ran before on the same worker.
 */

const schema = { fileName: 'accrochage.xsd', contents: writeXsd(DICTIONARY.schema) };
const valid = readOfficialExample();
const invalid = valid.replace('<cpf:sexe>M</cpf:sexe>', '<cpf:sexe>H</cpf:sexe>');
const notWellFormed = valid.replace('</cpf:sexe>', '</cpf:sexo>');
const documents = { valid, invalid, notWellFormed, bytes: new TextEncoder().encode(invalid) };

/** xmllint-wasm's verdict, read the way our runners read it (resolve for 0/3/4; 1 and 5 come as rejections). */
async function reference(xml: string | Uint8Array, withSchema: boolean) {
  try {
    const result = await validateXML({
      xml: [{ fileName: 'document.xml', contents: xml }],
      schema: withSchema ? [schema] : [],
      stream: true,
      ...memoryPagesFor(xml.length),
    });
    return { valid: result.valid, output: result.rawOutput };
  } catch (error) {
    return { valid: false, output: (error as Error).message };
  }
}

describe('createXmllintPool', () => {
  let pool: XmllintPool;
  beforeAll(() => {
    pool = createXmllintPool(2);
  });
  afterAll(() => pool.close());

  it.each(Object.entries(documents))(
    'answers like xmllint-wasm for a %s document, with and without a schema',
    async (_name, xml) => {
      for (const withSchema of [true, false]) {
        const request = {
          xml,
          stream: true,
          ...(withSchema ? { schema } : {}),
          ...memoryPagesFor(xml.length),
        };
        const got = await pool(request);
        expect(got).toEqual(await reference(xml, withSchema));
      }
    },
  );

  it('keeps nothing from one document to the next on the same worker, under more requests than workers', async () => {
    const single = createXmllintPool(1);
    try {
      const order = [invalid, valid, notWellFormed, valid, invalid, valid];
      const results = await Promise.all(
        order.map((xml) => single({ xml, schema, stream: true, ...memoryPagesFor(xml.length) })),
      );
      expect(results.map((r) => r.valid)).toEqual([false, true, false, true, false, true]);
      // Each invalid document gets its own messages only, not those of the documents before it.
      expect(results[4]).toEqual(results[0]);
      expect(results[1].output).toBe(results[3].output);
    } finally {
      await single.close();
    }
  });

  it('rejects, with the French message, when xmllint cannot do its job (out of memory)', async () => {
    const big = valid.replace(/<cpf:passageCertification>[\s\S]*<\/cpf:passageCertification>/, (p) =>
      Array.from({ length: 4000 }, () => p).join('\n'),
    );
    await expect(
      pool({ xml: big, schema, stream: false, initialMemoryPages: 256, maxMemoryPages: 256 }),
    ).rejects.toThrow(/La validation XSD n'a pas pu aboutir \(xmllint, code 9\)/);
    // The worker is still usable afterwards.
    await expect(
      pool({ xml: valid, schema, stream: true, ...memoryPagesFor(valid.length) }),
    ).resolves.toEqual({
      valid: true,
      output: expect.any(String),
    });
  });

  it('rejects what is still waiting when closed', async () => {
    const closing = createXmllintPool(1);
    const request = { xml: valid, schema, stream: true, ...memoryPagesFor(valid.length) };
    const settled = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: Error) => error.message,
      );
    const first = settled(closing(request));
    const second = settled(closing(request));
    await closing.close();
    expect(await second).toMatch(/n'a pas pu aboutir.*closed/);
    await first;
  });
});
