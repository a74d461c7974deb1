import { createXmlValidator } from '../core/xsd/xml-validator';
import { officeExcelRun } from '../office/excel-run';
import { readHostInfo, showTaskpane, type HostInfo } from '../office/host';
import { createExcelWorkbookPort } from '../office/workbook-port';
import type { AddinServices } from '../controllers/addin-controller';
import { createFilesSaver, createXmlSaver } from './save-file';
import { browserXmllintRunner } from '../workers/browser-xmllint-runner';
import { validationConcurrency } from '../workers/core-runner';
import { workerCoreRunner } from '../workers/worker-core-runner';

/** The add-in's composition root: real Excel, libxml2 in a Web Worker, downloads or copy on Mac. */
export function createAddinServices(host: HostInfo = readHostInfo()): AddinServices {
  return {
    workbook: createExcelWorkbookPort({ run: officeExcelRun, notes: host.notes }),
    validateXml: createXmlValidator(browserXmllintRunner()),
    saveXml: createXmlSaver(host.platform),
    saveFiles: createFilesSaver(host.platform),
    // Check and export off the pane's thread (issue 7); libxml2 keeps running in its own workers.
    core: typeof Worker !== 'undefined' ? workerCoreRunner(browserXmllintRunner()) : undefined,
    validationConcurrency: validationConcurrency(navigator.hardwareConcurrency),
    showPane: showTaskpane,
    now: () => new Date(),
  };
}
