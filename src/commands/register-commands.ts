import type { AddinControllers } from '../controllers/addin-controller';
import { associateCommand } from '../office/ribbon';

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
  associateCommand(COMMAND_IDS.newTemplate, async () => {
    await template.create();
    await showPane();
  });
  associateCommand(COMMAND_IDS.check, async () => {
    await showPane();
    await checks.check();
  });
  // The confirmation (how many cells will be written) is asked in the pane.
  associateCommand(COMMAND_IDS.generateIds, async () => {
    await showPane();
    await roundTrip.generateIds();
  });
  associateCommand(COMMAND_IDS.exportXml, () => exports.exportXml());
}
