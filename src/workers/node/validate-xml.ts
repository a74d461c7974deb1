import { createXmlValidator, type ValidateXml } from '../../core/xsd/xml-validator';
import { nodeXmllintRunner } from './xmllint-pool';

/**
 * XSD validation for Node (CLI, tests, bench), against the XSD generated from the dictionary, on the process's
 * pool of xmllint worker threads (xmllint-pool.ts). The add-in builds its own with
 * createXmlValidator(browserRunner): this module uses worker_threads and must not be bundled for the browser.
 */
export const validateXml: ValidateXml = createXmlValidator(nodeXmllintRunner);

export type { ValidateXmlOptions, XmlProblem, XmlValidationReport, XsdErrorCode } from '../../core/xsd/types';
