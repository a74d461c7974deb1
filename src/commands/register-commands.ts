import type { AddinControllers } from '../controllers/addin-controller';
import { strings } from '../i18n/pane';
import type { RibbonHost } from '../office/ribbon';

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

/**
 * Every command shows the pane as it starts (the runtime may run with the pane hidden), then waits its turn behind
 * the task in progress (the first automatic check, another command) instead of being dropped, and leaves its
 * outcome, errors included, in the pane.
 */
export function registerCommands(
  controllers: Pick<AddinControllers, 'runner' | 'template' | 'checks' | 'roundTrip' | 'exports'>,
  ribbon: RibbonHost,
): void {
  // Not `exports`: CommonJS (jest) would read it as the module's own exports object.
  const { runner, template, checks, roundTrip, exports: exporter } = controllers;
  const command = (id: string, label: string, action: () => Promise<void>): void =>
    ribbon.associate(id, async () => {
      ribbon.showPane();
      await runner.enqueue(label, action);
    });
  command(COMMAND_IDS.newTemplate, strings.newTemplate, () => template.create());
  command(COMMAND_IDS.check, strings.check, () => checks.check());
  // The confirmation (how many cells will be written) is asked in the pane.
  command(COMMAND_IDS.generateIds, strings.generateIds, () => roundTrip.generateIds());
  command(COMMAND_IDS.exportXml, strings.exportXml, () => exporter.exportXml());
}
