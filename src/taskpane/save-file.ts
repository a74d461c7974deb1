/**
 * Saving the exported XML from the task pane's web view.
 * Excel on the web and on Windows (WebView2) honour <a download>; Excel for Mac's WKWebView ignores
 * downloads, so there the pane shows the XML for the user to copy instead.
 */

import type { SaveResult } from '../controllers/pane-state';

export type { SaveResult };

/** Downloads `content` under `fileName`: the Blob itself, by an object URL (its bytes are never read here). */
export function downloadFile(fileName: string, content: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(content);
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

export function createXmlSaver(platform: string): (fileName: string, content: Blob) => Promise<SaveResult> {
  return async (fileName, content) => {
    if (platform === 'mac') return 'copy';
    downloadFile(fileName, content);
    return 'downloaded';
  };
}
