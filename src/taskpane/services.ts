import { createXmlValidator } from '../core/xsd/xml-validator';
import { CURRENT_SCHEMA_VERSION, getDictionary } from '../dictionary';
import { officeExcelRun } from '../office/excel-run';
import { readHostInfo, type HostInfo } from '../office/host';
import { createExcelWorkbookPort } from '../office/workbook-port';
import type { AddinServices } from '../controllers/addin-controller';
import { createXmlSaver } from './save-file';
import { browserXsdPool } from '../workers/browser-xmllint-runner';
import { validationConcurrency } from '../workers/core-runner';
import { workerCoreRunner } from '../workers/worker-core-runner';

/** The add-in's composition root: real Excel, libxml2 in a Web Worker, downloads or copy on Mac. */
export function createAddinServices(host: HostInfo = readHostInfo()): AddinServices {
  const dictionary = getDictionary(CURRENT_SCHEMA_VERSION);
  // One pool of XSD workers for the pane and the core worker's export (lent to it: parts go there directly).
  const xsd = browserXsdPool();
  return {
    dictionary,
    workbook: createExcelWorkbookPort({ run: officeExcelRun, notes: host.notes, dictionary }),
    validateXml: createXmlValidator(xsd.run),
    saveXml: createXmlSaver(host.platform),
    savesByCopy: host.platform === 'mac',
    // Check and export off the pane's thread (issue 7); libxml2 keeps running in its own workers.
    core: typeof Worker !== 'undefined' ? workerCoreRunner(xsd, dictionary.schema.version) : undefined,
    validationConcurrency: validationConcurrency(navigator.hardwareConcurrency),
    now: () => new Date(),
  };
}
