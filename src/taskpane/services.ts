import { createXmlValidator } from '../core/xsd/xml-validator';
import { officeExcelRun } from '../excel/excel-run';
import { readHostInfo, showTaskpane, type HostInfo } from '../excel/host';
import { createExcelWorkbookPort } from '../excel/workbook-port';
import type { AddinServices } from '../services/addin-controller';
import { createXmlSaver } from '../services/save-file';
import { browserXmllintRunner } from '../workers/browser-xmllint-runner';

/** The add-in's composition root: real Excel, libxml2 in a Web Worker, downloads or copy on Mac. */
export function createAddinServices(host: HostInfo = readHostInfo()): AddinServices {
  return {
    workbook: createExcelWorkbookPort({ run: officeExcelRun, notes: host.notes }),
    validateXml: createXmlValidator(browserXmllintRunner()),
    saveXml: createXmlSaver(host.platform),
    showPane: showTaskpane,
    now: () => new Date(),
  };
}
