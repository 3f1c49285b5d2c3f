/**
 * The stock pages in a real browser against the real server with the demo market (1,500
 * simulated packs with stock and demand up to today): the policy analysis, a pack's stock page
 * for an authority and for a company, national cover, a holder's compliance and the
 * non-compliance report with its CSV. Every page shows the API's own figures, has its chart with
 * a text alternative, passes axe-core and is photographed; a company is refused the authority
 * pages with a message, not a crash.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { screenshot } from './browser.ts';
import { apiAs, bodyRows, DEMO_LOGINS, expectAccessible, logIn, useBrowser } from './session.ts';

const baseUrl = inject('baseUrl');

interface CoverRow {
  readonly key: string;
  readonly name: string;
  readonly stock: number | null;
  readonly coverWeeks: number | null;
}
interface CoverPage {
  readonly asOf: string;
  readonly items: readonly CoverRow[];
  readonly total: number;
}
interface PackStock {
  readonly packId: number;
  readonly product: { readonly id: number; readonly name: string; readonly atc: string | null };
  readonly scope: 'national' | 'holder';
  readonly current: { readonly onHand: number | null; readonly coverWeeks: number | null };
  readonly holders: readonly { readonly holderId: number; readonly holderName: string }[];
  readonly forecast: {
    readonly method: string;
    readonly heldOut: { readonly days: number; readonly mase: number | null } | null;
    readonly candidates: readonly unknown[];
  };
  readonly projection: { readonly stockOutDate: string | null };
  readonly history: readonly unknown[];
}
interface ComplianceRow {
  readonly holderId: number;
  readonly holderName: string;
  readonly productName: string;
  readonly daysNonCompliant: number;
}
interface NonCompliance {
  readonly from: string;
  readonly to: string;
  readonly items: readonly ComplianceRow[];
}
interface HolderCompliance {
  readonly holder: { readonly id: number; readonly name: string };
  readonly items: readonly (ComplianceRow & { readonly weekly: readonly { date: string }[] })[];
}
interface PolicyAnalysis {
  readonly shortages: number;
  readonly curve: readonly { readonly weeks: number; readonly share: number }[];
  readonly ironStock: {
    readonly expectedShare: number;
    readonly observedShare: number;
    readonly weeksNeededForExpectedShare: number | null;
  };
}
interface CompetitorCascades {
  readonly followOn: { readonly share: number; readonly reports: number };
}

// The figures as a Dutch reader sees them, formatted here with the platform's own Intl.
const nlNumber = (value: number, digits = 0) =>
  new Intl.NumberFormat('nl-NL', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
const nlPercent = (share: number) =>
  new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 }).format(share);
const nlDate = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

/**
 * How long a poll may wait for the server's answer to show: a bound, not an expectation of speed
 * (the non-compliance report computes every holder's compliance).
 */
const UNTIL_LOADED = { timeout: 30_000 };

/** The calendar date `days` from today, as the pages date their default period. */
function isoDaysFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${String(date.getFullYear())}-${month}-${day}`;
}

async function figure(page: Page, id: string): Promise<string> {
  return page.getByTestId(`figure-${id}`).locator('.ms-figures__value').innerText();
}

/** Opens the table behind a chart ("Toon als tabel") in the section with that heading. */
async function openChartTable(page: Page, headingId: string): Promise<void> {
  await page.locator(`section:has(#${headingId}) .ms-figure__summary`).click();
}

