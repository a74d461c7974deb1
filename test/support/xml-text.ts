/**
 * Text as element content, written independently of the product's escaping: the five-character set
 * that must be escaped, CR kept as a reference, and characters XML forbids written as the character
 * references the XML spec forbids too (so the document is rejected, as the value would make it).
 */
export function escapeForTest(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '\r') out += '&#13;';
    else if (isXmlChar(code)) out += char;
    else out += `&#x${code.toString(16)};`;
  }
  return out;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
