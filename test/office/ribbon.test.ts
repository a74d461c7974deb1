import { FakeHost } from '../../src/fake-excel';
import { COMPLETE_WITHIN_MS, ribbonHost } from '../../src/office/ribbon';

describe('ribbon commands', () => {
  afterEach(() => jest.useRealTimers());

  it('completes a command still running before Office’s 5-minute limit; the action goes on', async () => {
    jest.useFakeTimers();
    const host = new FakeHost();
    let finished = false;
    ribbonHost(host.office).associate('long', async () => {
      await new Promise((resolve) => setTimeout(resolve, 6 * 60 * 1000));
      finished = true;
    });
    const click = host.click('long');
    await jest.advanceTimersByTimeAsync(COMPLETE_WITHIN_MS);
    await expect(click).resolves.toBeUndefined();
    expect(finished).toBe(false);
    await jest.advanceTimersByTimeAsync(2 * 60 * 1000);
    expect(finished).toBe(true);
    expect(host.completed).toEqual(['long']);
  });

  it('completes once, and never hands an error to Office', async () => {
    const host = new FakeHost();
    ribbonHost(host.office).associate('fails', async () => {
      throw new Error('boom');
    });
    await expect(host.click('fails')).resolves.toBeUndefined();
    expect(host.completed).toEqual(['fails']);
  });

  it('asks for the pane without waiting, whatever showAsTaskpane does', () => {
    for (const mode of ['shows', 'ignored', 'rejects', 'never'] as const) {
      const host = new FakeHost({ showAsTaskpane: mode });
      expect(ribbonHost(host.office).showPane()).toBeUndefined();
      expect([host.showCalls, host.paneVisible]).toEqual([1, mode === 'shows']);
    }
    // A host without SharedRuntime 1.1 has no showAsTaskpane.
    expect(() => ribbonHost({ actions: { associate: () => undefined } }).showPane()).not.toThrow();
  });
});
