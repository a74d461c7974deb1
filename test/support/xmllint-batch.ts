import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NATIVE_XMLLINT } from './xmllint-native';

/**
 * Native xmllint on many documents in one process: the schema is compiled once and each file gets its own
 * verdict ("doc-N.xml validates"). A document that is not even well-formed gets no "validates" line.
 */

export interface Verdict {
  readonly valid: boolean;
  /** xmllint's lines about this document (errors), for failure messages. */
  readonly messages: string;
}

export function xmllintVerdicts(documents: readonly (string | Uint8Array)[], xsdPath: string): Verdict[] {
  if (documents.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-xmllint-'));
  try {
    const files = documents.map((xml, i) => {
      const file = `doc-${i}.xml`;
      fs.writeFileSync(path.join(dir, file), xml);
      return file;
    });
    const result = spawnSync(NATIVE_XMLLINT, ['--noout', '--schema', path.resolve(xsdPath), ...files], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    if (/failed to compile|WXS schema .* failed/.test(result.stderr)) throw new Error(result.stderr);
    const valid = new Set<string>();
    const messages = new Map<string, string[]>();
    for (const line of result.stderr.split('\n')) {
      const ok = /^(doc-\d+\.xml) validates$/.exec(line);
      if (ok) valid.add(ok[1]);
      const about = /^(doc-\d+\.xml)[: ]/.exec(line);
      if (about && !ok) messages.set(about[1], [...(messages.get(about[1]) ?? []), line]);
    }
    return files.map((file) => ({ valid: valid.has(file), messages: (messages.get(file) ?? []).join('\n') }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
