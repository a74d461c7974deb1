import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { OFFICIAL_EXAMPLE, OFFICIAL_XSD, tempDir } from '../support/cli';
import { filesUnder, runCli, startCli, waitFor, writeManyPassages } from '../support/cli-process';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { DICTIONARY } from '../support/dictionary';

/**
 * What only real processes show: two exports racing for the same file or the same second, Ctrl-C and SIGTERM
 * while a command writes, and a `kill -9`. Each ends with files that are whole and named, or with nothing.
 */

const idFluxOf = (xml: string) => /<cpf:idFlux>([^<]+)</.exec(xml)?.[1];
const partials = (dir: string) => readdirSync(dir).filter((f) => f.includes('.partiel'));

describe('two processes at the same time', () => {
  it('racing for the same -o: one file, whole, valid and truly the one reported; the other writes nothing', async () => {
    const dir = tempDir('race-');
    await writeManyPassages(path.join(dir, 'a.xlsx'), 1500, 'A');
    await writeManyPassages(path.join(dir, 'b.xlsx'), 1500, 'B');
    const runs = await Promise.all(
      ['a', 'b'].map((w) =>
        runCli(['export', `${w}.xlsx`, '-o', 'envoi.xml', '--suivi', `${w}-suivi.xlsx`], { cwd: dir }),
      ),
    );
    const xml = readFileSync(path.join(dir, 'envoi.xml'), 'utf8');
    expect(validateWithNativeXmllint(xml, OFFICIAL_XSD).valid).toBe(true);
    const id = idFluxOf(xml);
    const reported = runs.map((r) => /idFlux ([0-9a-f-]{36})/.exec(r.stdout)?.[1]);
    for (const [i, run] of runs.entries()) {
      const w = ['a', 'b'][i];
      expect([0, 2]).toContain(run.code);
      if (run.code === 2) {
        // Refused at the last step: the other process named the file first. Nothing of this one exists.
        expect(run.stderr).toMatch(
          /Le fichier envoi\.xml est apparu pendant le travail .* Aucun fichier n’a été écrit\./,
        );
        expect(existsSync(path.join(dir, `${w}-suivi.xlsx`))).toBe(false);
      }
    }
    const winners = runs.flatMap((r, i) => (r.code === 0 ? [i] : []));
    expect(winners.length).toBeGreaterThan(0);
    // The file on disk is the one the last successful process reported (replacing an earlier export is allowed).
    const last = winners.find(
      (i) => winners.length === 1 || /remplace l’export précédent/.test(runs[i].stdout),
    );
    expect(id).toBe(reported[last as number]);
    expect(xml.split('<cpf:idTechnique>').length - 1).toBe(1500);
    expect(partials(dir)).toEqual([]);
  }, 120_000);

  it('two plain exports in the same second: two files, and every idFlux a tracking copy records is in one of them', async () => {
    const dir = tempDir('race-');
    await writeManyPassages(path.join(dir, 'a.xlsx'), 800, 'A');
    await writeManyPassages(path.join(dir, 'b.xlsx'), 800, 'B');
    const runs = await Promise.all(['a', 'b'].map((w) => runCli(['export', `${w}.xlsx`], { cwd: dir })));
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const xmls = readdirSync(dir).filter((f) => f.endsWith('.xml'));
    expect(xmls).toHaveLength(2);
    const ids = xmls.map((f) => idFluxOf(readFileSync(path.join(dir, f), 'utf8')));
    for (const f of xmls)
      expect(validateWithNativeXmllint(readFileSync(path.join(dir, f)), OFFICIAL_XSD).valid).toBe(true);
    for (const w of ['a', 'b']) {
      const data = await readTemplateWorkbook(path.join(dir, `${w}-suivi.xlsx`), DICTIONARY);
      const sent = new Set(data.passages.rows.map((r) => String(r.tracking?.idFlux)));
      expect(sent.size).toBe(1);
      expect(ids).toContain([...sent][0]);
    }
    expect(partials(dir)).toEqual([]);
  }, 120_000);
});

