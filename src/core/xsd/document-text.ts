/**
 * Lazy access to the lines of the validated document, to complete libxml2's messages: the value it
 * leaves out in streaming mode, the column of a parser error, the parent of an ambiguous tag.
 * Only used when there are errors, and only reads up to the furthest line asked for.
 */
export class DocumentText {
  private text: string | undefined;
  /** Offsets of the start of each line found so far (index 0 = line 1). */
  private readonly lineStarts: number[] = [0];

  constructor(private readonly source: string | Uint8Array) {}

  private content(): string {
    if (this.text === undefined) {
      this.text = typeof this.source === 'string' ? this.source : new TextDecoder('utf-8').decode(this.source);
    }
    return this.text;
  }

  /** Offset just past line `line` (its end, before the newline), indexing lines as needed. */
  private endOf(line: number): number | undefined {
    const text = this.content();
    while (this.lineStarts.length <= line) {
      const last = this.lineStarts[this.lineStarts.length - 1];
      if (last > text.length) return undefined;
      const newline = text.indexOf('\n', last);
      this.lineStarts.push(newline === -1 ? text.length + 1 : newline + 1);
    }
    if (this.lineStarts[line - 1] > text.length) return undefined;
    return this.lineStarts[line] - 1;
  }

  /** Text of 1-based line `line`, without its line break. */
  line(line: number): string | undefined {
    if (line < 1) return undefined;
    const end = this.endOf(line);
    if (end === undefined) return undefined;
    return this.content().slice(this.lineStarts[line - 1], end).replace(/\r$/, '');
  }

  /** Text content of the first `<prefix:tag>…</prefix:tag>` written on line `line`. */
  valueOn(line: number, tag: string): string | undefined {
    const text = this.line(line);
    if (text === undefined) return undefined;
    const match = new RegExp(`<(?:[\\w.-]+:)?${tag}(?:\\s[^>]*)?>([^<]*)</`).exec(text);
    return match ? decodeEntities(match[1]) : undefined;
  }

  /**
   * Local names of the elements enclosing the last `tag` start tag written on or before line `line`
   * (root first), e.g. ["flux", "emetteur"] for the émetteur's idClient.
   */
  ancestorsOf(tag: string, line: number): readonly string[] | undefined {
    const end = this.endOf(line) ?? this.content().length;
    const text = this.content().slice(0, end);
    const markup = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)(?:[\w.-]+:)?([\w.-]+)(?:\s[^>]*?)?(\/?)>/g;
    const stack: string[] = [];
    let found: string[] | undefined;
    for (let match = markup.exec(text); match; match = markup.exec(text)) {
      const [, closing, name, selfClosing] = match;
      if (name === undefined) continue;
      if (closing) {
        stack.pop();
        continue;
      }
      if (name === tag) found = [...stack];
      if (!selfClosing) stack.push(name);
    }
    return found;
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(parseInt(decimal, 10)))
    .replace(/&amp;/g, '&');
}
