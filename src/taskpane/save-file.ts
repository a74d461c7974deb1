/**
 * Saving the exported XML from the task pane's web view.
 * Excel on the web and on Windows (WebView2) honour <a download>; Excel for Mac's WKWebView ignores
 * downloads, so there the pane shows the XML for the user to copy instead.
 */

import type { SaveResult } from '../controllers/pane-state';

export type { SaveResult };

export function downloadTextFile(fileName: string, text: string, doc: Document = document): void {
  const blob = new Blob([text], { type: 'application/xml;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  doc.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some engines; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createXmlSaver(platform: string): (fileName: string, xml: string) => Promise<SaveResult> {
  return async (fileName, xml) => {
    if (platform === 'mac') return 'copy';
    downloadTextFile(fileName, xml);
    return 'downloaded';
  };
}
