import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTS } from '../notifications/service.ts';
import { createTestDatabase, type TestDatabase } from '../../test/setup/database.ts';
import { packWatchlist } from '../early-warning/watchlist.service.ts';
import { loadDemoData, loadDemoMarket } from './demo.service.ts';

describe('the demo behind npm start', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('reference');
  });
  afterAll(async () => {
    await db.close();
  });

  it('loads users, the catalogue and notifications in every state, once', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const first = await loadDemoData(db.pool, { now, ports: DEFAULT_PORTS });
    expect(first.usersCreated).toBe(7);
    expect(first.productsImported).toBeGreaterThan(1000);
    expect(first.notificationsCreated).toBe(11);
    const statuses = await db.pool.query<{ status: string }>(
      'select distinct status from notification order by status',
    );
    expect(statuses.rows.map((r) => r.status)).toEqual([
      'confirmed_shortage',
      'no_shortage',
      'resolved',
      'submitted',
      'triaged',
      'withdrawn',
    ]);
    const again = await loadDemoData(db.pool, { now, ports: DEFAULT_PORTS });
    expect(again).toEqual({ usersCreated: 0, productsImported: 0, notificationsCreated: 0 });
  });

  it('gives the demo companies products under their own names only', async () => {
    const result = await db.pool.query<{ name: string }>(
      `select p.name from medicinal_product p join organisation o on o.id = p.mah_organisation_id
        where o.name in ('Pharmacia Nederland B.V.', 'Generica Benelux B.V.')`,
    );
    expect(result.rows.length).toBeGreaterThan(100);
    expect(result.rows.every((row) => / (Pharmacia|Generica) /.test(row.name))).toBe(true);
  });

  it('loads the simulated market once, with some of its shortages notified by their companies', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(await loadDemoMarket(db.pool, { now })).toBe('loaded');
    const notified = await db.pool.query<{ pack_id: number; simulated: boolean }>(
      `select np.pack_id::int, k.gtin like '08790%' as simulated
         from notification n join notification_pack np on np.notification_id = n.id
         join pack k on k.id = np.pack_id
        where n.company_reference like 'DEMO-SIM-%'`,
    );
    expect(notified.rows.length).toBeGreaterThan(0);
    expect(notified.rows.every((row) => row.simulated)).toBe(true);
    // They sit on packs with stock and demand: the watchlist of the day gives the reason.
    const list = await packWatchlist(db.pool, { asOf: '2026-11-23', minimumScore: 0 });
    const withNotification = list.filter((item) =>
      item.reasons.some((reason) => reason.factor === 'notification'),
    );
    expect(withNotification.length).toBeGreaterThan(0);
    expect(await loadDemoMarket(db.pool, { now })).toBe('present');
    const again = await db.pool.query(
      "select 1 from notification where company_reference like 'DEMO-SIM-%'",
    );
    expect(again.rowCount).toBe(notified.rows.length);
  }, 180_000);
});
