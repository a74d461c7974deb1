import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession, Download, Page } from 'playwright-core';
import {
  actAndWait,
  CHROMIUM,
  launchChromium,
  openPaneFrom,
  serveDirectory,
} from '../test/support/e2e-harness';
import { inWorkbook } from '../test/support/e2e-workbook-access';
import { ChromiumMemorySampler, type PhaseMemory, type TargetKind } from './chromium-memory';

/**
 * The add-in in Chromium (issue 17: « the worker and pane heaps in Chromium for the add-in at 100 000 rows »): the
 * real pane bundle (webpack, production mode, Office.js replaced by the e2e stub and its in-memory Excel) in
 * Debian's headless Chromium, driven like the e2e tests. The workbook holds the bench's deterministic rows
 * (bench/generate.ts, typed into the fake by the stub's `fillBenchWorkbook`); then a user's clicks: « Vérifier »,
 * then « Exporter » (the core worker checks and writes the XML, the pane's pool of XSD Web Workers validates it in
 * parts), then a click on each file's button where the export is split (the file « downloaded »).
 *
 * Measured per action: wall time from the click until the pane shows its result (`actAndWait`: result version moved,
 * not busy), the peaks of the pane's and each worker's JS heap and of Chromium's processes (chromium-memory.ts says
 * which API gives which figure and what it leaves out), the pane's long tasks (PerformanceObserver 'longtask': main
 * thread tasks over 50 ms; the longest is how long the pane froze), and the fake Excel's sync count.
 *
 * The pane's heap also holds the fake workbook (in real Excel the workbook lives in the host, not in the pane): its
 * size is the baseline, measured after filling and a garbage collection, before « Vérifier ».
 */

const ROOT = path.resolve(__dirname, '../../..');
/** The pane as the bench builds it: production mode (React's production build, minified), with the e2e stub. */
export const ADDIN_BENCH_DIST = path.join(ROOT, 'build/bench/addin');
/** The bench data's clock (core-child.ts's NOW): its dates are recent for the CDC's 3-month rule on that day. */
const NOW = new Date('2026-11-23T10:00:00Z');
const ACTION_TIMEOUT_MS = 600_000;

export interface AddinActionResult {
  readonly ms: number;
  /** What the pane shows at the end: its heading and its notice. */
  readonly heading: string;
  readonly notice: string;
  readonly syncs: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  readonly longTasksTotalMs: number;
  /** The longest animation frame's main scripts (see LongTasks). */
  readonly longestFrameScripts: string[];
  readonly memory: PhaseMemory;
}

export interface AddinMeasure {
  readonly passages: number;
  readonly verify: AddinActionResult;
  readonly export: AddinActionResult & {
    readonly files: number;
    readonly bytes: number;
    /** Clicks on the files' buttons until every download arrived (0 when the single file downloaded by itself). */
    readonly downloadMs: number;
  };
  /** The pane after filling the workbook, GC'd, before « Vérifier » (bytes). */
  readonly baseline: { paneHeap: number; rendererRss: number; chromiumRss: number };
  /** The pane after the export, GC'd (bytes): what it keeps (the files it offers to save again, its state). */
  readonly after: { paneHeap: number; workers: { kind: TargetKind; used: number }[] };
}

const LONG_TASKS = '__benchLongTasks';

interface LongTasks {
  readonly durations: number[];
  /**
   * The scripts of the longest animation frame ('long-animation-frame', Chromium 123+): what ran in it, by whom
   * it was invoked (« Worker.onmessage », a promise resolution…), and for how long. Names are minified.
   */
  longestFrame?: { duration: number; scripts: string[] };
}

/** Installs long-task and long-frame observers in the page, whose entries `takeLongTasks` reads and clears. */
async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate((key) => {
    const tasks: LongTasks = { durations: [] };
    Object.assign(window, { [key]: tasks });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.durations.push(entry.duration);
    }).observe({ type: 'longtask' });
    if (!PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) return;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.duration <= (tasks.longestFrame?.duration ?? 0)) continue;
        const scripts = (
          (
            entry as unknown as {
              scripts?: { invoker: string; sourceFunctionName: string; duration: number }[];
            }
          ).scripts ?? []
        )
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3)
          .map(
            (x) =>
              `${x.invoker}${x.sourceFunctionName ? ` (${x.sourceFunctionName})` : ''} ${Math.round(x.duration)} ms`,
          );
        tasks.longestFrame = { duration: entry.duration, scripts };
      }
    }).observe({ type: 'long-animation-frame' });
  }, LONG_TASKS);
}