/** A CDC file of about `passages` passages: the official example's passages repeated with unique ids. */
async function writeLargeFlux(file: string, passages: number): Promise<void> {
  const example = readFileSync(OFFICIAL_EXAMPLE, 'utf8');
  const open = '<cpf:passageCertifications>';
  const close = '</cpf:passageCertifications>';
  const head = example.slice(0, example.indexOf(open) + open.length);
  const body = example.slice(head.length, example.indexOf(close));
  const out = createWriteStream(file);
  out.write(head);
  let count = 0;
  while (count < passages) {
    out.write(
      body.replace(
        /<cpf:idTechnique>[^<]*<\/cpf:idTechnique>/g,
        () => `<cpf:idTechnique>P-${++count}</cpf:idTechnique>`,
      ),
    );
  }
  out.end(example.slice(example.indexOf(close)));
  await once(out, 'finish');
}

describe('Ctrl-C, SIGTERM and kill -9', () => {
  it('Ctrl-C during an import removes the rows spilled to disk (names, birth dates) and writes nothing', async () => {
    const dir = tempDir('signal-');
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    await writeLargeFlux(path.join(dir, 'flux.xml'), 12_000);
    const { child, done } = startCli(['import', 'flux.xml', '-o', 'modele.xlsx'], { cwd: dir, tmp });
    await waitFor(() => filesUnder(tmp).some((f) => f.endsWith('passages.jsonl')), 60_000, 'passages.jsonl');
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(
      /Interrompu \(Ctrl-C\) : les fichiers partiels et temporaires ont été supprimés\. Aucun fichier n’a été écrit\./,
    );
    expect(filesUnder(tmp)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['flux.xml', 'tmp']);
  }, 120_000);

  it.each([
    ['SIGINT', 130, 'Ctrl-C'],
    ['SIGTERM', 143, 'SIGTERM'],
  ] as const)(
    '%s during an export: partial files removed, and whatever remains is whole and named',
    async (signal, code, said) => {
      const dir = tempDir('signal-');
      const tmp = path.join(dir, 'tmp');
      mkdirSync(tmp);
      await writeManyPassages(path.join(dir, 'passages.xlsx'), 2000);
      const { child, done } = startCli(['export', 'passages.xlsx', '-o', 'envoi.xml'], { cwd: dir, tmp });
      await waitFor(() => partials(dir).length > 0, 60_000, 'a partial file');
      child.kill(signal);
      const run = await done;
      expect(run.code).toBe(code);
      expect(run.stderr).toContain(`Interrompu (${said})`);
      expect(partials(dir)).toEqual([]);
      expect(filesUnder(tmp)).toEqual([]);
      // Interrupted while writing the XML: nothing; while writing the tracking copy: the XML, complete and named.
      const left = readdirSync(dir).filter((f) => !['passages.xlsx', 'tmp'].includes(f));
      if (left.length === 0) expect(run.stderr).toMatch(/Aucun fichier n’a été écrit\./);
      else {
        expect(left).toEqual(['envoi.xml']);
        expect(run.stderr).toMatch(/ces fichiers étaient déjà complets et restent : envoi\.xml/);
        expect(validateWithNativeXmllint(readFileSync(path.join(dir, 'envoi.xml')), OFFICIAL_XSD).valid).toBe(
          true,
        );
      }
    },
    120_000,
  );

  it('kill -9 never leaves a file under its final name, and the next run removes the abandoned temporary folder', async () => {
    const dir = tempDir('signal-');
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    await writeManyPassages(path.join(dir, 'passages.xlsx'), 2000);
    const { child, done } = startCli(
      ['export', 'passages.xlsx', '-o', 'envoi.xml', '--suivi', 'suivi.xlsx'],
      {
        cwd: dir,
        tmp,
      },
    );
    await waitFor(() => partials(dir).some((f) => f.startsWith('envoi.xml.')), 60_000, 'the partial XML');
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(existsSync(path.join(dir, 'envoi.xml'))).toBe(false);
    expect(existsSync(path.join(dir, 'suivi.xlsx'))).toBe(false);
    expect(readdirSync(tmp)).toHaveLength(1);
    // Any later run clears the private folder of the dead one (its process no longer exists).
    expect((await runCli(['template', '--json'], { cwd: dir, tmp })).code).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);
});
