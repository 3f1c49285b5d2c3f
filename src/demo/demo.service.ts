/**
 * The demo behind `npm start`: demo organisations and users (one per role), the demo product
 * catalogue (data/demo/products.csv, derived from the HPRA register), and a set of notifications
 * in every state of the workflow, dated relative to the start day so the queue, the late report
 * and the public list always look current. Each part is loaded only when it is missing.
 */
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { systemActor, type Actor, type Role } from '../kernel/actor.ts';
import { seedDemoIdentities, userActor, DEMO_USERS } from '../identity/index.ts';
import { importProductCatalogue } from '../products/service.ts';
import {
  DEMO_SIZE,
  loadMarketReference,
  loadSimulatedMarket,
  restoreSimulatedProductSites,
  simulateMarket,
} from '../simulator/index.ts';
import {
  addNote,
  changeStatus,
  submitNotification,
  type NotificationPorts,
} from '../notifications/service.ts';
import type { NotificationReport } from '../notifications/domain/types.ts';

export const DEMO_CATALOGUE = fileURLToPath(
  new URL('../../data/demo/products.csv', import.meta.url),
);

async function demoActor(pool: pg.Pool, role: Role, organisation?: string): Promise<Actor> {
  const user = DEMO_USERS.find(
    (u) => u.role === role && (organisation === undefined || u.organisation === organisation),
  );
  if (user === undefined) throw new Error(`no demo user with role ${role}`);
  const result = await pool.query<{ id: number; organisation_id: number }>(
    'select id, organisation_id from app_user where lower(email) = lower($1)',
    [user.email],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error(`demo user ${user.email} is missing`);
  return userActor({ id: row.id, email: user.email, organisationId: row.organisation_id, role });
}

function addDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

interface DemoNotification {
  readonly mah: 'Pharmacia Nederland B.V.' | 'Generica Benelux B.V.';
  /** Which of the company's products (by position in its catalogue, ATC order). */
  readonly product: number;
  readonly startInDays: number;
  readonly durationDays: number | null;
  readonly report: Partial<NotificationReport>;
  /** What the notification centre has done with it. */
  readonly then: readonly (
    | 'triaged'
    | 'confirmed_shortage'
    | 'no_shortage'
    | 'withdrawn'
    | 'resolved'
    | 'unforeseeable'
    | 'advice'
    | 'request'
  )[];
}

const SCENARIOS: readonly DemoNotification[] = [
  {
    mah: 'Pharmacia Nederland B.V.',
    product: 0,
    startInDays: 75,
    durationDays: 60,
    report: {
      causeCategory: 'production',
      causeText: 'Planned maintenance of the tablet line takes longer than expected.',
      stockWeeks: 10,
      marketSharePercent: 15,
      partialSupply: true,
    },
    then: [],
  },
  {
    mah: 'Pharmacia Nederland B.V.',
    product: 3,
    startInDays: 20,
    durationDays: 120,
    report: {
      causeCategory: 'active_substance',
      causeText: 'Our only active-substance supplier failed a GMP inspection.',
      stockWeeks: 3,
      marketSharePercent: 60,
      patientImpact: 'high',
    },
    then: ['triaged', 'confirmed_shortage', 'advice'],
  },
  {
    mah: 'Pharmacia Nederland B.V.',
    product: 6,
    startInDays: -5,
    durationDays: 45,
    report: {
      causeCategory: 'increased_demand',
      causeText: 'Demand doubled since a competitor stopped supplying.',
      stockWeeks: 1,
      marketSharePercent: 45,
    },
    then: ['triaged', 'unforeseeable', 'confirmed_shortage', 'advice'],
  },
  {
    mah: 'Pharmacia Nederland B.V.',
    product: 9,
    startInDays: 100,
    durationDays: 30,
    report: {
      causeCategory: 'logistics_distribution',
      causeText: 'Change of distribution centre.',
      stockWeeks: 12,
      marketSharePercent: 5,
      partialSupply: true,
    },
    then: ['triaged', 'no_shortage'],
  },
  {
    mah: 'Pharmacia Nederland B.V.',
    product: 12,
    startInDays: 30,
    durationDays: null,
    report: {
      kind: 'discontinuation',
      causeCategory: 'business_decision',
      causeText: 'The product is withdrawn from the Dutch market.',
      stockWeeks: 8,
      marketSharePercent: 20,
    },
    then: ['request'],
  },
  {
    mah: 'Pharmacia Nederland B.V.',
    product: 15,
    startInDays: 40,
    durationDays: 30,
    report: {
      causeCategory: 'quality_gmp',
      causeText: 'Batch failed release testing; new batch in production.',
      stockWeeks: 6,
      marketSharePercent: 25,
    },
    then: ['withdrawn'],
  },
  {
    mah: 'Generica Benelux B.V.',
    product: 0,
    startInDays: 10,
    durationDays: 90,
    report: {
      causeCategory: 'active_substance',
      causeText: 'Active substance from India delayed by export restrictions.',
      stockWeeks: 2,
      marketSharePercent: 35,
      patientImpact: 'high',
    },
    then: ['triaged', 'confirmed_shortage', 'advice'],
  },
  {
    mah: 'Generica Benelux B.V.',
    product: 4,
    startInDays: 90,
    durationDays: 30,
    report: {
      causeCategory: 'regulatory',
      causeText: 'Variation for a new packaging site pending.',
      stockWeeks: 14,
      marketSharePercent: 10,
      partialSupply: true,
    },
    then: [],
  },
  {
    mah: 'Generica Benelux B.V.',
    product: 8,
    startInDays: 15,
    durationDays: 60,
    report: {
      causeCategory: 'production',
      causeText: 'Fire at the packaging site.',
      stockWeeks: 4,
      marketSharePercent: 30,
    },
    then: ['triaged'],
  },
  {
    mah: 'Generica Benelux B.V.',
    product: 11,
    startInDays: -40,
    durationDays: 35,
    report: {
      causeCategory: 'production',
      causeText: 'Sterile line contamination.',
      stockWeeks: 0,
      marketSharePercent: 50,
      patientImpact: 'high',
    },
    then: ['triaged', 'confirmed_shortage', 'advice', 'resolved'],
  },
  {
    mah: 'Generica Benelux B.V.',
    product: 14,
    startInDays: 50,
    durationDays: 21,
    report: {
      causeCategory: 'other',
      causeText: 'Precautionary report: supplier announced a possible delay.',
      stockWeeks: 16,
      marketSharePercent: 8,
      partialSupply: true,
    },
    then: [],
  },
];

const ADVICE =
  'Verstrek zo mogelijk een alternatief met dezelfde werkzame stof, sterkte en toedieningsvorm. ' +
  'Neem bij twijfel contact op met de voorschrijver.';

async function companyPacks(pool: pg.Pool, organisationId: number): Promise<number[][]> {
  const result = await pool.query<{ product_id: number; pack_ids: number[] }>(
    `select p.id as product_id, array_agg(k.id::int order by k.id) as pack_ids
       from medicinal_product p join pack k on k.product_id = p.id
      where p.mah_organisation_id = $1 group by p.id, p.atc_code, p.registration_number
      order by p.atc_code, p.registration_number`,
    [organisationId],
  );
  return result.rows.map((row) => row.pack_ids);
}

export interface DemoLoadResult {
  readonly usersCreated: number;
  readonly productsImported: number;
  readonly notificationsCreated: number;
}

export async function loadDemoData(
  pool: pg.Pool,
  options: { now: Date; ports: NotificationPorts; log?: (line: string) => void },
): Promise<DemoLoadResult> {
  const log = options.log ?? (() => undefined);
  const seeded = await seedDemoIdentities(pool);
  let productsImported = 0;
  const products = await pool.query<{ n: number }>(
    'select count(*)::int as n from medicinal_product',
  );
  if ((products.rows[0]?.n ?? 0) === 0) {
    const report = await importProductCatalogue(pool, systemActor('demo-seed'), DEMO_CATALOGUE, {
      displayName: 'data/demo/products.csv',
    });
    productsImported = report.products;
    log(`demo catalogue: ${report.products} products, ${report.rowsImported} packs`);
  }
  let notificationsCreated = 0;
  const existing = await pool.query<{ n: number }>('select count(*)::int as n from notification');
  if ((existing.rows[0]?.n ?? 0) === 0) {
    const analyst = await demoActor(pool, 'analyst');
    for (const [index, scenario] of SCENARIOS.entries()) {
      const company = await demoActor(pool, 'mah', scenario.mah);
      const packs = await companyPacks(pool, company.organisationId ?? 0);
      const packIds = packs[scenario.product % Math.max(1, packs.length)];
      if (packIds === undefined) continue;
      const start = addDays(options.now, scenario.startInDays);
      const body = {
        companyReference: `DEMO-${String(index + 1).padStart(3, '0')}`,
        kind: 'shortage',
        packIds,
        expectedStart: start,
        expectedEnd:
          scenario.durationDays === null
            ? null
            : addDays(options.now, scenario.startInDays + scenario.durationDays),
        causeText: '',
        stockWeeks: 4,
        marketSharePercent: 20,
        partialSupply: false,
        ownAlternatives: false,
        otherAlternatives: true,
        patientImpact: 'medium',
        patientImpactText: '',
        mitigationText: '',
        ...scenario.report,
      };
      const created = await submitNotification(pool, company, body, {
        now: options.now,
        ports: options.ports,
      });
      notificationsCreated++;
      const id = created.body.id;
      for (const step of scenario.then) {
        if (step === 'advice') await addNote(pool, analyst, id, { kind: 'advice', body: ADVICE });
        else if (step === 'unforeseeable') {
          await addNote(pool, analyst, id, {
            kind: 'unforeseeable',
            value: true,
            body: 'Competitor stopped without notice.',
          });
        } else if (step === 'request') {
          await addNote(pool, analyst, id, {
            kind: 'information_request',
            body: 'Which alternatives do you expect pharmacists to use?',
          });
        } else if (step === 'withdrawn') {
          await changeStatus(pool, company, id, step, 'New batch released after all.');
        } else {
          await changeStatus(pool, analyst, id, step, '');
        }
      }
    }
    log(`demo notifications: ${notificationsCreated}`);
  }
  return { usersCreated: seeded.usersCreated, productsImported, notificationsCreated };
}

/**
 * The simulated national market behind the stock, cover and early-warning views of the demo: a
 * demo-size market (about 1,500 packs, 11 holders, 400 days) ending on the start day, loaded once.
 */
export async function loadDemoMarket(
  pool: pg.Pool,
  options: { now: Date; log?: (line: string) => void },
): Promise<'loaded' | 'present'> {
  const present = await pool.query<{ start_date: string; has_sites: boolean }>(
    `select to_char(start_date, 'YYYY-MM-DD') as start_date,
            exists (select 1 from product_site) as has_sites
       from simulation_run`,
  );
  const run = present.rows[0];
  if (run !== undefined) {
    // Loaded before product_site existed: the same seed and start give the same market, whose
    // products' sites the watchlist and the site-failure scenario need.
    if (!run.has_sites) {
      const market = simulateMarket({
        seed: 2026,
        reference: await loadMarketReference(pool),
        ...DEMO_SIZE,
        startDate: run.start_date,
      });
      const restored = await restoreSimulatedProductSites(pool, market, {
        actor: systemActor('demo-seed'),
      });
      options.log?.(`demo market: active-substance sites of ${restored} products restored`);
    }
    await reportSimulatedShortages(pool, options);
    return 'present';
  }
  const days = DEMO_SIZE.days;
  const startDate = new Date(options.now.getTime() - (days - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const market = simulateMarket({
    seed: 2026,
    reference: await loadMarketReference(pool),
    ...DEMO_SIZE,
    startDate,
  });
  const result = await loadSimulatedMarket(pool, market, {
    actor: systemActor('demo-seed'),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  options.log?.(
    `demo market: ${result.packs} packs, ${result.stockRows} stock and ${result.demandRows} demand rows, ${result.shortages} simulated shortages`,
  );
  await reportSimulatedShortages(pool, options);
  return 'loaded';
}

/** How many of the simulated market's recent shortages their companies notify in the demo. */
const SIMULATED_REPORTS = 8;

/**
 * The simulated companies notify some of their shortages, as real ones do: the latest ones that
 * began in the last eight weeks, the ongoing first, most reported after the start (as 58% are in
 * BfArM's register). Their notifications sit on packs with stock and demand, so the watchlist
 * shows "open notification" reasons and the pack page its notifications. Loaded once
 * (company references DEMO-SIM-…).
 */
async function reportSimulatedShortages(
  pool: pg.Pool,
  options: { now: Date; log?: (line: string) => void },
): Promise<void> {
  const done = await pool.query(
    "select 1 from notification where company_reference like 'DEMO-SIM-%' limit 1",
  );
  if ((done.rowCount ?? 0) > 0) return;
  const since = addDays(options.now, -56);
  const shortages = await pool.query<{
    id: number;
    pack_id: number;
    mah_id: number;
    start_date: string;
    end_date: string;
    ongoing: boolean;
  }>(
    `select s.id, s.pack_id::int, p.mah_organisation_id::int as mah_id,
            to_char(s.start_date, 'YYYY-MM-DD') as start_date,
            to_char(s.end_date, 'YYYY-MM-DD') as end_date, s.ongoing
       from simulated_shortage s
       join pack k on k.id = s.pack_id
       join medicinal_product p on p.id = k.product_id
      where s.start_date >= $1
      order by s.ongoing desc, s.start_date desc, s.id
      limit $2`,
    [since, SIMULATED_REPORTS],
  );
  const analyst = await demoActor(pool, 'analyst');
  for (const [index, shortage] of shortages.rows.entries()) {
    const company: Actor = {
      kind: 'system',
      id: 'demo-seed',
      name: 'demo-seed (simulated company)',
      organisationId: shortage.mah_id,
      role: 'mah',
    };
    const created = await submitNotification(
      pool,
      company,
      {
        companyReference: `DEMO-SIM-${String(index + 1).padStart(3, '0')}`,
        kind: 'shortage',
        packIds: [shortage.pack_id],
        expectedStart: shortage.start_date,
        // An ongoing shortage: the company expects about two months; an ended one is known.
        expectedEnd: shortage.ongoing ? addDays(options.now, 60) : shortage.end_date,
        causeCategory: index % 2 === 0 ? 'production' : 'active_substance',
        causeText: 'Batches from the active-substance supplier arrive later than planned.',
        stockWeeks: 0,
        marketSharePercent: 30,
        partialSupply: !shortage.ongoing,
        ownAlternatives: false,
        otherAlternatives: true,
        patientImpact: index % 3 === 0 ? 'high' : 'medium',
        patientImpactText: '',
        mitigationText: '',
      },
      { now: options.now },
    );
    if (shortage.ongoing) {
      await changeStatus(pool, analyst, created.body.id, 'triaged', '');
      await changeStatus(pool, analyst, created.body.id, 'confirmed_shortage', '');
    }
  }
  options.log?.(
    `demo market: ${shortages.rows.length} of its shortages notified by their companies`,
  );
}
