import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The libxml2 command-line tool (package libxml2-utils); the reference our wasm validation must match. */
export const NATIVE_XMLLINT = '/usr/bin/xmllint';

export interface NativeValidation {
  readonly valid: boolean;
  /** Everything xmllint printed on stderr (errors, then "<file> validates" or "... fails to validate"). */
  readonly output: string;
}

/**
 * Validates `xml` against the schema file `xsdPath` with native xmllint.
 * The document is written to a temporary file named document.xml, so messages read "document.xml:LINE: ...".
 */
export function validateWithNativeXmllint(
  xml: string | Uint8Array,
  xsdPath: string,
  options: { readonly stream?: boolean } = {},
): NativeValidation {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xmllint-native-'));
  const file = path.join(dir, 'document.xml');
  try {
    fs.writeFileSync(file, xml);
    const args = [
      '--noout',
      ...(options.stream ? ['--stream'] : []),
      '--schema',
      path.resolve(xsdPath),
      'document.xml',
    ];
    const result = spawnSync(NATIVE_XMLLINT, args, {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    return { valid: result.status === 0, output: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
