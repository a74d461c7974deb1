import type { Page } from 'playwright-core';
import type { E2eApi } from '../e2e/stub/office-stub';

/** Runs `fn` with the page's `window.__e2e` (the fake workbook). */
export function inWorkbook<R, A>(page: Page, fn: (e2e: E2eApi, arg: A) => R, arg: A): Promise<R> {
  return page.evaluate(
    ([source, a]) => {
      const api = (window as unknown as { __e2e: E2eApi }).__e2e;
      return new Function('e2e', 'arg', `return (${source})(e2e, arg);`)(api, a) as R;
    },
    [fn.toString(), arg] as const,
  );
}
