import { FakeHost } from '../../src/fake-excel';
import { COMMAND_TIMEOUT_MS } from '../../src/fake-excel/host';

/** The fake Office host behaves as the add-in command docs say (sources in src/fake-excel/host.ts). */

describe('fake Office host', () => {
  afterEach(() => jest.useRealTimers());

  it('queues clicks of one command until completed(), runs different commands side by side', async () => {
    const host = new FakeHost();
    const log: string[] = [];
    const pending: (() => void)[] = [];
    for (const id of ['a', 'b'])
      host.office.actions.associate(id, (event) => {
        log.push(`start ${id}`);
        pending.push(() => {
          log.push(`end ${id}`);
          event.completed();
        });
      });
    const clicks = [host.click('a'), host.click('a'), host.click('b')];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['start a', 'start b']);
    pending.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['start a', 'start b', 'end a', 'start a']);
    pending.forEach((done) => done());
    await Promise.all(clicks);
    expect(host.completed).toEqual(['a', 'b', 'a']);
  });

  it('ends a command that never calls completed() after 5 minutes', async () => {
    jest.useFakeTimers();
    const host = new FakeHost();
    host.office.actions.associate('stuck', () => undefined);
    const click = host.click('stuck');
    const outcome = click.catch((e: Error) => e.message);
    await jest.advanceTimersByTimeAsync(COMMAND_TIMEOUT_MS);
    await expect(outcome).resolves.toMatch(/UI-less Add-in command timed out/);
  });

  it('shows the pane or not, by mode, and tells visibility listeners', async () => {
    const host = new FakeHost({ showAsTaskpane: 'shows' });
    const seen: string[] = [];
    await host.office.addin.onVisibilityModeChanged((args) => seen.push(args.visibilityMode));
    await host.office.addin.showAsTaskpane();
    await host.office.addin.hide();
    expect(seen).toEqual(['Taskpane', 'Hidden']);
    host.mode = 'rejects';
    await expect(host.office.addin.showAsTaskpane()).rejects.toThrow();
    host.mode = 'ignored';
    await host.office.addin.showAsTaskpane();
    expect(host.paneVisible).toBe(false);
    host.openPane();
    expect(host.paneVisible).toBe(true);
  });
});
