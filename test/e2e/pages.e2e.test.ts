/**
 * The web app in a real browser against the real server and the reference data: every page
 * shows real figures, search finds substances by Dutch and English name, filters live in the URL,
 * CSV downloads hold the rows on screen, the language switch relabels the page, the header is
 * reachable by keyboard and axe-core finds no serious or critical WCAG 2.1 AA violation.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  launchChromium,
  openPage,
  screenshot,
  seriousViolations,
  type PageWindow,
} from './browser.ts';

const baseUrl = inject('baseUrl');

interface Names {
  readonly en?: string;
  readonly nl?: string;
  readonly de?: string;
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/v1${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Whole numbers as the page writes them in Dutch ("1.234") or English ("1,234"). */
function parseCount(text: string): number {
  return Number(text.replace(/[.,\s]/g, ''));
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/** What has focus: its data-testid, else its text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as PageWindow).document.activeElement;
    if (element === null) return '';
    return element.getAttribute('data-testid') ?? element.textContent?.trim() ?? '';
  });
}

function focusedId(page: Page): Promise<string> {
  return page.evaluate(
    () => (globalThis as unknown as PageWindow).document.activeElement?.id ?? '',
  );
}

/** The body rows of a DataTable, by the table's id. */
function bodyRows(page: Page, tableId: string) {
  return page.locator(`#${tableId} tbody tr`);
}

describe.skipIf(baseUrl === '')('the web app in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
  });

  test('the overview shows the critical-list figures, the chapter chart, the map and the top ten', async () => {
    const overview = await api<{ criticalCodes: number; mostConcentrated: { atc: string }[] }>(
      '/overview',
    );
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${baseUrl}/`);
    const figure = page.getByTestId('figure-critical').locator('dd').first();
    await figure.waitFor();
    expect(parseCount(await figure.innerText())).toBe(overview.criticalCodes);
    expect(overview.criticalCodes).toBeGreaterThan(0);

    await expect.poll(() => page.locator('.ms-bars__row').count()).toBeGreaterThan(5);
    await expect.poll(() => page.locator('.ms-map__country--data').count()).toBeGreaterThan(10);
    await expect.poll(() => bodyRows(page, 'top').count()).toBe(overview.mostConcentrated.length);
    const firstAtc = overview.mostConcentrated[0]?.atc ?? '';
    expect(await bodyRows(page, 'top').first().innerText()).toContain(firstAtc);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');

    await expectAccessible(page);
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the overview works on a tablet (768 px)', async () => {
    const { context, page } = await openPage(browser, { width: 768 });
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('figure-critical').waitFor();
    await expect.poll(() => page.locator('.ms-map__country--data').count()).toBeGreaterThan(10);
    const overflow = await page.evaluate(() => {
      const win = globalThis as unknown as PageWindow;
      return win.document.documentElement.scrollWidth - win.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'overview-tablet');
    await context.close();
  });

  test('a filter on the vulnerability table goes into the URL and survives a reload', async () => {
    const cep = await api<{ total: number }>('/vulnerability?source=cep&critical=true&pageSize=1');
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${baseUrl}/vulnerability`);
    await bodyRows(page, 'vulnerability').first().waitFor();

    await page.getByLabel('Bron', { exact: true }).selectOption('cep');
    await page.waitForURL(/[?&]source=cep/);
    await expect
      .poll(() => page.getByTestId('vulnerability-total').innerText())
      .toContain(new Intl.NumberFormat('nl-NL').format(cep.total));

    await page.reload();
    await bodyRows(page, 'vulnerability').first().waitFor();
    expect(new URL(page.url()).searchParams.get('source')).toBe('cep');
    expect(await page.getByLabel('Bron', { exact: true }).inputValue()).toBe('cep');
    expect(await page.locator('#vulnerability caption').innerText()).toContain('EDQM');

    // Sorting is state too.
    await page.locator('#vulnerability thead').getByRole('button', { name: 'Locaties' }).click();
    await page.waitForURL(/[?&]sort=-sites/);
    await expect
      .poll(() => page.locator('#vulnerability th[aria-sort="descending"]').innerText())
      .toContain('Locaties');

    await expectAccessible(page);
    await screenshot(page, 'vulnerability');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the CSV download holds exactly the rows shown', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseUrl}/vulnerability?pageSize=10&page=2&sort=atc`);
    await expect.poll(() => bodyRows(page, 'vulnerability').count()).toBe(10);
    const shown = await bodyRows(page, 'vulnerability').locator('th').allInnerTexts();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('vulnerability-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.trimEnd().split(/\r\n/);
    expect(lines[0]).toMatch(/^ATC-code,Naam,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
      shown.map((cell) => cell.trim()),
    );
    await context.close();
  });

  test('search finds a substance by its Dutch and by its English name', async () => {
    const substances = await api<{ items: { atc: string; names: Names }[] }>(
      '/substances?critical=true&pageSize=500',
    );
    // A substance whose Dutch name is not also its English one, so each search proves itself.
    const target = substances.items.find(
      (item) =>
        item.names.nl !== undefined &&
        item.names.en !== undefined &&
        !item.names.en.toLowerCase().includes(item.names.nl.toLowerCase()) &&
        /^[a-z]+$/i.test(item.names.nl) &&
        /^[a-z]+$/i.test(item.names.en),
    );
    expect(target, 'a critical substance with distinct Dutch and English names').toBeDefined();
    if (target === undefined) return;
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${baseUrl}/`);

    for (const name of [target.names.nl ?? '', target.names.en ?? '']) {
      const box = page.getByTestId('header-search');
      await box.fill(name);
      await box.press('Enter');
      await page.waitForURL(
        (url) => url.pathname === '/search' && url.searchParams.get('q') === name,
      );
      await expect
        .poll(() => bodyRows(page, 'substances').locator('th').allInnerTexts())
        .toContain(target.atc);
    }

    await expectAccessible(page);
    await screenshot(page, 'search');
    await bodyRows(page, 'substances').locator('th a', { hasText: target.atc }).click();
    await page.waitForURL(`**/substances/${target.atc}`);
    await page.locator('h1', { hasText: target.names.nl ?? '' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the substance page shows names, list membership, figures per source and the supply chain', async () => {
    const top = await api<{ items: { atc: string }[] }>(
      '/vulnerability?source=all&sort=-sites&pageSize=1',
    );
    const atc = top.items[0]?.atc ?? '';
    const substance = await api<{ vulnerability: { source: string }[] }>(`/substances/${atc}`);
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${baseUrl}/substances/${atc}`);
    await expect
      .poll(() => bodyRows(page, 'by-source').count())
      .toBe(substance.vulnerability.length);
    await page.locator('.ms-sankey svg').waitFor();
    expect(await page.locator('.ms-sankey svg rect').count()).toBeGreaterThan(2);
    expect(await page.locator('h1').innerText()).not.toBe('');
    expect(await page.locator('.ms-page-title').innerText()).toContain(atc);
    await page.getByText('Toon als tabel').first().click();
    await expect.poll(() => bodyRows(page, 'chain-sites').count()).toBeGreaterThan(0);

    await expectAccessible(page);
    await screenshot(page, 'substance');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the site page lists what the site supplies and what its loss would do', async () => {
    // The site that counts for the most critical codes: its impact section has content.
    const china = await api<{ items: { atc: string; leftWithoutSite: boolean }[] }>(
      '/countries/CN/impact',
    );
    const single = china.items.find((item) => item.leftWithoutSite);
    const atc = single?.atc ?? china.items[0]?.atc ?? '';
    const chain = await api<{ sites: { id: number; counted: boolean }[] }>(
      `/substances/${atc}/supply-chain`,
    );
    const site = chain.sites.find((s) => s.counted) ?? chain.sites[0];
    expect(site).toBeDefined();
    if (site === undefined) return;
    const detail = await api<{ name: string; supplies: unknown[] }>(`/sites/${site.id}`);

    const { context, page, errors } = await openPage(browser);
    await page.goto(`${baseUrl}/sites/${site.id}`);
    await page.locator('h1', { hasText: detail.name }).waitFor();
    await expect
      .poll(() => bodyRows(page, 'supplies').count())
      .toBe(Math.min(10, detail.supplies.length));
    await page.getByTestId('figure-impact-supplied').waitFor();
    expect(
      parseCount(await page.getByTestId('figure-impact-supplied').locator('dd').innerText()),
    ).toBeGreaterThan(0);

    await expectAccessible(page);
    await screenshot(page, 'site');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the country page lists its sites and what stops if the country stops', async () => {
    const countries = await api<{ items: { country: string; sites: number }[] }>('/countries');
    const impact = await api<{ codesSupplied: number; codesLeftWithoutSite: number }>(
      '/countries/IN/impact',
    );
    expect(countries.items.some((row) => row.country === 'IN')).toBe(true);

    const { context, page, errors } = await openPage(browser);
    await page.goto(`${baseUrl}/countries/IN`);
    await page.locator('h1', { hasText: 'India' }).waitFor();
    await bodyRows(page, 'sites').first().waitFor();
    await page.getByTestId('figure-impact-supplied').waitFor();
    expect(
      parseCount(await page.getByTestId('figure-impact-supplied').locator('dd').innerText()),
    ).toBe(impact.codesSupplied);
    expect(parseCount(await page.getByTestId('figure-impact-left').locator('dd').innerText())).toBe(
      impact.codesLeftWithoutSite,
    );
    await page.locator('.ms-dotplot svg').waitFor();

    await expectAccessible(page);
    await screenshot(page, 'country');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the language switch relabels the page, sets lang and is remembered', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('figure-critical').waitFor();
    expect(await page.locator('h1').innerText()).toBe(
      'Leveringszekerheid van kritieke geneesmiddelen',
    );
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).innerText()).toContain(
      'Kwetsbaarheid',
    );

    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.locator('h1').innerText())
      .toBe('Supply security of critical medicines');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('navigation', { name: 'Main menu' }).innerText()).toContain(
      'Vulnerability',
    );
    expect(await page.getByTestId('figure-critical').locator('dt').innerText()).toBe(
      'Critical medicines',
    );

    await page.reload();
    await page.getByTestId('figure-critical').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Supply security of critical medicines');
    await expectAccessible(page);
    await screenshot(page, 'overview-en');
    await context.close();
  });

  test('the skip link, the header search and the main menu are reachable by keyboard', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('figure-critical').waitFor();

    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Direct naar de inhoud');

    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(await focused(page));
      if (i === 1) {
        // The focused search box shows a visible focus indicator.
        const outline = await page.evaluate(() => {
          const win = globalThis as unknown as PageWindow;
          const element = win.document.activeElement;
          const style = element === null ? null : win.getComputedStyle(element);
          return style === null ? 'none' : `${style.outlineStyle} ${style.outlineWidth}`;
        });
        expect(outline).not.toMatch(/^none/);
      }
    }
    expect(reached).toContain('header-search');
    expect(reached).toContain('language-switch');
    for (const item of ['Overzicht', 'Kwetsbaarheid', 'Zoeken']) expect(reached).toContain(item);
    // The menu follows the search box in the tab order.
    expect(reached.indexOf('Kwetsbaarheid')).toBeGreaterThan(reached.indexOf('header-search'));

    // Enter on a menu item navigates; focus moves to the main content.
    for (let i = 0; i < 12 && (await focused(page)) !== 'Kwetsbaarheid'; i++) {
      await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL('**/vulnerability');
    await expect.poll(() => focusedId(page)).toBe('main');

    // The skip link moves focus to the content.
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('figure-critical').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('main');
    await context.close();
  });

  test('an unknown address shows a page, not an error', async () => {
    const { context, page } = await openPage(browser);
    const response = await page.goto(`${baseUrl}/substances/ZZ99ZZ99`);
    expect(response?.status()).toBe(200);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('ZZ99ZZ99');
    await expectAccessible(page);
    await context.close();
  });
});
