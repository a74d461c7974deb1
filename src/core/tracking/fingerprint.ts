import type { Passage } from '../model/types';

/**
 * A short fingerprint of what a passage sends to the CDC: its values as the XML writes them (canonical, derived
 * ones included) and those of its DIGCOMP results. Kept per row at export time (column « Empreinte de l’envoi »), it
 * tells whether a rejected row was corrected since: the same fingerprint means the CDC would receive the same data
 * and reject it again. Not a security hash: 64 bits (FNV-1a and djb2) are plenty to tell an edit from none, and it runs the
 * same in the browser and in Node without a crypto API (measured: 0.45 s for 100 000 passages of 18 values).
 */

const VERSION = 'v1';

/** 64 bits over UTF-16 code units: FNV-1a (32 bits) beside djb2 (32 bits, shifts and adds only). */
class Fnv {
  private h1 = 0x811c9dc5;
  private h2 = 5381;

  feed(text: string): void {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = ((h2 << 5) + h2 + c) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  digest(): string {
    return (this.h2 >>> 0).toString(16).padStart(8, '0') + this.h1.toString(16).padStart(8, '0');
  }
}

/** Non-empty values in key order, each as "key=value" followed by a separator no value contains. */
function feedValues(hash: Fnv, values: Readonly<Record<string, string>>, separator: string): void {
  for (const key of Object.keys(values).sort()) {
    const value = values[key];
    if (value === undefined || value === '') continue;
    hash.feed(key);
    hash.feed('=');
    hash.feed(value);
    hash.feed(separator);
  }
}

export function passageFingerprint(passage: Pick<Passage, 'values' | 'digcomp'>): string {
  const hash = new Fnv();
  feedValues(hash, passage.values, '\u0001');
  // DIGCOMP results in a stable order whatever their rows: the same results give the same fingerprint.
  const results = passage.digcomp.map((d) => {
    const one = new Fnv();
    feedValues(one, d.values, '\u0001');
    return one.digest();
  });
  for (const result of results.sort()) {
    hash.feed('\u0002');
    hash.feed(result);
  }
  return `${VERSION}-${hash.digest()}`;
}
