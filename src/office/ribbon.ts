/// <reference types="office-js" />

/** The parts of the `Office` global that ribbon commands use (the fake host in tests). */
export interface OfficeCommandsHost {
  readonly actions: {
    associate(id: string, handler: (event: { completed(): void }) => unknown): void;
  };
  readonly addin?: { showAsTaskpane?(): Promise<void> };
}

export interface RibbonHost {
  /** Runs `action` on each click of the function command `id` (manifest <FunctionName>). */
  associate(id: string, action: () => Promise<void>): void;
  /** Asks Office to show the task pane, without waiting for it. */
  showPane(): void;
}

/**
 * Office ends a command that has not called completed() within 5 minutes ("UI-less Add-in command timed out",
 * office-js #1452, #5559): we complete a little before; the action goes on in the shared runtime (lifetime
 * "long") and its outcome shows in the pane.
 */
export const COMPLETE_WITHIN_MS = 4.5 * 60 * 1000;

/**
 * Ribbon function commands. Office shows a spinner and queues further clicks of the same command until the
 * handler calls `event.completed()` (docs `develop/create-addin-commands.md`), so it is called whatever happens,
 * and errors never reach Office (which shows nothing of them): the controllers put them in the pane.
 *
 * `showAsTaskpane()` is never waited for: since 23 February 2026 it is ignored for add-ins published in the
 * Marketplace (docs `develop/show-hide-add-in.md`), it can fail (#1809) and repeated calls can stop the buttons
 * on the web (#3224). Whatever it does, the action runs, and its outcome waits in the pane.
 */
export function ribbonHost(
  office: OfficeCommandsHost = Office,
  completeWithinMs = COMPLETE_WITHIN_MS,
): RibbonHost {
  return {
    associate: (id, action) =>
      office.actions.associate(id, (event) => {
        let done = false;
        const complete = (): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          event.completed();
        };
        const timer = setTimeout(complete, completeWithinMs);
        return action()
          .catch(() => undefined)
          .finally(complete);
      }),
    showPane: () => {
      try {
        void office.addin?.showAsTaskpane?.().catch(() => undefined);
      } catch {
        // A host without SharedRuntime 1.1: the user opens the pane with « Volet ».
      }
    },
  };
}
