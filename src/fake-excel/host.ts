/**
 * The Office side of ribbon commands in a shared runtime, for tests: `Office.actions.associate`, the ribbon clicks
 * Office dispatches to it, and the task pane's visibility with `Office.addin.showAsTaskpane`.
 *
 * Sources (docs `develop/create-addin-commands.md`, `develop/show-hide-add-in.md` 2026-03-16,
 * `develop/configure-your-add-in-to-use-a-shared-runtime.md`):
 * - "When a function is called multiple times, such as multiple clicks on the same add-in command, all events are
 *   automatically queued … When your function calls `event.completed`, the next queued call to that function
 *   runs": clicks queue per function; different functions run side by side (inferred, « à confirmer »).
 * - A command that has not called `completed()` after 5 minutes is ended ("UI-less Add-in command timed out",
 *   office-js #1452, #5559): `click()` rejects then.
 * - With a shared runtime started by a ribbon click the runtime runs with the task pane hidden; `hide()` and
 *   `showAsTaskpane()` "only change the visibility of the task pane"; visibility changes raise
 *   `onVisibilityModeChanged`.
 * - `showAsTaskpane()`: "As of February 23rd, 2026 … Calls to `showAsTaskpane` are ignored" for add-ins from the
 *   Marketplace (what the promise then does is « à confirmer »: 'ignored' resolves, 'never' never settles); it can
 *   also fail (office-js #1809, SetAppRuntimeState error): 'rejects'.
 */

export type ShowTaskpaneMode = 'shows' | 'ignored' | 'rejects' | 'never';

export interface FakeHostOptions {
  readonly showAsTaskpane?: ShowTaskpaneMode;
  /** The pane is open when the runtime starts (the user opened it), or hidden (a ribbon click started it). */
  readonly paneVisible?: boolean;
}

type CommandHandler = (event: { completed(): void }) => unknown;
type VisibilityHandler = (args: { visibilityMode: 'Taskpane' | 'Hidden' }) => void;

/** Office ends a command that has not called completed() after 5 minutes (office-js #1452). */
export const COMMAND_TIMEOUT_MS = 5 * 60 * 1000;

export class FakeHost {
  paneVisible: boolean;
  mode: ShowTaskpaneMode;
  /** Calls to Office.addin.showAsTaskpane, whatever they did. */
  showCalls = 0;
  /** Commands that completed, in order. */
  readonly completed: string[] = [];
  private readonly handlers = new Map<string, CommandHandler>();
  /** Per function: the end of its last click, so the next one waits (Office's queue). */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly visibilityHandlers = new Set<VisibilityHandler>();

  constructor(options: FakeHostOptions = {}) {
    this.mode = options.showAsTaskpane ?? 'shows';
    this.paneVisible = options.paneVisible ?? false;
  }

  /** The parts of the `Office` global that ribbon code uses. */
  readonly office = {
    actions: {
      associate: (id: string, handler: CommandHandler): void => {
        this.handlers.set(id, handler);
      },
    },
    addin: {
      showAsTaskpane: (): Promise<void> => {
        this.showCalls++;
        switch (this.mode) {
          case 'shows':
            this.setVisible(true);
            return Promise.resolve();
          case 'ignored':
            return Promise.resolve();
          case 'rejects':
            return Promise.reject(
              Object.assign(new Error('SetAppRuntimeState error'), { code: 'GenericException' }),
            );
          case 'never':
            return new Promise<void>(() => undefined);
        }
      },
      hide: (): Promise<void> => {
        this.setVisible(false);
        return Promise.resolve();
      },
      onVisibilityModeChanged: (handler: VisibilityHandler): Promise<() => Promise<void>> => {
        this.visibilityHandlers.add(handler);
        return Promise.resolve(async () => void this.visibilityHandlers.delete(handler));
      },
    },
  };

  /** The user clicks « Volet » (ShowTaskpane action): the pane shows whatever showAsTaskpane does. */
  openPane(): void {
    this.setVisible(true);
  }

  closePane(): void {
    this.setVisible(false);
  }

  private setVisible(visible: boolean): void {
    if (this.paneVisible === visible) return;
    this.paneVisible = visible;
    for (const handler of this.visibilityHandlers)
      handler({ visibilityMode: visible ? 'Taskpane' : 'Hidden' });
  }

  /**
   * A click on the ribbon button of function `id`: runs after the previous click of the same function completed,
   * resolves when the handler calls `completed()`, rejects after 5 minutes without it.
   */
  click(id: string): Promise<void> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.dispatch(id));
    this.queues.set(id, run);
    return run;
  }

  private dispatch(id: string): Promise<void> {
    const handler = this.handlers.get(id);
    if (!handler) return Promise.reject(new Error(`No function ${id} associated`));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`UI-less Add-in command timed out (${id}): completed() was not called.`)),
        COMMAND_TIMEOUT_MS,
      );
      (timer as { unref?: () => void }).unref?.();
      let done = false;
      try {
        void handler({
          completed: () => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            this.completed.push(id);
            resolve();
          },
        });
      } catch (error) {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}
