import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/**
 * Memory of the add-in in Chromium while it works, sampled every `intervalMs` (100 ms by default):
 *
 * - **JS heaps**, per V8 isolate, from the DevTools protocol's `Runtime.getHeapUsage`: the pane's (its page's CDP
 *   session) and each Web Worker's (core worker, XSD workers), reached by `Target.setAutoAttach` on the page's
 *   session. `usedSize` is the live V8 heap (objects, strings, arrays — a 200 MB XML string counts here, once per
 *   isolate holding it); `backingStorageSize` is what V8 accounts outside that heap for ArrayBuffers (typed arrays,
 *   transferred buffers) and external strings. Neither includes WebAssembly linear memory: checked with Chromium 156,
 *   a 100 MiB `WebAssembly.Memory` moves neither figure, while a 100 MB ArrayBuffer moves `backingStorageSize`. So
 *   libxml2's wasm heap in the XSD workers shows only in the renderer's RSS below. A worker's heap is its own
 *   isolate; memory of a Blob (the « downloaded » file) lives in the browser process's blob store, not in any heap.
 *   The protocol answers a worker's request while its JavaScript runs (V8 interrupts it), but not the pane's:
 *   during a long task of the pane's main thread its answer waits for the task's end (measured: up to 2 s at
 *   100 000 rows, `paneSampleMaxWaitMs`), so the pane's peak is a lower bound: what a long task allocates and
 *   frees before it ends is not seen. And a sample is a sample: a peak shorter than the interval can be missed.
 * - **Process memory**, from Linux's /proc: resident set size (RSS) of every Chromium process this Node process
 *   started (browser, renderers, GPU, utilities), their sum, and the largest renderer (the pane and its workers
 *   share one renderer process: its RSS includes the wasm heaps and ArrayBuffers). The sum counts pages shared
 *   between processes (libraries, shared memory) once per process: an upper bound. CPU time (user + system) of
 *   the same processes, as a total.
 *
 * Non-flattened sessions (`flatten: false`, messages through `Target.sendMessageToTarget`) because Playwright's
 * CDPSession sends on its own session only; Chromium 156 still serves them.
 */

export type TargetKind = 'pane' | 'core' | 'xsd' | 'other';

/** Peaks over one phase (Vérifier, Exporter…), in bytes unless said otherwise. */
export interface PhaseMemory {
  readonly paneHeapMax: number;
  readonly paneBackingMax: number;
  /** Per worker kind: the largest heap one worker of that kind reached. */
  readonly workerHeapMax: Partial<Record<TargetKind, number>>;
  /** Per worker kind: the largest sum over the workers of that kind alive at one sample (the XSD pool's total). */
  readonly workerHeapSumMax: Partial<Record<TargetKind, number>>;
  readonly workerBackingMax: Partial<Record<TargetKind, number>>;
  /** Workers of each kind seen during the phase. */
  readonly workersSeen: Partial<Record<TargetKind, number>>;
  readonly rendererRssMax: number;
  readonly chromiumRssMax: number;
  /** CPU time of the Chromium processes during the phase (ms, every process and thread). */
  readonly chromiumCpuMs: number;
  readonly samples: number;
  /** The longest wait for an answer from the pane's isolate (ms): how stale a pane sample could be. */
  readonly paneSampleMaxWaitMs: number;
}

interface Target {
  readonly kind: TargetKind;
  readonly sessionId?: string;
  inFlight: boolean;
  used: number;
  backing: number;
  alive: boolean;
}

interface HeapUsage {
  readonly usedSize: number;
  readonly totalSize: number;
  readonly backingStorageSize?: number;
}

/** A worker's kind from its script URL or its name (src/workers/create-*-worker.js name them "core" and "xsd"). */
export function workerKind(url: string, title = ''): TargetKind {
  const file = url.split('/').pop() ?? '';
  for (const kind of ['core', 'xsd'] as const) {
    if (file.startsWith(`${kind}.`) || title === kind) return kind;
  }
  return 'other';
}

const PAGE_BYTES = 4096;

/** Chromium's processes: the descendants of this Node process (Playwright launches the browser as our child). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while we listed it.
    }
  }
  const found: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop() as number) ?? []) {
      found.push(child);
      stack.push(child);
    }
  }
  return found;
}

interface ProcessSample {
  readonly rss: number;
  readonly cpuTicks: number;
  readonly renderer: boolean;
}

function readProcess(pid: number): ProcessSample | undefined {
  try {
    const rss = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the command name.
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    const renderer = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    return { rss, cpuTicks, renderer };
  } catch {
    return undefined;
  }
}

/** Linux's clock ticks per second (USER_HZ), 100 on every usual kernel. */
const TICKS_PER_SECOND = 100;

