/**
 * The Meldpunt pages in a real browser against the real server with the demo data: a company
 * logs in, is stopped by the form's own check, submits a notification, finds it in its list and
 * updates it (a double click makes one version, not two); the notification centre finds it in
 * the queue ranked with its reasons, treats several at once and confirms it with advice; the
 * public list shows it to anyone with its alternatives and feeds; the late report has its table
 * and chart; another company cannot open it. Every new page passes axe-core and is photographed,
 * in Dutch, and one in English.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, inject, test } from 'vitest';
import { screenshot } from './browser.ts';
import { apiAs, bodyRows, DEMO_LOGINS, expectAccessible, logIn, useBrowser } from './session.ts';

const baseUrl = inject('baseUrl');

/** The demo users (src/identity/README.md, "Demo users"). */
interface Product {
  readonly id: number;
  readonly name: string;
  readonly atc: string | null;
  readonly packs: readonly { readonly id: number; readonly description: string }[];
}
interface NotificationSummary {
  readonly id: number;
  readonly reference: string;
  readonly status: string;
  readonly version: number;
  readonly products: readonly { readonly productId: number }[];
  readonly risk: { readonly score: number | null };
}

/** The calendar date `days` from today (UTC, as the server dates a first report). */
function isoDaysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A company reference of this run: the tests also run against a server that keeps its data. */
const REFERENCE = `E2E-${Date.now().toString(36)}`;

/** Shared between the tests of this file, which run in order. */
const story: {
  product?: Product;
  notification?: { id: number; reference: string };
} = {};

