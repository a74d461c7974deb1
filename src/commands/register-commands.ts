/// <reference types="office-js" />
import type { AddinControllers } from '../controllers/addin-controller';

/**
 * Ribbon function commands. With the shared runtime (manifest <Runtimes>), they run in the task
 * pane's page and drive the same controller as the pane, so results show there.
 * Ids match the <FunctionName> elements of manifest.xml.
 */
export const COMMAND_IDS = {
  newTemplate: 'newTemplate',
  check: 'checkWorkbook',
  exportXml: 'exportXml',
  generateIds: 'generateIds',
} as const;

export function registerCommands(
  controllers: Pick<AddinControllers, 'template' | 'checks' | 'roundTrip' | 'exports'>,
  showPane: () => Promise<void>,
): void {
  const { template, checks, roundTrip, exports } = controllers;
  const command = (action: () => Promise<void>) => async (event: Office.AddinCommands.Event) => {
    try {
      await action();
    } finally {
      // Office waits for completed() before running another command (and shows a spinner until then).
      event.completed();
    }
  };
  Office.actions.associate(
    COMMAND_IDS.newTemplate,
    command(async () => {
      await template.create();
      await showPane();
    }),
  );
  Office.actions.associate(
    COMMAND_IDS.check,
    command(async () => {
      await showPane();
      await checks.check();
    }),
  );
  // The confirmation (how many cells will be written) is asked in the pane.
  Office.actions.associate(
    COMMAND_IDS.generateIds,
    command(async () => {
      await showPane();
      await roundTrip.generateIds();
    }),
  );
  Office.actions.associate(
    COMMAND_IDS.exportXml,
    command(() => exports.exportXml()),
  );
}