export class ChromiumMemorySampler {
  private readonly targets = new Map<string, Target>();
  private readonly pending = new Map<number, (reply: { result?: HeapUsage }) => void>();
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private pids: number[] = [];
  private lastTreeScan = 0;
  private cpuTicks = new Map<number, number>();
  private phase: {
    paneHeapMax: number;
    paneBackingMax: number;
    workerHeapMax: Partial<Record<TargetKind, number>>;
    workerHeapSumMax: Partial<Record<TargetKind, number>>;
    workerBackingMax: Partial<Record<TargetKind, number>>;
    seen: Map<string, TargetKind>;
    rendererRssMax: number;
    chromiumRssMax: number;
    cpuTicksAtStart: number;
    samples: number;
    paneSampleMaxWaitMs: number;
  } = ChromiumMemorySampler.emptyPhase(0);

  private constructor(
    private readonly session: CDPSession,
    private readonly intervalMs: number,
  ) {}

  private static emptyPhase(cpuTicksAtStart: number) {
    return {
      paneHeapMax: 0,
      paneBackingMax: 0,
      workerHeapMax: {},
      workerHeapSumMax: {},
      workerBackingMax: {},
      seen: new Map<string, TargetKind>(),
      rendererRssMax: 0,
      chromiumRssMax: 0,
      cpuTicksAtStart,
      samples: 0,
      paneSampleMaxWaitMs: 0,
    };
  }

