import { escapeXmlText, findForbiddenXmlChar } from '../../../src/core/xml/escape';

describe('escapeXmlText', () => {
  test('escapes &, < and >', () => {
    expect(escapeXmlText('A&B <c> ]]>')).toBe('A&amp;B &lt;c&gt; ]]&gt;');
  });

  test('already escaped text is escaped again (values are plain text, not markup)', () => {
    expect(escapeXmlText('&amp;')).toBe('&amp;amp;');
  });

  test('a carriage return becomes &#13; so that a parser does not turn it into a line feed', () => {
    expect(escapeXmlText('a\r\nb\rc')).toBe('a&#13;\nb&#13;c');
  });

  test('leaves quotes, tabs, line feeds, accents and emoji as they are', () => {
    const text = `"l'été"\t\n😀 𝄞 œ`;
    expect(escapeXmlText(text)).toBe(text);
  });

  test('returns the same string when nothing needs escaping', () => {
    expect(escapeXmlText('')).toBe('');
    expect(escapeXmlText('Dupont')).toBe('Dupont');
  });
});

describe('findForbiddenXmlChar (XML 1.0 Char production)', () => {
  test('accepts tab, line feed, carriage return and every allowed range', () => {
    expect(findForbiddenXmlChar('\t\n\r azAZ09\u00e9\ud7ff\ue000\ufffd😀\u{10ffff}')).toBeUndefined();
    expect(findForbiddenXmlChar('')).toBeUndefined();
  });

  test('returns the first forbidden control character', () => {
    expect(findForbiddenXmlChar('ab\u0000c\u0001')).toBe(0);
    expect(findForbiddenXmlChar('x\u000bx')).toBe(0x0b);
    expect(findForbiddenXmlChar('\u001f')).toBe(0x1f);
  });

  test('U+FFFE and U+FFFF are forbidden', () => {
    expect(findForbiddenXmlChar('a\ufffe')).toBe(0xfffe);
    expect(findForbiddenXmlChar('\uffff')).toBe(0xffff);
  });

  test('lone surrogates are forbidden, well-formed pairs are not', () => {
    expect(findForbiddenXmlChar('a\ud83d')).toBe(0xd83d);
    expect(findForbiddenXmlChar('\ude00b')).toBe(0xde00);
    expect(findForbiddenXmlChar('\ud83d\ude00')).toBeUndefined();
    expect(findForbiddenXmlChar('\ud83dx\ude00')).toBe(0xd83d);
  });

  test('agrees with a code point check over the whole range near the boundaries', () => {
    const allowed = (c: number): boolean =>
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c >= 0x10000;
    for (const c of [
      0, 8, 9, 10, 11, 12, 13, 14, 0x1f, 0x20, 0xd7ff, 0xe000, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x10ffff,
    ]) {
      expect(findForbiddenXmlChar(String.fromCodePoint(c))).toBe(allowed(c) ? undefined : c);
    }
  });
});
