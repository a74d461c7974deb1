import { CheckController } from './check-controller';
import { ExportController } from './export-controller';
import { ImportController } from './import-controller';
import type { AddinServices } from './pane-state';
import { RoundTripController } from './round-trip-controller';
import { TaskRunner } from './task-runner';
import { TemplateController } from './template-controller';

/**
 * What the ribbon buttons and the task pane do, without React and without Office: one controller per feature on a
 * shared task runner. Both surfaces share one instance (shared runtime), so a check started from the ribbon shows
 * in the pane. Components receive only the controller they use.
 */
export class AddinControllers {
  readonly runner: TaskRunner;
  readonly template: TemplateController;
  readonly checks: CheckController;
  readonly exports: ExportController;
  readonly roundTrip: RoundTripController;
  readonly imports: ImportController;

  constructor(services: AddinServices) {
    this.runner = new TaskRunner(services);
    this.checks = new CheckController(this.runner);
    this.template = new TemplateController(this.runner, this.checks);
    this.exports = new ExportController(this.runner);
    this.roundTrip = new RoundTripController(this.runner, this.checks);
    this.imports = new ImportController(this.runner, this.checks);
  }
}

export type * from './pane-state';
