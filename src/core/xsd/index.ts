/** Browser-safe entry of the XSD module (no file system, no Node worker). Node code imports src/workers/node/validate-xml. */
export { writeXsd, fieldTypeName } from './write-xsd';
export { createXmlValidator, DEFAULT_MAX_ERRORS, type ValidateXml } from './xml-validator';
export { memoryPagesFor, DOCUMENT_FILE_NAME } from './xmllint-runner';
export type { XmllintRequest, XmllintResult, XmllintRunner, XmllintSchemaFile } from './xmllint-runner';
export { XSD_ERROR_CLASSES } from './xsd-messages';
export type { ValidateXmlOptions, XmlProblem, XmlValidationReport, XsdErrorCode } from './types';