async function takeLongTasks(page: Page): Promise<LongTasks> {
  return page.evaluate((key) => {
    const tasks = (window as unknown as Record<string, LongTasks>)[key];
    const taken = {
      durations: tasks.durations.splice(0, tasks.durations.length),
      longestFrame: tasks.longestFrame,
    };
    tasks.longestFrame = undefined;
    return taken;
  }, LONG_TASKS);
}

async function paneResult(page: Page): Promise<{ heading: string; notice: string }> {
  const heading = (await page.locator('main h2').first().textContent()) ?? '';
  const notices = page.locator('main .fui-MessageBarBody');
  const notice = (await notices.count()) > 0 ? ((await notices.first().textContent()) ?? '') : '';
  return { heading: heading.trim(), notice: notice.trim() };
}

/** One user action: click, wait for the pane's result, with memory sampled and long tasks collected meanwhile. */
async function measureAction(
  page: Page,
  sampler: ChromiumMemorySampler,
  click: () => Promise<void>,
  profile?: { session: CDPSession; file: string },
): Promise<AddinActionResult> {
  await takeLongTasks(page);
  const syncsBefore = await inWorkbook(page, (e2e) => e2e.syncs(), null);
  if (profile) {
    await profile.session.send('Profiler.enable');
    await profile.session.send('Profiler.start');
  }
  sampler.beginPhase();
  const start = process.hrtime.bigint();
  await actAndWait(page, click, ACTION_TIMEOUT_MS);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const memory = sampler.endPhase();
  if (profile) {
    const { profile: cpuProfile } = await profile.session.send('Profiler.stop');
    mkdirSync(path.dirname(profile.file), { recursive: true });
    writeFileSync(profile.file, JSON.stringify(cpuProfile));
  }
  const tasks = await takeLongTasks(page);
  const syncs = (await inWorkbook(page, (e2e) => e2e.syncs(), null)) - syncsBefore;
  return {
    ms,
    ...(await paneResult(page)),
    syncs,
    longestTaskMs: Math.max(0, ...tasks.durations),
    longTasks: tasks.durations.length,
    longTasksTotalMs: tasks.durations.reduce((a, b) => a + b, 0),
    longestFrameScripts: tasks.longestFrame?.scripts ?? [],
    memory,
  };
}

/** The size of a download, its temporary file then deleted (200 MB files are not kept). */
async function downloadedBytes(download: Download): Promise<number> {
  const file = await download.path();
  const bytes = statSync(file).size;
  await download.delete();
  return bytes;
}

/**
 * Measures « Vérifier » then « Exporter » on `rows` bench passages, in a fresh context of `browser`, the pane served
 * from `origin` and built into `distDir` (with the e2e stub).
 */
export async function measureAddin(
  browser: Browser,
  origin: string,
  distDir: string,
  rows: number,
  log: (line: string) => void = () => undefined,
): Promise<AddinMeasure> {
  const pane = await openPaneFrom(browser, origin, distDir);
  const { page } = pane;
  try {
    // Date only (timers and performance.now keep running): the pane's « today » is the bench data's.
    await page.clock.setFixedTime(NOW);
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.getByText(/Modèle créé/).waitFor();
    log(`complément : ${rows} passages dans le faux Excel…`);
    await inWorkbook(page, (e2e, n) => e2e.fillBenchWorkbook(n), rows);
    await observeLongTasks(page);
    const session = await pane.context.newCDPSession(page);
    const sampler = await ChromiumMemorySampler.start(session);
    // BENCH_ADDIN_PROFILE=<dir>: the pane's main thread profiled during each action (<dir>/verify.cpuprofile,
    // export.cpuprofile; open them in Chromium's performance panel). Profiling slows the pane: times then differ.
    const profileDir = process.env.BENCH_ADDIN_PROFILE;
    const profile = (name: string) =>
      profileDir ? { session, file: path.resolve(profileDir, `${name}.cpuprofile`) } : undefined;
    try {
      const baselineHeap = await sampler.paneHeapAfterGc();
      const baselineRss = sampler.processMemory();

      log('complément : Vérifier…');
      const verify = await measureAction(
        page,
        sampler,
        () => page.getByRole('button', { name: 'Vérifier', exact: true }).click(),
        profile('verify'),
      );

      log('complément : Exporter…');
      const downloads: Promise<number>[] = [];
      const onDownload = (download: Download): void => void downloads.push(downloadedBytes(download));
      page.on('download', onDownload);
      const exported = await measureAction(
        page,
        sampler,
        () => page.getByRole('button', { name: 'Exporter', exact: true }).click(),
        profile('export'),
      );
      // A split export waits for one click per file (FilesPanel); a single file downloaded by itself.
      const buttons = page.getByRole('button', { name: /^Enregistrer cdc-/ });
      const files = Math.max(downloads.length, await buttons.count());
      const downloadStart = process.hrtime.bigint();
      const clicked = downloads.length === 0 && files > 0;
      for (let i = 0; clicked && i < files; i++) {
        await Promise.all([
          page.waitForEvent('download', { timeout: ACTION_TIMEOUT_MS }),
          // A saved file's button reads « Enregistrer à nouveau … »: the first match is the next file to save.
          buttons.first().click(),
        ]);
      }
      const bytes = (await Promise.all(downloads)).reduce((a, b) => a + b, 0);
      const downloadMs = clicked ? Number(process.hrtime.bigint() - downloadStart) / 1e6 : 0;
      page.off('download', onDownload);

      const afterHeap = await sampler.paneHeapAfterGc();
      const workers = await sampler.workerHeaps();
      return {
        passages: rows,
        verify,
        export: { ...exported, files, bytes, downloadMs },
        baseline: { paneHeap: baselineHeap.used, ...renamed(baselineRss) },
        after: { paneHeap: afterHeap.used, workers },
      };
    } finally {
      sampler.stop();
    }
  } finally {
    if (pane.errors.length > 0)
      log(`complément : erreurs de la page : ${pane.errors.slice(0, 3).join(' | ')}`);
    await pane.context.close();
  }
}

