import { createXmlValidator } from '../core/xsd/xml-validator';
import { officeExcelRun } from '../excel/excel-run';
import { readHostInfo, showTaskpane, type HostInfo } from '../excel/host';
import { createExcelWorkbookPort } from '../excel/workbook-port';
import type { AddinServices } from '../services/addin-controller';
import { createFilesSaver, createXmlSaver } from '../services/save-file';
import { browserXmllintRunner } from '../workers/browser-xmllint-runner';
import { validationConcurrency } from '../services/core-runner';
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
