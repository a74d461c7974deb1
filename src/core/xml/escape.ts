/**
 * Escaping of XML element content, shared by every writer of CDC XML.
 *
 * `&` and `<` must be escaped; `>` is escaped too so that `]]>` can never appear and so that our output stays
 * byte-identical to xmlbuilder2's. `\r` becomes `&#13;` because a parser turns a literal CR (or CRLF) into LF
 * (XML 1.0 §2.11): only the character reference carries it through. Nothing else is touched: quotes need no
 * escaping in element content, and accents or emoji are written as UTF-8.
 */

const NEEDS_ESCAPE = /[&<>\r]/;
const TO_ESCAPE = /[&<>\r]/g;
const REPLACEMENT: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
};
const replace = (c: string): string => REPLACEMENT[c];

/** Escapes `text` for use as element content. Forbidden characters must have been rejected before. */
export function escapeXmlText(text: string): string {
  // Most values need no escaping: testing first avoids allocating a new string on the hot path.
  return NEEDS_ESCAPE.test(text) ? text.replace(TO_ESCAPE, replace) : text;
}

/**
 * The first code point that XML 1.0 forbids in a document (§2.2 Char), or undefined when there is none.
 * Allowed: #x9 #xA #xD [#x20-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF]. A lone surrogate is forbidden and is
 * returned as its own code unit. Excel cells can hold such characters (pasted control codes, U+FFFE…).
 */
export function findForbiddenXmlChar(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if ((unit >= 0x20 && unit <= 0xd7ff) || unit === 0x9 || unit === 0xa || unit === 0xd) continue;
    if (unit >= 0xe000 && unit <= 0xfffd) continue;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = text.charCodeAt(i + 1); // NaN past the end
      if (low >= 0xdc00 && low <= 0xdfff) {
        i++; // a well-formed pair is a code point in [#x10000-#x10FFFF]
        continue;
      }
    }
    return unit;
  }
  return undefined;
}