describe.skipIf(baseUrl === '')('the stock pages in Chromium', () => {
  const newPage = useBrowser();
  /** A pack low on stock, found on the cover page and opened again by the later tests. */
  let lowPack: PackStock | undefined;

  test('the policy page draws the absorption curve beside the 5-month expectation', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/policy`);
    await logIn(page, DEMO_LOGINS.policy);
    await page.waitForURL(/\/policy$/);
    const analysis = await apiAs<PolicyAnalysis>(page, '/stock-obligation/policy-analysis');
    const cascades = await apiAs<CompetitorCascades>(
      page,
      '/foreign-shortages/competitor-cascades',
    );

    await page.getByTestId('policy-chart').waitFor();
    expect(await figure(page, 'policy-observed')).toBe(nlPercent(analysis.ironStock.observedShare));
    const needed = analysis.ironStock.weeksNeededForExpectedShare;
    expect(await figure(page, 'policy-needed')).toBe(
      needed === null ? 'niet binnen het bereik' : `${nlNumber(needed)} weken`,
    );
    expect(await figure(page, 'policy-shortages')).toBe(nlNumber(analysis.shortages));
    expect(await page.getByTestId('policy-chart-note').innerText()).toContain(
      `${nlPercent(analysis.ironStock.observedShare)} van de tekorten opgevangen, niet ${nlPercent(analysis.ironStock.expectedShare)}`,
    );

    // The chart says in words what it shows, and one dot per tested stock size.
    const chart = page.getByTestId('policy-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toContain(
      nlPercent(analysis.ironStock.observedShare),
    );
    expect(await chart.locator('circle title').count()).toBe(analysis.curve.length);

    await openChartTable(page, 'policy-chart-heading');
    await expect
      .poll(() => bodyRows(page, 'policy-curve').count(), UNTIL_LOADED)
      .toBe(analysis.curve.length);
    const first = analysis.curve[0];
    if (first === undefined) throw new Error('no curve');
    expect(await bodyRows(page, 'policy-curve').first().innerText()).toContain(
      nlPercent(first.share),
    );

    expect(await figure(page, 'cascade-follow-on')).toBe(nlPercent(cascades.followOn.share));
    expect(await bodyRows(page, 'cascade-signal').count()).toBe(2);
    await expectAccessible(page);
    await screenshot(page, 'stock-policy');

    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.locator('h1').innerText(), UNTIL_LOADED)
      .toBe('What does an iron stock absorb?');
    expect(await page.getByTestId('policy-chart').getAttribute('aria-label')).toContain(
      'Five months of stock absorb',
    );
    expect(await page.getByRole('navigation', { name: 'Main menu' }).innerText()).toContain(
      'Policy',
    );
    await expectAccessible(page);
    await screenshot(page, 'stock-policy-en');
    expect(errors).toEqual([]);
  });

  test('the cover page lists the lowest cover first, switches level and links to the pack page', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/stock`);
    await logIn(page, DEMO_LOGINS.analyst);
    await page.waitForURL(/\/stock$/);
    const cover = await apiAs<CoverPage>(page, '/cover?level=pack&pageSize=500');
    expect(cover.total).toBe(1500);

    await page.getByTestId('cover-chart').waitFor();
    expect(await figure(page, 'cover-total')).toBe(nlNumber(cover.total));
    // Counted here from the API's first page (the lowest cover): reported stock, none on hand.
    const outOfStock = cover.items.filter((row) => row.stock === 0 && row.coverWeeks === 0).length;
    expect(await figure(page, 'cover-out')).toBe(nlNumber(outOfStock));
    const firstRow = cover.items[0];
    if (firstRow === undefined) throw new Error('no cover rows');
    expect(await bodyRows(page, 'cover').first().locator('th').innerText()).toBe(firstRow.name);
    expect(await bodyRows(page, 'cover').first().innerText()).toContain('Geen voorraad');
    expect(await page.getByTestId('cover-chart').locator('.ms-bars__row').count()).toBe(8);
    await openChartTable(page, 'cover-chart-heading');
    expect(await bodyRows(page, 'cover-bands').count()).toBe(8);
    await expectAccessible(page);
    await screenshot(page, 'stock-cover');

    // An earlier day: the address keeps it, and the figures are the API's for that day.
    const earlier = isoDaysFromToday(-28);
    const then = await apiAs<CoverPage>(page, `/cover?level=pack&asOf=${earlier}&pageSize=1`);
    await page.locator('#cover-as-of').fill(earlier);
    await page.getByTestId('cover-apply').click();
    await page.waitForURL((url) => url.searchParams.get('asOf') === earlier);
    await expect
      .poll(() => page.getByTestId('figure-cover-total').innerText(), UNTIL_LOADED)
      .toContain(nlDate(earlier));
    expect(await bodyRows(page, 'cover').first().locator('th').innerText()).toBe(
      then.items[0]?.name,
    );

    // Substances: their own list, linked to the substance pages.
    await page.getByTestId('cover-level').selectOption('substance');
    await page.waitForURL(/level=substance/);
    const substances = await apiAs<CoverPage>(
      page,
      `/cover?level=substance&asOf=${earlier}&pageSize=1`,
    );
    await expect
      .poll(() => bodyRows(page, 'cover').first().locator('th').innerText(), UNTIL_LOADED)
      .toBe(substances.items[0]?.name);
    expect(await bodyRows(page, 'cover').first().locator('th a').getAttribute('href')).toMatch(
      /^\/substances\//,
    );

    // Back to packs: the first with stock left, lowest cover, opens its pack page.
    await page.getByTestId('cover-level').selectOption('pack');
    await page.waitForURL((url) => url.searchParams.get('level') === null);
    const low = cover.items.find((row) => row.coverWeeks !== null && row.coverWeeks > 0);
    if (low === undefined) throw new Error('no pack with stock');
    await page.getByTestId('cover-level').waitFor();
    await page.locator('#cover-wrapper input[type="search"]').fill(low.name);
    const link = bodyRows(page, 'cover').first().getByRole('link', { name: low.name });
    await link.click();
    await page.waitForURL(new RegExp(`/packs/${low.key}$`));
    lowPack = await apiAs<PackStock>(page, `/packs/${low.key}/stock`);
    await expect
      .poll(() => page.locator('h1').innerText(), UNTIL_LOADED)
      .toBe(lowPack.product.name);
    expect(errors).toEqual([]);
  });

  test("the pack page shows national stock, the forecast's method and error, holders and a projected stock-out", async () => {
    const pack = lowPack;
    if (pack === undefined) throw new Error('the cover test found no pack');
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/packs/${String(pack.packId)}`);
    await logIn(page, DEMO_LOGINS.analyst);
    await page.getByTestId('pack-chart').waitFor();

    expect(pack.scope).toBe('national');
    expect(await figure(page, 'pack-on-hand')).toBe(nlNumber(pack.current.onHand ?? 0));
    expect(await figure(page, 'pack-cover')).toBe(
      `${nlNumber(pack.current.coverWeeks ?? 0, 1)} weken`,
    );
    const stockOut = pack.projection.stockOutDate;
    expect(await figure(page, 'pack-stock-out')).toBe(
      stockOut === null ? 'Geen' : nlDate(stockOut),
    );
    expect(await page.getByTestId('pack-chart-stock-out').count()).toBe(stockOut === null ? 0 : 1);
    const mase = pack.forecast.heldOut?.mase ?? null;
    if (mase !== null) {
      expect(await figure(page, 'pack-forecast')).toBe(nlNumber(mase, 2));
      expect(await page.getByTestId('pack-forecast-text').innerText()).toContain(
        `MASE ${nlNumber(mase, 2)}`,
      );
    }
    expect(await bodyRows(page, 'pack-forecast').count()).toBe(pack.forecast.candidates.length);
    expect(await bodyRows(page, 'pack-forecast').first().innerText()).toContain('gekozen');

    // The chart's text alternative: whole weeks of history and of expectation.
    const chart = page.getByTestId('pack-chart');
    expect(await chart.getAttribute('aria-label')).toContain(
      `voorraad nu ${nlNumber(pack.current.onHand ?? 0)}`,
    );
    await openChartTable(page, 'pack-chart-heading');
    await expect.poll(() => bodyRows(page, 'pack-weeks').count(), UNTIL_LOADED).toBeGreaterThan(0);

    // Holders, each with its stock-obligation status and a link to its compliance.
    await bodyRows(page, 'pack-holders').first().waitFor();
    expect(await bodyRows(page, 'pack-holders').count()).toBe(Math.min(25, pack.holders.length));
    const holder = pack.holders[0];
    if (holder === undefined) throw new Error('no holders');
    const holderLink = page.locator('#pack-holders').getByRole('link', { name: holder.holderName });
    expect(await holderLink.getAttribute('href')).toBe(
      `/holders/${String(holder.holderId)}/compliance`,
    );
    await page
      .locator('#pack-notifications, [data-testid="pack-notifications-none"]')
      .first()
      .waitFor();
    await expectAccessible(page);
    await screenshot(page, 'stock-pack');

    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.locator('#pack-chart-heading').innerText(), UNTIL_LOADED)
      .toBe('National stock and demand');
    expect(await page.getByTestId('pack-chart').getAttribute('aria-label')).toContain(
      'Chart of stock',
    );
    await screenshot(page, 'stock-pack-en');
    expect(errors).toEqual([]);
  });

  test("a company sees its own pack view and is refused the authorities' pages with a message", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/stock`);
    await logIn(page, DEMO_LOGINS.pharmacia);
    await page.waitForURL(/\/stock$/);
    expect(await page.locator('h1').innerText()).toBe('Geen toegang');
    expect(await page.getByRole('alert').innerText()).toContain('Handelsvergunninghouder');
    for (const path of ['/stock-obligation', '/policy']) {
      await page.goto(`${baseUrl}${path}`);
      await expect.poll(() => page.locator('h1').innerText(), UNTIL_LOADED).toBe('Geen toegang');
    }
    await expectAccessible(page);
    await screenshot(page, 'stock-refused');

    // Its own pack (one it notified): its own stock against demand, never the national figures,
    // and its notification linked.
    const notifications = await apiAs<{
      items: { id: number; reference: string; products: { packId: number }[] }[];
    }>(page, '/notifications?pageSize=1&sort=-firstReportedOn');
    const notification = notifications.items[0];
    const ownPack = notification?.products[0];
    if (notification === undefined || ownPack === undefined)
      throw new Error('the demo company has no notifications');
    await page.goto(`${baseUrl}/packs/${String(ownPack.packId)}`);
    await page.getByTestId('pack-scope-own').waitFor();
    expect(await page.getByTestId('figure-pack-on-hand').innerText()).toContain('Uw voorraad');
    expect(await page.locator('#pack-holders').count()).toBe(0);
    await page.getByTestId('pack-chart').waitFor();
    const notificationLink = page
      .locator('#pack-notifications')
      .getByRole('link', { name: notification.reference });
    expect(await notificationLink.getAttribute('href')).toBe(
      `/notifications/${String(notification.id)}`,
    );
    await expectAccessible(page);
    await screenshot(page, 'stock-pack-company');

    // Another company's pack and another holder's compliance: not found, said in words.
    if (lowPack !== undefined) {
      await page.goto(`${baseUrl}/packs/${String(lowPack.packId)}`);
      await expect
        .poll(() => page.getByRole('alert').innerText(), UNTIL_LOADED)
        .toContain('Deze verpakking bestaat niet, of u mag haar voorraad niet zien.');
      const other = lowPack.holders[0];
      if (other !== undefined) {
        await page.goto(`${baseUrl}/holders/${String(other.holderId)}/compliance`);
        await expect
          .poll(() => page.getByRole('alert').innerText(), UNTIL_LOADED)
          .toContain('Deze houder bestaat niet, of u mag zijn naleving niet zien.');
      }
    }
    expect(errors).toEqual([]);
  });

  test("a holder's compliance shows products below the norm week by week, with a period picker", async () => {
    const holderId = lowPack?.holders[0]?.holderId;
    if (holderId === undefined) throw new Error('the cover test found no holder');
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/holders/${String(holderId)}/compliance`);
    await logIn(page, DEMO_LOGINS.analyst);
    await page.getByTestId('holder-chart').waitFor();
    const from = isoDaysFromToday(-83);
    const to = isoDaysFromToday(0);
    const compliance = await apiAs<HolderCompliance>(
      page,
      `/holders/${String(holderId)}/compliance?from=${from}&to=${to}`,
    );
    expect(await page.locator('h1').innerText()).toContain(compliance.holder.name);
    expect(await figure(page, 'holder-products')).toBe(nlNumber(compliance.items.length));
    const everBelow = compliance.items.filter((item) => item.daysNonCompliant > 0).length;
    expect(await figure(page, 'holder-ever-below')).toBe(nlNumber(everBelow));
    const weeks = new Set(compliance.items.flatMap((item) => item.weekly.map((w) => w.date)));
    expect(await page.getByTestId('holder-chart').locator('.ms-bars__row').count()).toBe(
      weeks.size,
    );
    expect(await page.locator('#holder-products-wrapper').innerText()).toContain(
      `van ${nlNumber(compliance.items.length)}`,
    );
    await openChartTable(page, 'holder-chart-heading');
    expect(await bodyRows(page, 'holder-weeks').count()).toBe(Math.min(25, weeks.size));
    await expectAccessible(page);
    await screenshot(page, 'stock-holder-compliance');

    // The last four weeks: four weekly bars, and the period in the address.
    await page.getByRole('button', { name: 'Laatste 4 weken' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === isoDaysFromToday(-27));
    await expect
      .poll(() => page.getByTestId('holder-chart').locator('.ms-bars__row').count(), UNTIL_LOADED)
      .toBe(4);
    expect(errors).toEqual([]);
  });

  test('the non-compliance report shows holders below the norm and downloads the API CSV', async () => {
    const { page, errors } = await newPage();
    const from = isoDaysFromToday(-27);
    const to = isoDaysFromToday(0);
    await page.goto(`${baseUrl}/stock-obligation?from=${from}&to=${to}`);
    await logIn(page, DEMO_LOGINS.policy);
    await page.waitForURL(/\/stock-obligation\?from=/);
    const report = await apiAs<NonCompliance>(
      page,
      `/stock-obligation/non-compliance?from=${from}&to=${to}`,
    );
    expect(report.items.length).toBeGreaterThan(0);
    await page.getByTestId('nc-chart').waitFor();
    expect(await figure(page, 'nc-rows')).toBe(nlNumber(report.items.length));
    const holders = new Set(report.items.map((row) => row.holderId));
    expect(await figure(page, 'nc-holders')).toBe(nlNumber(holders.size));
    expect(await page.getByTestId('nc-chart').locator('.ms-bars__row').count()).toBe(
      Math.min(15, holders.size),
    );
    expect(await page.locator('#nc-rows-wrapper').innerText()).toContain(
      `van ${nlNumber(report.items.length)}`,
    );
    await openChartTable(page, 'nc-chart-heading');
    expect(await bodyRows(page, 'nc-chart-table').count()).toBe(Math.min(15, holders.size));
    await expectAccessible(page);
    await screenshot(page, 'stock-non-compliance');

    // The API's CSV: a header and one line per holder and product.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('non-compliance-csv').click(),
    ]);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter((line) => line !== '');
    expect(lines.length).toBe(report.items.length + 1);
    const worst = [...report.items].sort((a, b) => b.daysNonCompliant - a.daysNonCompliant)[0];
    if (worst === undefined) throw new Error('no rows');
    expect(csv).toContain(worst.holderName);

    // Each holder links to its compliance over the same period.
    const firstHolder = bodyRows(page, 'nc-holders').first().locator('th a');
    const name = await firstHolder.innerText();
    await firstHolder.click();
    await page.waitForURL(
      (url) =>
        /^\/holders\/\d+\/compliance$/.test(url.pathname) &&
        url.searchParams.get('from') === from &&
        url.searchParams.get('to') === to,
    );
    await expect.poll(() => page.locator('h1').innerText(), UNTIL_LOADED).toContain(name);
    expect(errors).toEqual([]);
  });
});
