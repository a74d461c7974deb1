import { nodeXmllintRunner } from './node-xmllint-runner';
import { createXmlValidator, type ValidateXml } from './xml-validator';

/**
 * XSD validation for Node (CLI, tests), against the XSD generated from the dictionary.
 * The add-in builds its own with createXmlValidator(browserRunner): this module loads xmllint-wasm's
 * Node entry (worker_threads) and must not be bundled for the browser.
 */
export const validateXml: ValidateXml = createXmlValidator(nodeXmllintRunner);

export type { ValidateXmlOptions, XmlProblem, XmlValidationReport, XsdErrorCode } from './types';
