import { buildTemplateLayout } from '../core/template/layout';
import type { WorkbookData } from '../core/model/types';
import { strings } from '../i18n/pane';
import type { CheckController } from './check-controller';
import { nextStep } from './next-step';
import type { PaneState } from './pane-state';
import { describeError, type TaskRunner } from './task-runner';

/** What the pane knows of a workbook it has not checked: its empty parameters, whether it has passages. */
function setupOf(data: WorkbookData): NonNullable<PaneState['setup']> {
  const emptyParameters = Object.values(data.parameters.cells)
    .filter(({ value }) => value === null || value === undefined || String(value).trim() === '')
    .map(({ address }) => address);
  return { emptyParameters, hasPassages: data.passages.rows.length > 0, passagesSheet: data.passages.name };
}

/**
 * « Créer le modèle », the first run in a workbook, upgrading an older template, and the first steps of the path
 * (« Remplir les paramètres », « Saisir les passages »), which select the cells to fill.
 */
export class TemplateController {
  constructor(
    private readonly runner: TaskRunner,
    private readonly checks: CheckController,
  ) {}

  async create(addMissing = false): Promise<void> {
    await this.runner.task(
      async () => {
        const outcome = await this.runner.services.workbook.createTemplate({ addMissing });
        if (outcome.status === 'created') {
          // A new template: every parameter is empty and there is no passage yet (sheets already there are kept).
          const layout = buildTemplateLayout(this.runner.services.dictionary);
          const fresh = outcome.created.includes(layout.parameters.name);
          this.runner.set({
            welcome: false,
            ...(fresh && !this.runner.getState().check
              ? {
                  setup: {
                    emptyParameters: layout.parameters.cells.map((c) => c.cell),
                    hasPassages: !outcome.created.includes(layout.passages.name),
                  },
                }
              : {}),
            notice: { intent: 'success', text: strings.templateCreated(outcome.created) },
          });
        } else {
          this.runner.set({
            notice: {
              intent: outcome.missing.length > 0 ? 'warning' : 'info',
              text: strings.templateExists(outcome.existing, outcome.missing),
              offerAddMissing: outcome.missing.length > 0,
            },
          });
        }
      },
      { label: strings.creatingTemplate },
    );
  }

  /**
   * When the pane opens: a workbook without the template gets the steps; one with data goes straight to the
   * check; a template without data gets its next step (its parameters, its passages); an older template is
   * offered an upgrade.
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
    else
      await this.runner.task(async (signal) => {
        this.runner.set({ setup: setupOf(await this.runner.readData(signal)) });
      });
    const { plan } = inspection;
    // A failed check says so first; the upgrade offer can wait for the next opening.
    if (this.runner.getState().notice?.intent === 'error' || this.runner.getState().notice?.offerAddMissing)
      return;
    if (plan.status === 'upgrade')
      this.runner.set({
        notice: { intent: 'warning', text: strings.templateOutdated, offerUpgrade: true },
      });
    else if (plan.status === 'refused')
      this.runner.set({
        notice: { intent: 'warning', text: strings.upgradeRefused(plan.refusals.map((r) => r.message)) },
      });
  }

  /** « Remplir les paramètres »: selects the empty parameter cells; the next step is then the passages. */
  async fillParameters(): Promise<void> {
    await this.goToStepTarget('fillParameters', { parametersShown: true });
  }

  /** « Saisir les passages »: selects the first row of the passages sheet. */
  async enterPassages(): Promise<void> {
    await this.goToStepTarget('enterPassages', { passagesShown: true });
  }

  private async goToStepTarget(
    kind: 'fillParameters' | 'enterPassages',
    shown: { parametersShown?: boolean; passagesShown?: boolean },
  ): Promise<void> {
    const step = nextStep(this.runner.getState());
    if (step.kind !== kind || !step.target) return;
    const { sheet, range } = step.target;
    // The message of the previous action (« Modèle créé ») is history now: the status says what to do.
    this.runner.set({ notice: undefined });
    if (await this.checks.select(sheet, range)) this.runner.set(shown);
    this.runner.resultShown();
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
