import { checkWorkbook } from '../src/core/check/check';
import { columnLetter } from '../src/core/template/layout';
import type { Issue } from '../src/core/model/types';
import { FakeExcel, WEB_PAYLOAD_LIMIT_BYTES } from '../src/fake-excel';
import { fillParameters, fillPassages } from '../test/support/fake-excel-fixtures';
import { createExcelWorkbookPort } from '../src/office/workbook-port';
import { DICTIONARY } from '../test/support/dictionary';

/**
 * The add-in's Excel traffic, measured on the in-memory fake of Office.js (which counts syncs and payload
 * bytes the way Excel on the web limits them): Vérifier on 100 000 rows, and highlighting 10 000 cells.
 */

export interface ExcelBenchResult {
  readonly lines: string[];
  readonly targets: { what: string; value: string; target: string; ok: boolean }[];
  readonly raw: unknown;
}

/** The fake's counters are getters: copy the values before the next run resets them. */
function snapshot(stats: FakeExcel['stats']) {
  return {
    syncs: stats.syncs,
    maxRequestBytes: stats.maxRequestBytes,
    maxResponseBytes: stats.maxResponseBytes,
  };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} Mo`;

async function templateWith(rows: number) {
  const excel = new FakeExcel({ platform: 'web' });
  const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
  await port.createTemplate();
  fillParameters(excel.model);
  fillPassages(excel.model, rows);
  excel.stats.reset();
  return { excel, port };
}

export async function runExcelBench(rows = 100_000, highlighted = 10_000): Promise<ExcelBenchResult> {
  // Vérifier = read in bounded blocks + core check + highlight what was found.
  const verify = await templateWith(rows);
  const started = process.hrtime.bigint();
  const data = await verify.port.readWorkbookData();
  const check = checkWorkbook(data, { dictionary: DICTIONARY });
  await verify.port.highlightIssues(check.issues);
  const verifyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const verifyStats = snapshot(verify.excel.stats);

  const marks = await templateWith(Math.max(5000, highlighted / 2));
  const issues: Issue[] = [];
  for (let i = 0; issues.length < highlighted; i++) {
    const row = 2 + (i % 2500) * 2;
    const cell = `${columnLetter(Math.floor(i / 2500) * 3)}${row}`;
    issues.push({
      sheet: 'Passages',
      cell,
      row,
      field: '',
      tag: '',
      severity: i % 5 ? 'error' : 'warning',
      code: 'x',
      location: 'x',
      text: 'x',
      message: 'x',
    });
  }
  await marks.port.highlightIssues(issues);
  const highlightStats = snapshot(marks.excel.stats);

  const verifyLimit = Math.ceil(rows / 5000) + 5;
  const largestVerify = Math.max(verifyStats.maxRequestBytes, verifyStats.maxResponseBytes);
  return {
    lines: [
      `Vérifier sur ${rows.toLocaleString('fr-FR')} lignes (faux Excel, mode web) : ${verifyStats.syncs} synchronisations, ` +
        `plus grosse charge ${mb(largestVerify)}, ${(verifyMs / 1000).toFixed(2)} s ; ` +
        `surligner ${highlighted.toLocaleString('fr-FR')} cellules : ${highlightStats.syncs} synchronisations, plus grosse requête ${mb(highlightStats.maxRequestBytes)}.`,
    ],
    targets: [
      {
        what: `Vérifier, ${rows} lignes : synchronisations`,
        value: String(verifyStats.syncs),
        target: `≤ ${verifyLimit}`,
        ok: verifyStats.syncs <= verifyLimit,
      },
      {
        what: 'Vérifier : plus grosse charge par synchronisation',
        value: mb(largestVerify),
        target: '< 5 Mo',
        ok: largestVerify < WEB_PAYLOAD_LIMIT_BYTES,
      },
      {
        what: `surligner ${highlighted} cellules : synchronisations`,
        value: String(highlightStats.syncs),
        target: '≤ 20',
        ok: highlightStats.syncs <= 20,
      },
    ],
    raw: { verify: { ...verifyStats, ms: verifyMs, issues: check.issues.length }, highlight: highlightStats },
  };
}
