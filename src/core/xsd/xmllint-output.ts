/**
 * Splits xmllint's stderr into messages. libxml2 prints, one per line,
 *   document.xml:57: Schemas validity error : Element '{urn:…}nomNaissance': [facet 'maxLength'] …
 *   document.xml:5: parser error : Double hyphen within comment: <!-- a
 * and, after a parser or namespace error, two context lines: an excerpt of the source line and a line
 * with a caret under the faulty character. Summary lines ("document.xml validates", "… fails to
 * validate", "… : failed to parse") and native-build noise ("Unimplemented block at …") are dropped.
 * xmllint-wasm's own `errors` array is not used: it splits on ":" and mistakes context lines for errors.
 */

export type XmllintMessageDomain = 'validity' | 'parser' | 'namespace' | 'schemaParser' | 'other';

export interface XmllintMessage {
  /** File the message is about: the document, or the schema for "Schemas parser" errors. */
  readonly file?: string;
  /** 1-based line in that file, null when libxml2 gave none. */
  readonly line: number | null;
  readonly domain: XmllintMessageDomain;
  readonly severity: 'error' | 'warning';
  /** Expanded name of the element the validity error is about, e.g. "{urn:…}idClient" or "flux". */
  readonly element?: string;
  /** Attribute name for "Element '…', attribute 'x': …" messages. */
  readonly attribute?: string;
  /** The message after "error : " and after the "Element '…': " prefix. */
  readonly text: string;
  /** The whole line as printed, plus context lines for parser errors. */
  readonly raw: string;
  /** Source excerpt and caret offset within it (parser and namespace errors). */
  readonly excerpt?: { readonly text: string; readonly caret: number };
}

// Without --stream, libxml2 inserts the node name: "document.xml:6: element idClient: Schemas validity error : …".
const MESSAGE_LINE = /^(.*?):(\d+): (?:element [^:\s]+: )?(.+?) (error|warning) : (.*)$/;
const ELEMENT_PREFIX = /^Element '([^']*)'(?:, attribute '([^']*)')?: (.*)$/;
const SUMMARY_LINE = /( validates| fails to validate| : failed to parse| failed to compile)$|^Unimplemented block at /;

const DOMAINS: Readonly<Record<string, XmllintMessageDomain>> = {
  'Schemas validity': 'validity',
  parser: 'parser',
  // Encoding errors ("Invalid bytes in character encoding") are well-formedness errors too.
  'I/O': 'parser',
  namespace: 'namespace',
  'Schemas parser': 'schemaParser',
};

export function parseXmllintOutput(output: string): XmllintMessage[] {
  const messages: XmllintMessage[] = [];
  const lines = output.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, '');
    const match = MESSAGE_LINE.exec(line);
    if (!match) {
      if (line.trim() !== '' && !SUMMARY_LINE.test(line)) {
        messages.push({ line: null, domain: 'other', severity: 'error', text: line.trim(), raw: line });
      }
      continue;
    }
    const [, file, lineNumber, domainName, severity, rest] = match;
    const domain = DOMAINS[domainName] ?? 'other';
    const element = domain === 'validity' || domain === 'schemaParser' ? ELEMENT_PREFIX.exec(rest) : null;
    let raw = line;
    let excerpt: XmllintMessage['excerpt'];
    // Parser messages are followed by the source excerpt and a caret line; "Input is not proper UTF-8"
    // adds a "Bytes: 0xE9 …" line and "Invalid character" an empty line before them.
    if (domain === 'parser' || domain === 'namespace') {
      let caretIndex = -1;
      for (let at = index + 2; at <= index + 4 && at < lines.length; at++) {
        if (/^\s*\^$/.test(lines[at])) {
          caretIndex = at;
          break;
        }
      }
      const between = lines.slice(index + 1, caretIndex - 1);
      if (caretIndex > 0 && between.every((text) => text === '' || text.startsWith('Bytes:'))) {
        excerpt = { text: lines[caretIndex - 1], caret: lines[caretIndex].indexOf('^') };
        raw = lines.slice(index, caretIndex + 1).join('\n');
        index = caretIndex;
      }
    }
    messages.push({
      file,
      line: Number(lineNumber),
      domain,
      severity: severity === 'warning' ? 'warning' : 'error',
      ...(element ? { element: element[1], ...(element[2] ? { attribute: element[2] } : {}) } : {}),
      text: element ? element[3] : rest,
      raw,
      ...(excerpt ? { excerpt } : {}),
    });
  }
  return messages;
}

/** Local name of an expanded name: "{urn:…}idClient" → "idClient", "cpf:flux" → "flux". */
export function localName(expandedName: string): string {
  return expandedName.replace(/^\{[^}]*\}/, '').replace(/^[^:]*:/, '');
}

/** Namespace of an expanded name, "" when it has none. */
export function namespaceOf(expandedName: string): string {
  return /^\{([^}]*)\}/.exec(expandedName)?.[1] ?? '';
}
