import { DEFAULT_MAX_IMPORT_BYTES } from './flux-import';
import { importMessage, xmlInputText } from '../../i18n/import-messages';
import { readXmlPrologOfBytes } from '../xml/xml-prolog';

/**
 * The checks a CDC XML file given by the user goes through before a validator reads it, the same as an
 * import's: no DOCTYPE (so no entity of any kind: no external entity, no "billion laughs"), a size the CDC
 * could accept, XML and not a zip. libxml2 would otherwise load the DTD and expand its entities, and call a
 * file with a DOCTYPE valid, or an entity bomb "not valid: 0 errors". Returns the refusal, in French, or
 * undefined when the file may be validated.
 */

export type XmlInputRefusal = {
  readonly code: 'doctypeForbidden' | 'fileTooLarge' | 'emptyFile' | 'notXml';
  readonly message: string;
};

export const MAX_XML_INPUT_BYTES = DEFAULT_MAX_IMPORT_BYTES;

/** Checked from the file's size alone, before reading it. */
export function xmlSizeRefusal(size: number): XmlInputRefusal | undefined {
  if (size <= MAX_XML_INPUT_BYTES) return undefined;
  return {
    code: 'fileTooLarge',
    message: importMessage('fileTooLarge', undefined, { limit: MAX_XML_INPUT_BYTES / (1024 * 1024) }),
  };
}

export function xmlInputRefusal(bytes: Uint8Array): XmlInputRefusal | undefined {
  const tooLarge = xmlSizeRefusal(bytes.byteLength);
  if (tooLarge) return tooLarge;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return {
      code: 'notXml',
      message: xmlInputText.zip,
    };
  }
  const prolog = readXmlPrologOfBytes(bytes);
  if (prolog.kind === 'doctype')
    return { code: 'doctypeForbidden', message: importMessage('doctypeForbidden', undefined, {}) };
  if (prolog.kind === 'incomplete' && bytes.byteLength === 0)
    return { code: 'emptyFile', message: importMessage('emptyFile', undefined, {}) };
  return undefined;
}