  /** Starts sampling the page of `session` (from `context.newCDPSession(page)`) and the workers it starts. */
  static async start(session: CDPSession, intervalMs = 100): Promise<ChromiumMemorySampler> {
    const sampler = new ChromiumMemorySampler(session, intervalMs);
    sampler.targets.set('pane', { kind: 'pane', inFlight: false, used: 0, backing: 0, alive: true });
    session.on('Target.attachedToTarget', (event) => {
      const info = event.targetInfo;
      if (info.type !== 'worker') return;
      sampler.targets.set(event.sessionId, {
        kind: workerKind(info.url, info.title),
        sessionId: event.sessionId,
        inFlight: false,
        used: 0,
        backing: 0,
        alive: true,
      });
      // At once: a core worker of a small check may be gone before the next tick.
      sampler.sampleTarget(event.sessionId);
    });
    session.on('Target.detachedFromTarget', (event) => {
      const target = sampler.targets.get(event.sessionId);
      if (target) target.alive = false;
      sampler.targets.delete(event.sessionId);
    });
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
      const resolve = message.id === undefined ? undefined : sampler.pending.get(message.id);
      if (!resolve || message.id === undefined) return;
      sampler.pending.delete(message.id);
      resolve(message);
    });
    await session.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    sampler.timer = setInterval(() => sampler.tick(), intervalMs);
    return sampler;
  }

  /** Begins a new phase: the peaks from now on are its own. */
  beginPhase(): void {
    this.phase = ChromiumMemorySampler.emptyPhase(this.totalCpuTicks());
    this.tick();
  }

  /** The peaks since `beginPhase`. */
  endPhase(): PhaseMemory {
    this.tick();
    const p = this.phase;
    const workersSeen: Partial<Record<TargetKind, number>> = {};
    for (const kind of p.seen.values()) workersSeen[kind] = (workersSeen[kind] ?? 0) + 1;
    return {
      paneHeapMax: p.paneHeapMax,
      paneBackingMax: p.paneBackingMax,
      workerHeapMax: { ...p.workerHeapMax },
      workerHeapSumMax: { ...p.workerHeapSumMax },
      workerBackingMax: { ...p.workerBackingMax },
      workersSeen,
      rendererRssMax: p.rendererRssMax,
      chromiumRssMax: p.chromiumRssMax,
      chromiumCpuMs: ((this.totalCpuTicks() - p.cpuTicksAtStart) * 1000) / TICKS_PER_SECOND,
      samples: p.samples,
      paneSampleMaxWaitMs: p.paneSampleMaxWaitMs,
    };
  }

  /** The pane's heap after a full garbage collection: what it keeps, not what it was about to free. */
  async paneHeapAfterGc(): Promise<{ used: number; backing: number }> {
    await this.session.send('HeapProfiler.collectGarbage');
    const usage = (await this.session.send('Runtime.getHeapUsage')) as HeapUsage;
    return { used: usage.usedSize, backing: usage.backingStorageSize ?? 0 };
  }

  /** Current heap of each live worker (no garbage collection: a worker's GC cannot be asked for from here). */
  async workerHeaps(): Promise<{ kind: TargetKind; used: number }[]> {
    const workers = [...this.targets.values()].filter((t) => t.sessionId !== undefined && t.alive);
    const replies = await Promise.all(
      workers.map((t) => this.workerRequest(t.sessionId as string, 'Runtime.getHeapUsage')),
    );
    return workers.map((t, i) => ({ kind: t.kind, used: replies[i]?.usedSize ?? 0 }));
  }

  /** Current RSS of Chromium's processes (bytes): the sum, and the largest renderer. */
  processMemory(): { chromiumRss: number; rendererRss: number } {
    this.scanTree(true);
    let chromiumRss = 0;
    let rendererRss = 0;
    for (const pid of this.pids) {
      const p = readProcess(pid);
      if (!p) continue;
      chromiumRss += p.rss;
      if (p.renderer) rendererRss = Math.max(rendererRss, p.rss);
    }
    return { chromiumRss, rendererRss };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const resolve of this.pending.values()) resolve({});
    this.pending.clear();
  }

  private scanTree(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastTreeScan < 1000) return;
    this.lastTreeScan = now;
    this.pids = descendants(process.pid);
  }

  private totalCpuTicks(): number {
    this.scanTree();
    for (const pid of this.pids) {
      const p = readProcess(pid);
      if (p) this.cpuTicks.set(pid, p.cpuTicks);
    }
    // Processes that ended keep the CPU they had used when last seen.
    let total = 0;
    for (const ticks of this.cpuTicks.values()) total += ticks;
    return total;
  }

  private tick(): void {
    const p = this.phase;
    p.samples++;
    this.scanTree();
    let chromiumRss = 0;
    for (const pid of this.pids) {
      const proc = readProcess(pid);
      if (!proc) continue;
      chromiumRss += proc.rss;
      if (proc.renderer) p.rendererRssMax = Math.max(p.rendererRssMax, proc.rss);
    }
    p.chromiumRssMax = Math.max(p.chromiumRssMax, chromiumRss);
    const sums: Partial<Record<TargetKind, number>> = {};
    for (const [key, target] of this.targets) {
      if (target.kind !== 'pane') {
        sums[target.kind] = (sums[target.kind] ?? 0) + target.used;
        p.seen.set(key, target.kind);
      }
      this.sampleTarget(key);
    }
    for (const [kind, sum] of Object.entries(sums) as [TargetKind, number][]) {
      p.workerHeapSumMax[kind] = Math.max(p.workerHeapSumMax[kind] ?? 0, sum);
    }
  }

  private sampleTarget(key: string): void {
    const target = this.targets.get(key);
    if (!target || target.inFlight || !target.alive) return;
    target.inFlight = true;
    const asked = Date.now();
    const reply: Promise<HeapUsage | undefined> =
      target.sessionId === undefined
        ? (this.session.send('Runtime.getHeapUsage') as Promise<HeapUsage>).catch(() => undefined)
        : this.workerRequest(target.sessionId, 'Runtime.getHeapUsage');
    void reply.then((usage) => {
      target.inFlight = false;
      if (!usage) return;
      target.used = usage.usedSize;
      target.backing = usage.backingStorageSize ?? 0;
      const p = this.phase;
      if (target.kind === 'pane') {
        p.paneHeapMax = Math.max(p.paneHeapMax, target.used);
        p.paneBackingMax = Math.max(p.paneBackingMax, target.backing);
        p.paneSampleMaxWaitMs = Math.max(p.paneSampleMaxWaitMs, Date.now() - asked);
        return;
      }
      p.seen.set(key, target.kind);
      p.workerHeapMax[target.kind] = Math.max(p.workerHeapMax[target.kind] ?? 0, target.used);
      p.workerBackingMax[target.kind] = Math.max(p.workerBackingMax[target.kind] ?? 0, target.backing);
    });
  }

  private workerRequest(sessionId: string, method: string): Promise<HeapUsage | undefined> {
    const id = this.nextId++;
    return new Promise<{ result?: HeapUsage }>((resolve) => {
      this.pending.set(id, resolve);
      this.session
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(() => {
          // The worker ended (its session detached) before the question reached it.
          this.pending.delete(id);
          resolve({});
        });
    }).then((m) => m.result);
  }
}
