/**
 * What the browser suites share: the demo users they log in as, a browser opened before and
 * closed after a suite, logging in through the login page, the API with the page's session
 * cookie, rows of a table and the axe check.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchChromium, openPage, seriousViolations } from './browser.ts';

/** The demo users (README.md, "Demo users"). */
export const DEMO_LOGINS = {
  pharmacia: { email: 'mah@pharmacia.demo.example', password: 'demo-mah-2026!' },
  generica: { email: 'mah@generica.demo.example', password: 'demo-mah2-2026!' },
  analyst: { email: 'analyst@meldpunt.demo.example', password: 'demo-analyst-2026!' },
  policy: { email: 'policy@vws.demo.example', password: 'demo-policy-2026!' },
} as const;

type OpenedPage = Awaited<ReturnType<typeof openPage>>;

/**
 * Registers the suite's browser (launched before its tests, closed after them with every context
 * the tests opened) and returns the function that opens a fresh page in it.
 */
export function useBrowser(): (options?: { lang?: 'nl' | 'en' }) => Promise<OpenedPage> {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });
  return async (options = {}) => {
    if (browser === undefined) throw new Error('the browser is not running (outside a test?)');
    const opened = await openPage(browser, options);
    contexts.push(opened.context);
    return opened;
  };
}

export async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/** The body rows of a DataTable, by the table's id. */
export function bodyRows(page: Page, tableId: string): Locator {
  return page.locator(`#${tableId} tbody tr`);
}

/** Logs in on the login page the app sent us to, and waits until it sends us on. */
export async function logIn(
  page: Page,
  user: { readonly email: string; readonly password: string },
): Promise<void> {
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** The API with this page's session cookie (playwright shares the context's cookies). */
export async function apiAs<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${inject('baseUrl')}/v1${path}`);
  if (!response.ok()) throw new Error(`${path}: HTTP ${String(response.status())}`);
  return (await response.json()) as T;
}
