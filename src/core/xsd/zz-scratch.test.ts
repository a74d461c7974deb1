import { validateXml } from './validate-xml';
import { readOfficialExample } from './testing/official-example';
import { nodeXmllintRunner } from './node-xmllint-runner';
it('large', async () => {
  const ex = readOfficialExample();
  const passage = /<cpf:passageCertification>[\s\S]*?<\/cpf:passageCertification>/.exec(ex)![0];
  const parts: string[] = [];
  let size = 0; let i = 0;
  while (size < 20 * 1024 * 1024) { const p = passage.replace(/<cpf:idTechnique>[^<]*/, `<cpf:idTechnique>p-${i++}`); parts.push(p); size += p.length + 1; }
  const xml = ex.replace(/<cpf:passageCertification>[\s\S]*<\/cpf:passageCertification>/, parts.join('\n'));
  console.log('size', xml.length, 'passages', i, 'lines', xml.split('\n').length);
  let t = Date.now();
  const r = await validateXml(xml);
  console.log('ours valid', r.valid, Date.now() - t, 'ms', JSON.stringify(r.errors.slice(0, 2)));
  t = Date.now();
  try { const d = await nodeXmllintRunner({ xml, schema: { fileName: 'x.xsd', contents: require('fs').readFileSync('xsd/accrochage-cdc-1.1.2.xsd', 'utf8') }, stream: true, initialMemoryPages: 256, maxMemoryPages: 512 });
  console.log('default', d.valid, d.output.slice(0, 300), Date.now() - t); } catch (e) { console.log('default throws', String(e).slice(0, 300)); }
  const bad = xml.replace(/<cpf:sexe>M<\/cpf:sexe>(?![\s\S]*<cpf:sexe>)/, '<cpf:sexe>H</cpf:sexe>');
  const lineOf = bad.slice(0, bad.lastIndexOf('<cpf:sexe>H')).split('\n').length;
  t = Date.now();
  const rb = await validateXml(bad);
  console.log('bad', rb.valid, Date.now() - t, 'expected line', lineOf, JSON.stringify(rb.errors));
}, 120000);
