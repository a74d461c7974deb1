import { validateXml } from './validate-xml';
import { readOfficialExample } from './testing/official-example';
it('bad schema', async () => {
  const r = await validateXml(readOfficialExample(), { extraSchema: { fileName: 'bad.xsd', contents: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="nope"/></xs:schema>' } });
  console.log(JSON.stringify(r, null, 1));
  const r2 = await validateXml(readOfficialExample(), { extraSchema: { fileName: 'bad.xsd', contents: '<xs:schema' } });
  console.log(JSON.stringify(r2, null, 1));
});