function renamed(rss: { chromiumRss: number; rendererRss: number }) {
  return { rendererRss: rss.rendererRss, chromiumRss: rss.chromiumRss };
}

/** webpack, production mode, with the e2e stub, into `outDir`. */
export function buildBenchAddin(outDir: string = ADDIN_BENCH_DIST): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'),
      '--mode',
      'production',
      '--env',
      'e2e',
      '--env',
      `outDir=${path.relative(ROOT, outDir)}`,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`webpack a échoué :\n${result.stdout}\n${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(0)} Mio`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export interface AddinBenchResult {
  readonly lines: string[];
  /** bench/results/latest.json's `addin`. */
  readonly raw: Record<string, unknown>;
}

function workerFigures(memory: PhaseMemory) {
  const out: Record<
    string,
    { heapMaxMb: number; poolHeapMaxMb: number; backingMaxMb: number; seen: number }
  > = {};
  for (const kind of Object.keys(memory.workersSeen) as TargetKind[]) {
    out[kind] = {
      heapMaxMb: (memory.workerHeapMax[kind] ?? 0) / 2 ** 20,
      poolHeapMaxMb: (memory.workerHeapSumMax[kind] ?? 0) / 2 ** 20,
      backingMaxMb: (memory.workerBackingMax[kind] ?? 0) / 2 ** 20,
      seen: memory.workersSeen[kind] ?? 0,
    };
  }
  return out;
}

function actionRaw(a: AddinActionResult) {
  return {
    ms: a.ms,
    heading: a.heading,
    notice: a.notice,
    syncs: a.syncs,
    longestTaskMs: a.longestTaskMs,
    longTasks: a.longTasks,
    longTasksTotalMs: a.longTasksTotalMs,
    longestFrameScripts: a.longestFrameScripts,
    paneHeapMaxMb: a.memory.paneHeapMax / 2 ** 20,
    paneBackingMaxMb: a.memory.paneBackingMax / 2 ** 20,
    workers: workerFigures(a.memory),
    rendererRssMaxMb: a.memory.rendererRssMax / 2 ** 20,
    chromiumRssMaxMb: a.memory.chromiumRssMax / 2 ** 20,
    chromiumCpuMs: a.memory.chromiumCpuMs,
    samples: a.memory.samples,
    paneSampleMaxWaitMs: a.memory.paneSampleMaxWaitMs,
  };
}

