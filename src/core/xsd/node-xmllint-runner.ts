import { validateXML } from 'xmllint-wasm';
import { DOCUMENT_FILE_NAME, type XmllintRunner } from './xmllint-runner';

/**
 * XmllintRunner for Node (CLI, tests): xmllint-wasm runs libxml2 in a worker thread.
 * xmllint-wasm resolves for exit codes 0 (valid), 3 and 4 (invalid) and rejects with `code` = the exit
 * code otherwise; code 1 is "failed to parse" (not well-formed), which is a verdict, not a crash.
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
    if (isXmllintExit(error)) return { valid: false, output: error.message };
    throw error;
  }
};

function isXmllintExit(error: unknown): error is Error & { code: number } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
}
