import { validateXML } from 'xmllint-wasm';
import { EXAMPLE_VARIANTS, OUR_XSD_PATH, readOfficialExample } from './testing/official-example';
import * as fs from 'fs';
it('dumps', async () => {
  const out: string[] = [];
  const xsd = fs.readFileSync(OUR_XSD_PATH, 'utf8');
  const extra = [
    { name: 'no xml decl version', valid: false, build: (x: string) => x.replace('version="1.0" ', '') },
    { name: 'nul char', valid: false, build: (x: string) => x.replace('Dupont', 'Dup\u0000ont') },
    { name: 'bad start tag', valid: false, build: (x: string) => x.replace('<cpf:verbatim>', '<cpf:verbatim<>') },
    { name: 'gt missing', valid: false, build: (x: string) => x.replace('<cpf:flux xmlns:cpf', '<cpf:flux xmlns:cpf').replace('XMLSchema-instance">', 'XMLSchema-instance"') },
    { name: 'pi space', valid: false, build: (x: string) => x.replace('<?xml version="1.0"', '<?xmlversion="1.0"') },
    { name: 'undeclared prefix', valid: false, build: (x: string) => x.replace('<cpf:verbatim>TOSA</cpf:verbatim>', '<foo:verbatim>TOSA</foo:verbatim>') },
    { name: 'amp', valid: false, build: (x: string) => x.replace('Toulouse', 'Toulouse & co') },
    { name: 'empty', valid: false, build: () => '' },
    { name: 'truncated', valid: false, build: (x: string) => x.slice(0, 3000) },
  ];
  for (const v of [...EXAMPLE_VARIANTS, ...extra]) {
    if (v.valid) continue;
    const xml = v.build(readOfficialExample());
    for (const stream of [true, false]) {
      try {
        const r = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], schema: [{ fileName: 'schema.xsd', contents: xsd }], stream });
        out.push(`### ${v.name} stream=${stream} valid=${r.valid}\n${r.rawOutput}\n${JSON.stringify(r.errors.map((e) => [e.loc?.lineNumber, e.message]))}`);
      } catch (e) {
        out.push(`### ${v.name} stream=${stream} THROWS ${String(e)} ${(e as {code?: number}).code}`);
      }
    }
  }
  fs.writeFileSync('/tmp/wasm-messages.txt', out.join('\n'));
});