/** The figures as latest.json keeps them (MiB, ms), and the lines of the README block. */
export function addinReport(m: AddinMeasure, extra: Record<string, unknown> = {}): AddinBenchResult {
  const maxOf = (kind: TargetKind, field: 'workerHeapMax' | 'workerHeapSumMax') =>
    Math.max(m.verify.memory[field][kind] ?? 0, m.export.memory[field][kind] ?? 0);
  const kinds = [
    ...new Set([...Object.keys(m.verify.memory.workersSeen), ...Object.keys(m.export.memory.workersSeen)]),
  ] as TargetKind[];
  const workerHeapMaxMb = Object.fromEntries(kinds.map((k) => [k, maxOf(k, 'workerHeapMax') / 2 ** 20]));
  const workerPoolHeapMaxMb = Object.fromEntries(
    kinds.map((k) => [k, maxOf(k, 'workerHeapSumMax') / 2 ** 20]),
  );
  const paneHeapMax = Math.max(m.verify.memory.paneHeapMax, m.export.memory.paneHeapMax);
  const raw = {
    passages: m.passages,
    ...extra,
    paneHeapMaxMb: paneHeapMax / 2 ** 20,
    workerHeapMaxMb,
    workerPoolHeapMaxMb,
    baseline: {
      paneHeapMb: m.baseline.paneHeap / 2 ** 20,
      rendererRssMb: m.baseline.rendererRss / 2 ** 20,
      chromiumRssMb: m.baseline.chromiumRss / 2 ** 20,
    },
    verify: actionRaw(m.verify),
    export: {
      ...actionRaw(m.export),
      files: m.export.files,
      bytes: m.export.bytes,
      downloadMs: m.export.downloadMs,
    },
    after: {
      paneHeapMb: m.after.paneHeap / 2 ** 20,
      workers: m.after.workers.map((w) => ({ kind: w.kind, heapMb: w.used / 2 ** 20 })),
    },
  };
  const n = m.passages.toLocaleString('fr-FR');
  const action = (name: string, a: AddinActionResult) =>
    `${name} ${s(a.ms)} (plus longue tâche du volet ${s(a.longestTaskMs)} ; tas du volet max ${mb(a.memory.paneHeapMax)}` +
    kinds
      .filter((k) => a.memory.workersSeen[k])
      .map(
        (k) =>
          `, worker ${k} max ${mb(a.memory.workerHeapMax[k])}` +
          ((a.memory.workersSeen[k] ?? 0) > 1
            ? ` (${a.memory.workersSeen[k]} workers, ${mb(a.memory.workerHeapSumMax[k])} ensemble)`
            : ''),
      )
      .join('') +
    `, processus de rendu max ${mb(a.memory.rendererRssMax)}, Chromium en tout ${mb(a.memory.chromiumRssMax)})`;
  const lines = [
    `Complément dans Chromium headless, ${n} passages (faux Excel dans la page ; tas JS par \`Runtime.getHeapUsage\`, hors mémoire wasm ; RSS des processus) : ` +
      `tas du volet au départ ${mb(m.baseline.paneHeap)} (dont le faux classeur ; pendant une longue tâche le volet ne répond pas : son pic est un minimum) ; ` +
      `${action('Vérifier', m.verify)} ; ` +
      `${action('Exporter', m.export)}, ${m.export.files} fichier(s) de ${(m.export.bytes / 1e6).toFixed(1)} Mo` +
      (m.export.downloadMs > 0 ? `, téléchargés en ${s(m.export.downloadMs)}` : '') +
      ` ; tas du volet après l’export ${mb(m.after.paneHeap)}.`,
  ];
  return { lines, raw };
}

/**
 * The add-in part of `npm run bench`: builds the pane, serves it on localhost, launches Chromium, measures, closes.
 * Without Chromium (or if it cannot start), says so and measures nothing: the rest of the bench goes on.
 */
export async function runAddinBench(
  rows: number,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<AddinBenchResult> {
  if (!existsSync(CHROMIUM)) {
    const reason = `Chromium absent (${CHROMIUM}) : partie complément non mesurée.`;
    return { lines: [reason], raw: { passages: rows, skipped: reason } };
  }
  log('complément : construction du volet (webpack, production)…');
  const buildMs = buildBenchAddin();
  const server = await serveDirectory(ADDIN_BENCH_DIST);
  let browser: Browser | undefined;
  try {
    try {
      browser = await launchChromium();
    } catch (error) {
      const reason = `Chromium n'a pas démarré (${error instanceof Error ? error.message.split('\n')[0] : String(error)}) : partie complément non mesurée.`;
      return { lines: [reason], raw: { passages: rows, skipped: reason } };
    }
    const measured = await measureAddin(browser, server.origin, ADDIN_BENCH_DIST, rows, log);
    return addinReport(measured, { chromium: browser.version(), buildMs });
  } finally {
    await browser?.close();
    await server.close();
  }
}
