import * as fs from 'fs';
import * as path from 'path';
import { SCHEMA_VERSIONS } from '../../../src/dictionary';
import { writeXsd } from '../../../src/core/xsd/write-xsd';
import { OFFICIAL_XSD, XSD_DIR } from '../../support/paths';

/**
 * xsd/ holds the generated schemas so that they can be read, diffed in reviews and used with
 * command-line tools. This test keeps them in step with the dictionary:
 *   UPDATE_XSD=1 npx jest test/core/xsd/xsd-file   rewrites them,
 * and any other run fails when a file differs from what writeXsd() produces.
 */


describe.each(SCHEMA_VERSIONS.map((schema) => [schema.version, schema] as const))('xsd/ for schema %s', (_, schema) => {
  const file = path.join(XSD_DIR, schema.xsdFile);
  const expected = writeXsd(schema);

  if (process.env.UPDATE_XSD === '1') {
    it('is rewritten from the dictionary', () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, expected, 'utf8');
      expect(fs.readFileSync(file, 'utf8')).toBe(expected);
    });
    return;
  }

  it('is up to date (regenerate with UPDATE_XSD=1 npx jest test/core/xsd/xsd-file)', () => {
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });

  it('is our own text, not a copy of the official CDC file', () => {
    if (schema.version !== '1.1.2') return;
    expect(fs.readFileSync(file, 'utf8')).not.toBe(fs.readFileSync(OFFICIAL_XSD, 'utf8'));
  });
});
