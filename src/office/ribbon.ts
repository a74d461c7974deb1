/// <reference types="office-js" />

/**
 * Ribbon function commands (manifest <FunctionName>): Office runs the handler, then waits for completed() before
 * running another command (and shows a spinner until then), so completed() is called whatever happens.
 */
export function associateCommand(id: string, action: () => Promise<void>): void {
  Office.actions.associate(id, async (event: Office.AddinCommands.Event) => {
    try {
      await action();
    } finally {
      event.completed();
    }
  });
}
