import { strings } from '../i18n/pane';
import type { CheckController } from './check-controller';
import { describeError, type TaskRunner } from './task-runner';

/** « Nouveau modèle », the first run in a workbook, and upgrading an older template. */
export class TemplateController {
  constructor(
    private readonly runner: TaskRunner,
    private readonly checks: CheckController,
  ) {}

  async create(addMissing = false): Promise<void> {
    await this.runner.task(async () => {
      const outcome = await this.runner.services.workbook.createTemplate({ addMissing });
      if (outcome.status === 'created')
        this.runner.set({
          welcome: false,
          notice: { intent: 'success', text: strings.templateCreated(outcome.created) },
        });
      else {
        this.runner.set({
          notice: {
            intent: outcome.missing.length > 0 ? 'warning' : 'info',
            text: strings.templateExists(outcome.existing, outcome.missing),
            offerAddMissing: outcome.missing.length > 0,
          },
        });
      }
    });
  }

  /**
   * When the pane opens: a workbook without the template gets the three steps; one with data goes
   * straight to the check summary; an older template is offered an upgrade.
   */
  async start(): Promise<void> {
    // Queued: a ribbon command that arrives meanwhile waits for the first check instead of being dropped.
    await this.runner.enqueue(undefined, () => this.firstRun());
  }

  private async firstRun(): Promise<void> {
    let inspection;
    try {
      inspection = await this.runner.services.workbook.inspectTemplate();
    } catch (error) {
      this.runner.set({ notice: { intent: 'error', text: strings.unexpectedError(describeError(error)) } });
      return;
    }
    if (!inspection.template) {
      this.runner.set({ welcome: true });
      return;
    }
    if (inspection.hasData) await this.checks.check();
    const { plan } = inspection;
    // A failed check says so first; the upgrade offer can wait for the next opening.
    if (this.runner.getState().notice?.intent === 'error' || this.runner.getState().notice?.offerAddMissing)
      return;
    if (plan.status === 'upgrade')
      this.runner.set({
        notice: { intent: 'warning', text: strings.templateOutdated(plan.found.text), offerUpgrade: true },
      });
    else if (plan.status === 'refused')
      this.runner.set({
        notice: { intent: 'warning', text: strings.upgradeRefused(plan.refusals.map((r) => r.message)) },
      });
  }

  async upgrade(): Promise<void> {
    await this.runner.task(async () => {
      const outcome = await this.runner.services.workbook.upgradeTemplate();
      if (outcome.status === 'upgraded')
        this.runner.set({ notice: { intent: 'success', text: strings.templateUpgraded(outcome.changes) } });
      else if (outcome.status === 'current')
        this.runner.set({ notice: { intent: 'info', text: strings.templateCurrent } });
      else if (outcome.status === 'refused')
        this.runner.set({ notice: { intent: 'error', text: strings.upgradeRefused(outcome.reasons) } });
      else this.runner.set({ welcome: true });
    });
  }
}
