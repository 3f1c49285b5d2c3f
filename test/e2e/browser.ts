/** Chromium, axe-core and screenshots for the browser tests. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.MEDSUPPLY_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The little of the browser's globals the tests touch inside page.evaluate. The project's
 * tsconfig has no DOM library (it is a Node project), so these functions cast globalThis.
 */
export interface PageElement {
  readonly id: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}
export interface PageWindow {
  readonly document: {
    readonly activeElement: PageElement | null;
    readonly documentElement: { readonly scrollWidth: number };
  };
  readonly innerWidth: number;
  readonly localStorage: { setItem(key: string, value: string): void };
  getComputedStyle(element: PageElement): {
    readonly outlineStyle: string;
    readonly outlineWidth: string;
  };
}
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = `${ROOT}test-output/screenshots`;

/** CI (CI=true, or MEDSUPPLY_REQUIRE_BROWSER=1): a missing browser is a failure, not a skip. */
export function browserRequired(): boolean {
  return process.env.MEDSUPPLY_REQUIRE_BROWSER === '1' || process.env.CI === 'true';
}

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh context (own storage, so the language starts Dutch) with downloads accepted. */
export async function openPage(
  browser: Browser,
  options: { readonly width?: number; readonly lang?: 'nl' | 'en' } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    acceptDownloads: true,
    locale: 'nl-NL',
  });
  if (options.lang !== undefined) {
    const lang = options.lang;
    await context.addInitScript((value) => {
      (globalThis as unknown as PageWindow).localStorage.setItem('medsupply.lang', value);
    }, lang);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    interface AxeResult {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[] }[];
      }[];
    }
    const { axe, document } = globalThis as unknown as {
      axe: { run: (context: unknown, options: object) => Promise<AxeResult> };
      document: unknown;
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)),
    }));
  });
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