describe.skipIf(baseUrl === '')('the Meldpunt pages in Chromium', () => {
  const newPage = useBrowser();

  test('a company logs in, is stopped by the form, submits a notification and sees it in its list', async () => {
    const { page, errors } = await newPage();
    // A page for companies sends a visitor to the login page first, and back after it.
    await page.goto(`${baseUrl}/my-notifications`);
    await page.waitForURL(/\/login\?next=%2Fmy-notifications/);
    await page.locator('h1', { hasText: 'Inloggen' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'login');

    await page.getByTestId('login-email').fill(DEMO_LOGINS.pharmacia.email);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('Het e-mailadres of het wachtwoord klopt niet');
    await logIn(page, DEMO_LOGINS.pharmacia);
    await page.waitForURL('**/my-notifications');
    await page.locator('h1', { hasText: 'Meldingen van uw organisatie' }).waitFor();

    // The header names the user, the organisation and the role.
    await page.getByTestId('user-menu').click();
    expect(await page.getByTestId('user-organisation').innerText()).toBe(
      'Pharmacia Nederland B.V.',
    );
    expect(await page.getByTestId('user-role').innerText()).toBe('Handelsvergunninghouder');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('user-menu').getAttribute('aria-expanded')).toBe('false');

    // A product of the company with alternatives of the same substance, strength and form from
    // other companies, and no notification yet.
    const session = await apiAs<{ organisation: { id: number } }>(page, '/sessions/current');
    const own = await apiAs<{ items: NotificationSummary[] }>(page, '/notifications?pageSize=500');
    const reported = new Set(own.items.flatMap((n) => n.products.map((p) => p.productId)));
    const products = await apiAs<{ items: Product[] }>(
      page,
      `/products?organisationId=${String(session.organisation.id)}&pageSize=500`,
    );
    let product: Product | undefined;
    for (const candidate of [...products.items].sort((a, b) => a.name.localeCompare(b.name))) {
      if (reported.has(candidate.id) || candidate.atc === null) continue;
      const alternatives = await apiAs<{ items: { match: string }[] }>(
        page,
        `/products/${String(candidate.id)}/alternatives`,
      );
      if (alternatives.items.some((a) => a.match === 'same-substance-strength-form')) {
        product = candidate;
        break;
      }
    }
    expect(product, 'a product of Pharmacia with alternatives').toBeDefined();
    if (product === undefined) return;
    story.product = product;
    const pack = product.packs[0];
    if (pack === undefined) throw new Error('the product has no pack');

    await page.getByTestId('new-notification').click();
    await page.waitForURL('**/notifications/new');
    await page.getByTestId('pack-search').fill(product.name);
    await page.getByTestId(`pack-${String(pack.id)}`).check();
    await expect
      .poll(() => page.getByTestId('packs-chosen').innerText())
      .toBe('1 verpakking gekozen:');

    const form = page.getByTestId('report-form');
    await form
      .getByRole('group', { name: 'Soort melding' })
      .getByLabel('Tekort', { exact: true })
      .check();
    // Starts in 30 days: less than the two months' notice, so it is reported late.
    await form.getByLabel('Verwachte start').fill(isoDaysFromToday(30));
    await form.getByLabel('Verwacht einde').fill(isoDaysFromToday(120));
    await form.getByLabel('Eigen kenmerk').fill(REFERENCE);
    await form
      .getByRole('combobox', { name: 'Oorzaak', exact: true })
      .selectOption('active_substance');
    await form
      .getByLabel('Toelichting op de oorzaak')
      .fill('De leverancier van de werkzame stof levert <script>alert(1)</script> later.');
    await form.getByLabel('Voorraad in Nederland (weken)').fill('600');
    await form.getByLabel('Marktaandeel (%)').fill('35');
    for (const [question, answer] of [
      ['Gaat de levering gedeeltelijk door?', 'Nee'],
      ['Heeft uw organisatie zelf alternatieven?', 'Nee'],
      ['Hebben andere bedrijven alternatieven?', 'Ja'],
    ] as const) {
      await form.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
    }
    await form.getByRole('group', { name: 'Gevolgen voor patiënten' }).getByLabel('Middel').check();

    // 600 weeks is more than the server's 520: the form says so before anything is sent.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/v1/notifications'))
        posts.push(request.url());
    });
    await page.getByTestId('report-submit').click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain(
      'Voorraad in Nederland (weken): Vul een getal in van 0 tot en met 520.',
    );
    const stock = form.getByLabel('Voorraad in Nederland (weken)');
    expect(await stock.getAttribute('aria-invalid')).toBe('true');
    expect(posts).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'notification-form-error');

    await stock.fill('6');
    expect(await stock.getAttribute('aria-invalid')).toBeNull();
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/notifications\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    expect(posts).toHaveLength(1);
    await page.getByRole('status').filter({ hasText: 'Uw melding is ontvangen' }).waitFor();
    const reference = (await page.locator('h1').innerText()).trim();
    expect(reference).toMatch(/^MLD-\d{4}-\d{6}$/);
    story.notification = { id, reference };
    // The injected markup is shown as text, not run.
    expect(await page.getByTestId('report').innerText()).toContain('<script>alert(1)</script>');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByText('Mijn meldingen').click();
    await page.waitForURL('**/my-notifications');
    await bodyRows(page, 'mine').filter({ hasText: reference }).waitFor();
    expect(await bodyRows(page, 'mine').filter({ hasText: reference }).innerText()).toContain(
      'Ingediend',
    );
    await expectAccessible(page);
    await screenshot(page, 'my-notifications');
    expect(errors).toEqual([]);
  });

  test('the server’s own errors show next to their field (a reference already used)', async () => {
    const { page } = await newPage();
    await page.goto(`${baseUrl}/notifications/new`);
    await logIn(page, DEMO_LOGINS.pharmacia);
    await page.waitForURL('**/notifications/new');
    const product = story.product;
    if (product === undefined) throw new Error('the first test found no product');
    await page.getByTestId('pack-search').fill(product.name);
    await page.getByTestId(`pack-${String(product.packs[0]?.id ?? 0)}`).check();
    const form = page.getByTestId('report-form');
    await form.getByRole('group', { name: 'Soort melding' }).getByLabel('Stopzetting').check();
    await form.getByLabel('Verwachte start').fill(isoDaysFromToday(200));
    await form.getByLabel('Eigen kenmerk').fill(REFERENCE);
    await form
      .getByRole('combobox', { name: 'Oorzaak', exact: true })
      .selectOption('business_decision');
    await form.getByLabel('Toelichting op de oorzaak').fill('Uit het assortiment.');
    await form.getByLabel('Voorraad in Nederland (weken)').fill('20');
    await form.getByLabel('Marktaandeel (%)').fill('5');
    for (const question of [
      'Gaat de levering gedeeltelijk door?',
      'Heeft uw organisatie zelf alternatieven?',
      'Hebben andere bedrijven alternatieven?',
    ]) {
      await form.getByRole('group', { name: question }).getByLabel('Ja', { exact: true }).check();
    }
    await form.getByRole('group', { name: 'Gevolgen voor patiënten' }).getByLabel('Laag').check();
    await page.getByTestId('report-submit').click();
    await page.getByTestId('error-summary').waitFor();
    const field = form.getByLabel('Eigen kenmerk');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const message = page.locator(`[id="${describedBy.split(' ').pop() ?? ''}"]`);
    expect(await message.innerText()).toContain('U heeft al een melding met dit eigen kenmerk');
    expect(new URL(page.url()).pathname).toBe('/notifications/new');
  });

  test('the company updates its notification: one new version with a readable diff', async () => {
    const notification = story.notification;
    if (notification === undefined) throw new Error('the first test made no notification');
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/notifications/${String(notification.id)}`);
    await logIn(page, DEMO_LOGINS.pharmacia);
    await page.locator('h1', { hasText: notification.reference }).waitFor();
    await page.getByTestId('update-notification').click();
    await page.waitForURL(`**/notifications/${String(notification.id)}/update`);
    const form = page.getByTestId('report-form');
    const stock = form.getByLabel('Voorraad in Nederland (weken)');
    expect(await stock.inputValue()).toBe('6');
    expect(await page.getByTestId('packs-chosen').innerText()).toBe('1 verpakking gekozen:');

    // Sending an unchanged report is caught before it reaches the server.
    await page.getByTestId('report-submit').click();
    await page.getByText('U heeft niets gewijzigd').waitFor();

    await stock.fill('3');
    await form
      .getByRole('group', { name: 'Gaat de levering gedeeltelijk door?' })
      .getByLabel('Ja')
      .check();
    // A double click sends one update (the button guards, the Idempotency-Key makes sure).
    await page.getByTestId('report-submit').dblclick();
    await page.waitForURL(`**/notifications/${String(notification.id)}`);
    await page.getByText(`Versie 2 van ${notification.reference} is ontvangen.`).waitFor();
    const detail = await apiAs<NotificationSummary & { versions: unknown[] }>(
      page,
      `/notifications/${String(notification.id)}`,
    );
    expect(detail.version).toBe(2);
    expect(detail.versions).toHaveLength(2);

    const diff = page.getByTestId('diff-2');
    const rows = await diff.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      'Voorraad in Nederland (weken) 6 weken 3 weken',
      'Gedeeltelijke levering nee ja',
    ]);
    expect(await page.getByTestId('events').innerText()).toContain(
      'Versie 2: Voorraad in Nederland (weken), Gedeeltelijke levering gewijzigd.',
    );
    // A company sees neither the triage score nor the audit trail.
    expect(await page.getByTestId('risk').count()).toBe(0);
    expect(await page.getByTestId('audit').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'notification-detail-company');
    expect(errors).toEqual([]);
  });

  test('another company cannot open the notification, nor the analysts’ queue', async () => {
    const notification = story.notification;
    if (notification === undefined) throw new Error('the first test made no notification');
    const { page } = await newPage();
    await page.goto(`${baseUrl}/notifications/${String(notification.id)}`);
    await logIn(page, DEMO_LOGINS.generica);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Niet gevonden');
    expect(await page.locator('main').innerText()).not.toContain(REFERENCE);

    await page.goto(`${baseUrl}/my-notifications`);
    await bodyRows(page, 'mine').first().waitFor();
    expect(await page.locator('#mine').innerText()).not.toContain(notification.reference);

    await page.goto(`${baseUrl}/notifications`);
    await page.locator('h1', { hasText: 'Geen toegang' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Handelsvergunninghouder');
    await expectAccessible(page);
  });

  test('the analyst finds it in the queue ranked with its reasons, treats several at once and confirms it with advice', async () => {
    const notification = story.notification;
    if (notification === undefined) throw new Error('the first test made no notification');
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/notifications`);
    await logIn(page, DEMO_LOGINS.analyst);
    await page.waitForURL('**/notifications');
    await bodyRows(page, 'queue').first().waitFor();

    // Ranked by risk, as the API ranks it, each row with its reasons.
    const ranked = await apiAs<{ items: NotificationSummary[] }>(
      page,
      '/notifications?sort=-riskScore&pageSize=25',
    );
    const shown = await bodyRows(page, 'queue').locator('th').allInnerTexts();
    expect(shown.map((text) => text.trim())).toEqual(ranked.items.map((n) => n.reference));
    const scores = ranked.items.map((n) => n.risk.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const row = bodyRows(page, 'queue').filter({ hasText: notification.reference });
    expect(await row.locator('.ms-reasons li').count()).toBeGreaterThan(0);
    expect(await row.innerText()).toMatch(/Geen alternatieven|alternatie|Unielijst|Voorraad/);

    // Bulk: triage the new one and a confirmed one; the second cannot be triaged.
    const confirmed = ranked.items.find((n) => n.status === 'confirmed_shortage');
    expect(confirmed).toBeDefined();
    await page.getByLabel(`Selecteer ${notification.reference}`).check();
    await page.getByLabel(`Selecteer ${confirmed?.reference ?? ''}`).check();
    expect(await page.getByTestId('bulk-count').innerText()).toBe('2 meldingen geselecteerd.');
    await page.getByTestId('bulk-triaged').click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    expect(await results.locator('[data-outcome="ok"]').innerText()).toContain(
      notification.reference,
    );
    expect(await results.locator('[data-outcome="failed"]').innerText()).toContain(
      `Een melding met status ‘Tekort bevestigd’ kan niet naar ‘Getrieerd’.`,
    );
    await expect.poll(() => row.innerText()).toContain('Getrieerd');

    // Filters live in the URL.
    await page.getByLabel('Status', { exact: true }).selectOption('triaged');
    await page.waitForURL(/[?&]status=triaged/);
    await expect
      .poll(async () =>
        (await bodyRows(page, 'queue').allInnerTexts()).every((text) => text.includes('Getrieerd')),
      )
      .toBe(true);
    await expect.poll(() => page.locator('#queue').getAttribute('aria-busy')).toBe('false');
    expect(await bodyRows(page, 'queue').locator('th').allInnerTexts()).toContain(
      notification.reference,
    );
    await expectAccessible(page);
    await screenshot(page, 'triage-queue');

    await row.getByRole('link', { name: notification.reference }).click();
    await page.waitForURL(`**/notifications/${String(notification.id)}`);
    const risk = page.getByTestId('risk');
    await risk.waitFor();
    expect(await bodyRows(page, 'factors').count()).toBe(7);
    await page.getByTestId('abroad-section').waitFor();

    await page.getByTestId('status-confirmed_shortage').click();
    await page
      .getByTestId('status-actions')
      .getByText('De status is nu ‘Tekort bevestigd’.')
      .waitFor();
    const advice =
      'Geef een product van een ander bedrijf met dezelfde werkzame stof en sterkte. Overleg bij twijfel met de voorschrijver.';
    const adviceForm = page.getByTestId('advice-form');
    await adviceForm.getByLabel('Advies', { exact: true }).fill(advice);
    await adviceForm.getByRole('button', { name: 'Advies opslaan' }).click();
    await adviceForm.getByText('Het advies is opgeslagen.').waitFor();
    await expect.poll(() => page.getByTestId('public-advice').innerText()).toBe(advice);
    await expect.poll(() => bodyRows(page, 'audit').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('#audit').innerText()).toContain('Getrieerd → Tekort bevestigd');
    await expectAccessible(page);
    await screenshot(page, 'notification-detail-analyst');
    expect(errors).toEqual([]);
  });

  test('the public list, without login, shows the shortage with its advice, alternatives and feeds', async () => {
    const product = story.product;
    const notification = story.notification;
    if (product === undefined || notification === undefined)
      throw new Error('the earlier tests made no notification');
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/shortages`);
    await bodyRows(page, 'shortages').first().waitFor();
    expect(await page.getByTestId('login-link').innerText()).toBe('Inloggen');
    await bodyRows(page, 'shortages').first().locator('.ms-alternatives summary').click();
    await expectAccessible(page);
    await screenshot(page, 'shortages');

    await page.getByTestId('shortages-query').fill(product.name);
    await page.waitForURL((url) => url.searchParams.get('query') === product.name);
    const row = bodyRows(page, 'shortages').filter({ hasText: product.name });
    await row.waitFor();
    expect(await row.innerText()).toContain('Verwacht tekort');
    expect(await row.innerText()).toContain('Geef een product van een ander bedrijf');
    expect(await row.innerText()).toContain('Werkzame stof');
    const alternatives = row.locator('.ms-alternatives');
    await alternatives.locator('summary').click();
    expect(await alternatives.locator('li').count()).toBeGreaterThan(0);
    expect(await alternatives.innerText()).toContain('zelfde stof, sterkte en vorm');

    // Feeds: a visible follow link per product and substance, and <link rel="alternate">.
    const productFeed = row.getByRole('link', {
      name: `Volgen: tekorten van ${product.name} (Atom-feed)`,
    });
    expect(await productFeed.getAttribute('href')).toBe(`/v1/feeds/products/${String(product.id)}`);
    expect(
      await page.locator('head link[rel="alternate"][type="application/atom+xml"]').count(),
    ).toBeGreaterThan(0);
    const feed = await fetch(`${baseUrl}/v1/feeds/products/${String(product.id)}`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const atom = await feed.text();
    expect(atom).toContain(notification.reference);
    // The feed's entry links back to the list, showing that one shortage.
    const entryLink = /<link[^>]*href="[^"]*(\/shortages\?reference=[^"]+)"/.exec(atom)?.[1] ?? '';
    expect(entryLink).toContain(encodeURIComponent(notification.reference));
    await page.goto(`${baseUrl}${entryLink}`);
    await expect.poll(() => bodyRows(page, 'shortages').count()).toBe(1);
    expect(await bodyRows(page, 'shortages').innerText()).toContain(product.name);
    await page.getByTestId('shortages-show-all').click();
    await page.getByTestId('shortages-query').fill(product.name);

    // The reload keeps the search; the CSV holds the rows on screen.
    await page.reload();
    await row.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('shortages-csv').click(),
    ]);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    expect(csv.split(/\r\n/)[0]).toBe(
      'Geneesmiddel,Werkzame stof,Periode,Oorzaak,Advies,Alternatieven',
    );
    expect(csv).toContain(product.name);
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });

  test('the language switch relabels the public list', async () => {
    const { page } = await newPage();
    await page.goto(`${baseUrl}/shortages`);
    await bodyRows(page, 'shortages').first().waitFor();
    expect(await page.locator('h1').innerText()).toBe(
      'Actuele en verwachte geneesmiddelentekorten',
    );
    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.locator('h1').innerText())
      .toBe('Current and expected medicine shortages');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#shortages thead').innerText()).toContain('Alternatives');
    expect(await page.getByRole('navigation', { name: 'Main menu' }).innerText()).toContain(
      'Shortages',
    );
    await expectAccessible(page);
    await screenshot(page, 'shortages-en');
  });

  test('the late report shows late and on-time notifications per company as table and chart', async () => {
    const { page, errors } = await newPage();
    const from = `${isoDaysFromToday(0).slice(0, 4)}-01-01`;
    const to = isoDaysFromToday(0);
    await page.goto(`${baseUrl}/late-notifications?from=${from}&to=${to}`);
    await logIn(page, DEMO_LOGINS.policy);
    await page.waitForURL(/\/late-notifications\?from=/);
    const report = await apiAs<{
      byCompany: { organisationName: string; late: number; notifications: number }[];
      notifications: unknown[];
    }>(page, `/late-notifications?from=${from}&to=${to}`);
    expect(report.byCompany.length).toBeGreaterThan(0);

    await expect.poll(() => bodyRows(page, 'companies').count()).toBe(report.byCompany.length);
    expect(await page.locator('.ms-bars__row').count()).toBe(report.byCompany.length);
    const pharmacia = report.byCompany.find((row) => row.organisationName.startsWith('Pharmacia'));
    expect(pharmacia?.late).toBeGreaterThan(0);
    expect(
      await bodyRows(page, 'companies')
        .filter({ hasText: 'Pharmacia' })
        .locator('td')
        .nth(1)
        .innerText(),
    ).toBe(String(pharmacia?.late));
    expect(await bodyRows(page, 'late').count()).toBe(Math.min(10, report.notifications.length));
    // The chart's figures are also a table.
    await page.getByText('Toon als tabel').click();
    await expect
      .poll(() => bodyRows(page, 'late-chart-table').count())
      .toBe(report.byCompany.length);

    // Another period goes into the URL.
    await page.getByRole('button', { name: 'Vorig jaar' }).click();
    await page.waitForURL(/from=\d{4}-01-01&to=\d{4}-12-31/);
    await page.getByRole('button', { name: 'Dit jaar' }).click();
    await page.waitForURL(`**/late-notifications?from=${from}&to=${to}`);
    await bodyRows(page, 'companies').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'late-report');
    expect(errors).toEqual([]);
  });

  test('the substance page shows what is short here and abroad', async () => {
    const product = story.product;
    if (product?.atc == null) throw new Error('the first test found no product');
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/substances/${product.atc}`);
    await page.getByTestId('substance-shortages').waitFor();
    expect(await page.getByTestId('substance-shortages').innerText()).toContain(product.name);
    await page.getByTestId('abroad-section').waitFor();
    const abroad = await fetch(
      `${baseUrl}/v1/substances/${product.atc}/foreign-shortages?activeOn=${isoDaysFromToday(0)}`,
    );
    const items = ((await abroad.json()) as { items: unknown[] }).items;
    if (items.length === 0) {
      await page.getByTestId('abroad-none').waitFor();
    } else {
      await expect.poll(() => bodyRows(page, 'abroad').count()).toBe(Math.min(10, items.length));
    }
    await expectAccessible(page);

    // A substance the demo has shortages of here and in Germany.
    await page.goto(`${baseUrl}/substances/A02BC05`);
    await page.getByTestId('substance-shortages').waitFor();
    await bodyRows(page, 'abroad').first().waitFor();
    expect(await page.locator('#abroad').innerText()).toContain('BfArM');
    await expectAccessible(page);
    await screenshot(page, 'substance-short-abroad');

    // The user menu logs out; the header offers the login again.
    expect(errors).toEqual([]);
  });

  test('the user menu logs out', async () => {
    const { page } = await newPage();
    await page.goto(`${baseUrl}/login`);
    await logIn(page, DEMO_LOGINS.analyst);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-link').waitFor();
    await page.goto(`${baseUrl}/notifications`);
    await page.waitForURL(/\/login/);
  });
});
