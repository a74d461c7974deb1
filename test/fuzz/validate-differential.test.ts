import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeXsd } from '../../src/core/xsd/write-xsd';
import { validateXml } from '../../src/workers/node/validate-xml';
import { OFFICIAL_EXAMPLE, OFFICIAL_XSD, tempDir } from '../support/cli';
import { batches, casesFor, fuzzParameters } from '../support/fuzz-budget';
import { mutatedExample } from '../support/example-mutations';
import { xmllintVerdicts } from '../support/xmllint-batch';
import { DICTIONARY } from '../support/dictionary';

/**
 * `accrochage validate` judges files made by any tool: on damaged copies of the CDC's example it must give
 * the official XSD's verdict. Every case goes through native xmllint with both XSDs (the official one and
 * the one the product generates from its dictionary); a sample also goes through the product's own
 * validateXml (xmllint-wasm, streaming), whose French report must agree.
 */

const example = fs.readFileSync(OFFICIAL_EXAMPLE, 'utf8');
const ourXsd = path.join(tempDir('fuzz-xsd-'), DICTIONARY.schema.xsdFile);
fs.writeFileSync(ourXsd, writeXsd(DICTIONARY.schema));

/** How many cases of each batch also go through the product's wasm validation (≈ 0.1 s each). */
const WASM_PER_BATCH = 8;

describe('validate on mutated official examples', () => {
  it('gives the verdict of the official XSD (native xmllint), for our generated XSD and the product path', async () => {
    const { numRuns, size } = batches(casesFor('officialExample'), 600);
    let invalid = 0;
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutatedExample(example), { minLength: size, maxLength: size }),
        async (documents) => {
          const official = xmllintVerdicts(documents, OFFICIAL_XSD);
          const ours = xmllintVerdicts(documents, ourXsd);
          documents.forEach((xml, i) => {
            if (official[i].valid !== ours[i].valid) {
              throw new Error(
                `official XSD says ${official[i].valid ? 'valid' : 'invalid'}, ours ${ours[i].valid ? 'valid' : 'invalid'}:\n` +
                  `${official[i].messages || ours[i].messages}\n${xml}`,
              );
            }
            if (official[i].valid) valid++;
            else invalid++;
          });
          for (let i = 0; i < Math.min(WASM_PER_BATCH, documents.length); i++) {
            const report = await validateXml(documents[i], { dictionary: DICTIONARY });
            if (report.valid !== official[i].valid) {
              throw new Error(
                `validateXml says ${report.valid}, official XSD ${official[i].valid}:\n${official[i].messages}\n${documents[i]}`,
              );
            }
            for (const problem of report.errors) {
              expect(problem.message).not.toMatch(/undefined|NaN|\[object/);
              expect(problem.message.length).toBeGreaterThan(10);
            }
            if (!report.valid) expect(report.errors.length).toBeGreaterThan(0);
          }
        },
      ),
      fuzzParameters(numRuns, 'validate differential'),
    );
    expect(valid).toBeGreaterThan(0);
    expect(invalid).toBeGreaterThan(0);
  });
});
