import type { Passage } from '../model/types';

/**
 * A short fingerprint of what a passage sends to the CDC: its values as the XML writes them (canonical, derived
 * ones included) and those of its DIGCOMP results. Kept per row at export time (column « Empreinte de l’envoi »), it
 * tells whether a rejected row was corrected since: the same fingerprint means the CDC would receive the same data
 * and reject it again. Not a security hash: 64 bits of FNV-1a are plenty to tell an edit from none, and it runs the
 * same in the browser and in Node without a crypto API.
 */

const VERSION = 'v1';

/** FNV-1a over UTF-16 code units, 64 bits as two 32-bit halves. */
function fnv1a64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x01000193) >>> 0;
  }
  return h2.toString(16).padStart(8, '0') + h1.toString(16).padStart(8, '0');
}

function valuesText(values: Readonly<Record<string, string>>): string {
  return Object.keys(values)
    .filter((k) => values[k] !== undefined && values[k] !== '')
    .sort()
    .map((k) => `${k}=${values[k]}`)
    .join('\u0001');
}

export function passageFingerprint(passage: Pick<Passage, 'values' | 'digcomp'>): string {
  const digcomp = passage.digcomp.map((d) => valuesText(d.values)).sort();
  return `${VERSION}-${fnv1a64([valuesText(passage.values), ...digcomp].join('\u0002'))}`;
}
