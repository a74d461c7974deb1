import type { Dictionary } from '../../dictionary';
import { DocumentText } from './document-text';
import { schemaLookup } from './schema-lookup';
import type { ValidateXmlOptions, XmlProblem, XmlValidationReport } from './types';
import { parseXmllintOutput, type XmllintMessage } from './xmllint-output';
import { DOCUMENT_FILE_NAME, memoryPagesFor, type XmllintRunner } from './xmllint-runner';
import { describeXmllintMessage, formatLocatedMessage, formatProblemMessage } from './xsd-messages';
import { writeXsd } from './write-xsd';

/**
 * XSD validation of a produced file, independent of where libxml2 runs (worker thread in Node, Web
 * Worker in the add-in): build it with the runner of the platform. No file system access here, so the
 * browser bundle can use it: the XSD text comes from writeXsd() and the dictionary.
 */
export type ValidateXml = (xml: string | Uint8Array, options: ValidateXmlOptions) => Promise<XmlValidationReport>;

/** As many problems as the CDC's own report lists ("seules les 100 premières erreurs"). */
export const DEFAULT_MAX_ERRORS = 100;

const generatedXsdCache = new WeakMap<Dictionary, string>();

function generatedXsd(dictionary: Dictionary): { fileName: string; contents: string } {
  let contents = generatedXsdCache.get(dictionary);
  if (contents === undefined) {
    contents = writeXsd(dictionary.schema);
    generatedXsdCache.set(dictionary, contents);
  }
  return { fileName: dictionary.schema.xsdFile, contents };
}

export function createXmlValidator(runner: XmllintRunner): ValidateXml {
  return async (xml, options) => {
    const { dictionary } = options;
    const schema = options.extraSchema ?? generatedXsd(dictionary);
    const byteLength = typeof xml === 'string' ? utf8Length(xml) : xml.byteLength;
    const memory = memoryPagesFor(byteLength);

    const transfer = options.transferInput === true && typeof xml !== 'string' ? { transfer: true } : {};
    const validation = await runner({ xml, schema, stream: true, ...memory, ...transfer });
    if (validation.valid) return { valid: true, errors: [] };
    // Moved to libxml2's thread and back: the bytes to quote in the messages are the ones handed back.
    let document = validation.xml ?? xml;

    let messages = parseXmllintOutput(validation.output);
    if (isParseFailure(validation.output, messages)) {
      // In streaming mode with a schema, libxml2 reports "failed to parse" without saying why (and the
      // schema errors before that point are often side effects of the broken markup). A parse-only
      // pass gives the well-formedness message; the CDC, too, reports only that.
      const parse = await runner({ xml: document, stream: true, ...memory, ...transfer });
      document = parse.xml ?? document;
      const parserMessages = parseXmllintOutput(parse.output).filter(isWellFormednessError);
      if (parserMessages.length > 0) messages = parserMessages.slice(0, 1);
    }
    return toReport(messages, document, options);
  };
}

function isParseFailure(output: string, messages: readonly XmllintMessage[]): boolean {
  return / : failed to parse\s*$/m.test(output) && !messages.some(isWellFormednessError);
}

function isWellFormednessError(message: XmllintMessage): boolean {
  return (message.domain === 'parser' || message.domain === 'namespace') && message.severity === 'error';
}

function toReport(messages: readonly XmllintMessage[], xml: string | Uint8Array, options: ValidateXmlOptions): XmlValidationReport {
  const { dictionary } = options;
  const document = new DocumentText(xml);
  const { sourceMap } = options;
  const context = {
    lookup: schemaLookup(dictionary),
    document,
    fieldOnLine: sourceMap ? (line: number) => sourceMap.locate(line)?.field : undefined,
  };
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const errors: XmlProblem[] = [];
  let omitted = 0;
  let previous: { line: number | null; element?: string } | undefined;
  let sawParserError = false;
  for (const message of messages) {
    if (message.severity === 'warning') continue;
    // A value libxml2 rejects once (e.g. nil on a non-nillable element) is often reported again by the
    // next check on the same element and line: keep the first, which names the cause.
    if (message.domain === 'validity' && previous && previous.line === message.line && previous.element === message.element) {
      continue;
    }
    previous = { line: message.line, element: message.element };
    // After the first well-formedness error the parser's messages describe its recovery, not the file.
    if (isWellFormednessError(message)) {
      if (sawParserError) continue;
      sawParserError = true;
    }
    if (errors.length >= maxErrors) {
      omitted++;
      continue;
    }
    const described = describeXmllintMessage(message, context);
    // Lines of schema compilation errors are lines of the XSD, not of the document.
    const line = message.file === undefined || message.file === DOCUMENT_FILE_NAME ? message.line : null;
    const location = line === null ? undefined : sourceMap?.locate(line);
    errors.push({
      line,
      ...(described.column !== undefined ? { column: described.column } : {}),
      code: described.code,
      message:
        options.linesInMessages === false && location
          ? formatLocatedMessage(location, described)
          : formatProblemMessage(line, location, described),
      raw: message.raw,
      ...(location ? { location } : {}),
    });
  }
  return { valid: false, errors, ...(omitted > 0 ? { omittedErrors: omitted } : {}) };
}

function utf8Length(text: string): number {
  // Upper bound is enough for memory sizing and avoids encoding a 200 MB string twice.
  return text.length * 3 > 64 * 1024 * 1024 ? text.length * 2 : new TextEncoder().encode(text).byteLength;
}
