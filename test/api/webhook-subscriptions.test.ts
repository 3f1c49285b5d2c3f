/**
 * Listing and stopping webhook subscriptions, through the response schemas the OpenAPI document
 * publishes: Fastify drops whatever a schema leaves out, so the answers are compared whole.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';
import { createParty, type TestParty } from '../fixtures/identities.ts';

let db: TestDatabase;
let app: FastifyInstance;
let wholesaler: TestParty;
let otherWholesaler: TestParty;

function call(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  party?: TestParty,
  body?: object,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: party === undefined ? {} : { authorization: party.authorization },
    ...(body === undefined ? {} : { payload: body }),
  });
}

interface Subscription {
  readonly id: number;
  readonly url: string;
  readonly topic: string;
  readonly topicRef: string | null;
  readonly createdAt: string;
  readonly secret?: string;
  readonly active?: boolean;
}

beforeAll(async () => {
  db = await createTestDatabase('empty');
  app = await buildApp({ pool: db.pool, allowInternalWebhooks: true });
  [wholesaler, otherWholesaler] = await Promise.all([
    createParty(db.pool, 'wholesaler'),
    createParty(db.pool, 'wholesaler'),
  ]);
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('webhook subscriptions', () => {
  it('lists a subscription with every field and stops it with 204 No Content, audited', async () => {
    const created = await call('POST', '/v1/webhook-subscriptions', wholesaler, {
      url: 'http://127.0.0.1:9/hook',
      topic: 'substance',
      topicRef: 'J01CA',
    });
    expect(created.statusCode).toBe(201);
    const subscription = created.json<Subscription>();
    expect(Object.keys(subscription).sort()).toEqual(
      ['createdAt', 'id', 'secret', 'topic', 'topicRef', 'url'].sort(),
    );
    expect(subscription.secret).toMatch(/^[\w-]{32}$/);

    const listed = await call('GET', '/v1/webhook-subscriptions', wholesaler);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: Subscription[] }>().items).toEqual([
      {
        id: subscription.id,
        url: 'http://127.0.0.1:9/hook',
        topic: 'substance',
        topicRef: 'J01CA',
        createdAt: subscription.createdAt,
        active: true,
      },
    ]);

    const stopped = await call(
      'DELETE',
      `/v1/webhook-subscriptions/${subscription.id}`,
      wholesaler,
    );
    expect(stopped.statusCode).toBe(204);
    expect(stopped.body).toBe('');
    const after = await call('GET', '/v1/webhook-subscriptions', wholesaler);
    expect(after.json<{ items: Subscription[] }>().items.map((item) => item.active)).toEqual([
      false,
    ]);
    const audit = await db.pool.query<{ action: string }>(
      `select action from audit_log where entity = 'webhook_subscription' and entity_id = $1
        order by id`,
      [String(subscription.id)],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['create', 'delete']);
  });

  it('answers 401 without a login and 404 to another organisation', async () => {
    const created = await call('POST', '/v1/webhook-subscriptions', wholesaler, {
      url: 'http://127.0.0.1:9/other',
      topic: 'all',
    });
    const { id } = created.json<Subscription>();
    expect((await call('GET', '/v1/webhook-subscriptions')).statusCode).toBe(401);
    expect((await call('DELETE', `/v1/webhook-subscriptions/${id}`)).statusCode).toBe(401);

    const theirs = await call('GET', '/v1/webhook-subscriptions', otherWholesaler);
    expect(theirs.json<{ items: Subscription[] }>().items).toEqual([]);
    const refused = await call('DELETE', `/v1/webhook-subscriptions/${id}`, otherWholesaler);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const mine = await call('GET', '/v1/webhook-subscriptions', wholesaler);
    expect(
      mine.json<{ items: Subscription[] }>().items.find((item) => item.id === id)?.active,
    ).toBe(true);
  });
});
