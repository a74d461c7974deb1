import { validateXml } from '../../src/workers/node/validate-xml';
import { FakeExcel, FakeHost, type ShowTaskpaneMode } from '../../src/fake-excel';
import { AddinControllers, type AddinServices } from '../../src/controllers/addin-controller';
import { registerCommands, COMMAND_IDS } from '../../src/commands/register-commands';
import { ribbonHost } from '../../src/office/ribbon';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { DICTIONARY } from '../support/dictionary';

/**
 * Ribbon commands in the shared runtime, against the fake Office host (src/fake-excel/host.ts): the pane may be
 * hidden, showAsTaskpane may be ignored, fail or never answer, and a click may arrive while another task runs.
 */

const NOW = new Date('2026-03-02T09:30:00Z');

function setUp(mode: ShowTaskpaneMode, paneVisible = false) {
  const excel = new FakeExcel();
  const host = new FakeHost({ showAsTaskpane: mode, paneVisible });
  const saved: string[] = [];
  const services: AddinServices = {
    dictionary: DICTIONARY,
    workbook: createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true }),
    validateXml,
    saveXml: async (fileName) => {
      saved.push(fileName);
      return 'downloaded';
    },
    now: () => NOW,
  };
  const controllers = new AddinControllers(services);
  registerCommands(controllers, ribbonHost(host.office));
  return { excel, host, controllers, saved };
}

async function withTemplate(
  controllers: AddinControllers,
  excel: FakeExcel,
  change?: Parameters<typeof fillPassages>[2],
) {
  await controllers.template.create();
  fillParameters(excel.model);
  fillPassages(excel.model, 3, change, NOW);
}

/** The click, or "timed out" when the command has not completed within `ms` (the test's own patience). */
async function clickWithin(host: FakeHost, id: string, ms = 5000): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const patience = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms)));
  try {
    return await Promise.race([host.click(id).then(() => 'completed'), patience]);
  } finally {
    clearTimeout(timer);
  }
}

describe('ribbon commands with the pane closed (shared runtime)', () => {
  it.each(['rejects', 'never', 'ignored'] as const)(
    'run their action when showAsTaskpane %s',
    async (mode) => {
      const { excel, host, controllers } = setUp(mode);
      await withTemplate(controllers, excel, (i, v) => i === 2 && (v['8.1'] = ''));
      expect(await clickWithin(host, COMMAND_IDS.check)).toBe('completed');
      expect(controllers.runner.getState().check?.summary.errors).toBe(1);
      expect(host.showCalls).toBe(1);
    },
  );

  it('Exporter opens the pane when it starts, before it reads the workbook (issue 13)', async () => {
    const { excel, host, controllers, saved } = setUp('shows');
    await withTemplate(controllers, excel);
    const syncsAtShow: number[] = [];
    const show = host.office.addin.showAsTaskpane;
    host.office.addin.showAsTaskpane = () => {
      syncsAtShow.push(excel.stats.syncs);
      return show();
    };
    excel.stats.reset();
    expect(await clickWithin(host, COMMAND_IDS.exportXml)).toBe('completed');
    expect(saved).toHaveLength(1);
    expect(syncsAtShow).toEqual([0]);
    expect(host.paneVisible).toBe(true);
    expect(controllers.runner.getState().notice?.intent).toBe('success');
  });

  it('a command that arrives while the first automatic check runs waits its turn, and says so', async () => {
    const { excel, host, controllers, saved } = setUp('shows');
    await withTemplate(controllers, excel);
    const notices: string[] = [];
    controllers.runner.subscribe((state) => state.notice && notices.push(state.notice.text));
    // The pane opens (the runtime starts): the automatic check of a workbook with data begins…
    const start = controllers.template.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // …and the user clicks « Exporter » in the ribbon.
    const click = clickWithin(host, COMMAND_IDS.exportXml, 10_000);
    await start;
    expect(await click).toBe('completed');
    expect(saved).toHaveLength(1);
    expect(notices).toContain('« Exporter » démarrera dès la fin de l’opération en cours.');
    expect(controllers.runner.getState().notice?.text).toMatch(/enregistré/);
  });

  it('keeps the outcome for when the user opens the pane (showAsTaskpane ignored, Marketplace)', async () => {
    const { excel, host, controllers, saved } = setUp('ignored');
    await withTemplate(controllers, excel, (i, v) => i === 1 && (v['5.10'] = 'hier'));
    expect(await clickWithin(host, COMMAND_IDS.exportXml)).toBe('completed');
    expect(host.paneVisible).toBe(false);
    expect(saved).toEqual([]);
    host.openPane();
    expect(controllers.runner.getState().notice).toMatchObject({ intent: 'error' });
    expect(controllers.runner.getState().issues.length).toBeGreaterThan(0);
  });

  it('completes every click, one after the other, even when an action fails', async () => {
    const { host, controllers } = setUp('shows');
    // No template: « Vérifier » ends with a message, « Générer les identifiants » too.
    const clicks = [COMMAND_IDS.check, COMMAND_IDS.generateIds, COMMAND_IDS.check].map((id) =>
      clickWithin(host, id),
    );
    expect(await Promise.all(clicks)).toEqual(['completed', 'completed', 'completed']);
    // The last « Vérifier » leaves its outcome in the pane: back to the first step (issue 16).
    expect(controllers.runner.getState().welcome).toBe(true);
    expect(controllers.runner.getState().notice).toMatchObject({
      intent: 'info',
      text: expect.stringContaining('« Créer le modèle »'),
    });
  });
});
