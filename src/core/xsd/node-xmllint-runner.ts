import { validateXML } from 'xmllint-wasm';
import { DOCUMENT_FILE_NAME, type XmllintRunner } from './xmllint-runner';

/**
 * XmllintRunner for Node (CLI, tests): xmllint-wasm runs libxml2 in a worker thread.
 * xmllint-wasm resolves for exit codes 0 (valid), 3 and 4 (invalid) and rejects with `code` = the exit
 * code otherwise. Codes 1 ("failed to parse": not well-formed) and 5 (schema failed to compile) are
 * verdicts with messages; anything else (9 = out of memory) means xmllint could not do its job.
 */
export const nodeXmllintRunner: XmllintRunner = async (request) => {
  try {
    const result = await validateXML({
      xml: [{ fileName: DOCUMENT_FILE_NAME, contents: request.xml }],
      // No schema: xmllint only parses, which is how we get its well-formedness messages.
      schema: request.schema ? [request.schema] : [],
      stream: request.stream,
      initialMemoryPages: request.initialMemoryPages,
      maxMemoryPages: request.maxMemoryPages,
    });
    return { valid: result.valid, output: result.rawOutput };
  } catch (error) {
    if (isXmllintExit(error) && VERDICT_EXIT_CODES.has(error.code)) return { valid: false, output: error.message };
    throw new Error(
      `La validation XSD n'a pas pu aboutir (xmllint, code ${isXmllintExit(error) ? error.code : 'inconnu'}) : ` +
        (error instanceof Error ? error.message.split('\n')[0] : String(error)),
      { cause: error },
    );
  }
};

const VERDICT_EXIT_CODES = new Set([1, 5]);

function isXmllintExit(error: unknown): error is Error & { code: number } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
}
