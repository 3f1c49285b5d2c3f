/**
 * Public information: the list of current and expected shortages with advice and alternatives,
 * the change feed (new, changed, resolved since a time), Atom feeds per product and substance,
 * and webhook subscriptions whose deliveries are signed and retried.
 */
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type pg from 'pg';
import type { Actor } from '../kernel/actor.ts';
import { UserFacingError } from '../kernel/errors.ts';
import { appendAudit } from '../platform/audit.ts';
import { inTransaction } from '../platform/database.ts';
import { displayName, loadRegistrySnapshot } from '../registry/index.ts';
import { alternativesFor } from '../products/http.ts';
import { findProduct } from '../products/store/products.store.ts';
import {
  listNotifications,
  type NotificationRow,
} from '../notifications/store/notifications.store.ts';
import { isInternalAddress, webhookUrlProblem } from './webhook-address.ts';
import { renderAtom, type AtomEntry } from './domain/atom.ts';
import {
  changeType,
  publicPhase,
  type ChangeType,
  type PublicPhase,
} from './domain/public-shortage.ts';
import { retryDelaySeconds, signPayload } from './webhook-signature.ts';

export interface PublicShortage {
  readonly reference: string;
  readonly phase: PublicPhase;
  readonly kind: string;
  readonly expectedStart: string;
  readonly expectedEnd: string | null;
  readonly causeCategory: string;
  readonly advice: string;
  readonly organisationName: string;
  readonly atc: string[];
  readonly substance: { en: string | null; nl: string | null };
  readonly products: {
    productId: number;
    registrationNumber: string;
    name: string;
    strength: string;
    doseForm: string;
    packs: { gtin: string | null; nationalCode: string | null; description: string }[];
    alternatives: Awaited<ReturnType<typeof alternativesFor>>;
  }[];
  readonly updatedAt: string;
}

async function toPublic(
  pool: pg.Pool,
  row: NotificationRow,
  asOf: string,
): Promise<PublicShortage | undefined> {
  const phase = publicPhase(row.status, row.report.expectedStart, asOf);
  if (phase === undefined) return undefined;
  const snapshot = await loadRegistrySnapshot(pool);
  const atc = [...new Set(row.products.flatMap((p) => (p.atc === null ? [] : [p.atc])))];
  const names = snapshot.names.get(atc[0] ?? '');
  const byProduct = new Map<number, PublicShortage['products'][number]>();
  for (const item of row.products) {
    let product = byProduct.get(item.productId);
    if (product === undefined) {
      const full = await findProduct(pool, item.productId);
      product = {
        productId: item.productId,
        registrationNumber: item.registrationNumber,
        name: item.name,
        strength: item.strength,
        doseForm: item.doseForm,
        packs: [],
        alternatives: full === undefined ? [] : await alternativesFor(pool, full),
      };
      byProduct.set(item.productId, product);
    }
    product.packs.push({
      gtin: item.gtin,
      nationalCode: item.nationalCode,
      description: item.description,
    });
  }
  return {
    reference: row.reference,
    phase,
    kind: row.report.kind,
    expectedStart: row.report.expectedStart,
    expectedEnd: row.report.expectedEnd,
    causeCategory: row.report.causeCategory,
    advice: row.public_advice,
    organisationName: row.organisation_name,
    atc,
    substance: { en: displayName(names), nl: names?.nl ?? null },
    products: [...byProduct.values()],
    updatedAt: (row.public_changed_at ?? row.updated_at).toISOString(),
  };
}

export interface PublicFilter {
  readonly phase?: 'current' | 'expected' | undefined;
  readonly atc?: string | undefined;
  readonly productId?: number | undefined;
  readonly query?: string | undefined;
  /** One notification by its reference (MLD-2026-000123), as the feeds link to it. */
  readonly reference?: string | undefined;
}

/** The public list as of a date: confirmed shortages, current ones first, then by start. */
export async function publicShortages(
  pool: pg.Pool,
  asOf: string,
  filter: PublicFilter = {},
): Promise<PublicShortage[]> {
  const rows = await listNotifications(pool, {
    statuses: ['confirmed_shortage'],
    atc: filter.atc,
    productId: filter.productId,
  });
  const items: PublicShortage[] = [];
  for (const row of rows) {
    const item = await toPublic(pool, row, asOf);
    if (item === undefined || (filter.phase !== undefined && item.phase !== filter.phase)) continue;
    if (filter.reference !== undefined && item.reference !== filter.reference) continue;
    if (filter.query !== undefined && filter.query !== '') {
      const query = filter.query.toLowerCase();
      const text = [
        item.substance.en,
        item.substance.nl,
        ...item.products.map((p) => p.name),
        ...item.atc,
      ]
        .join(' ')
        .toLowerCase();
      if (!text.includes(query)) continue;
    }
    items.push(item);
  }
  return items.sort(
    (a, b) =>
      (a.phase === b.phase ? 0 : a.phase === 'current' ? -1 : 1) ||
      a.expectedStart.localeCompare(b.expectedStart) ||
      a.reference.localeCompare(b.reference),
  );
}

async function confirmedAt(pool: pg.Pool, ids: readonly number[]): Promise<Map<number, Date>> {
  const result = await pool.query<{ notification_id: number; at: Date }>(
    `select notification_id, max(at) as at from notification_event
      where notification_id = any($1) and kind = 'status_change' and to_status = 'confirmed_shortage'
      group by notification_id`,
    [ids],
  );
  return new Map(result.rows.map((row) => [row.notification_id, row.at]));
}

export interface PublicChange {
  readonly type: ChangeType;
  readonly changedAt: string;
  readonly reference: string;
  readonly shortage: PublicShortage | null;
}

/** What changed on the public list after `since`: for scrapers and apps instead of copying pages. */
export async function publicChanges(
  pool: pg.Pool,
  since: Date,
  asOf: string,
): Promise<PublicChange[]> {
  const rows = await listNotifications(pool, { changedSince: since });
  const confirmed = await confirmedAt(
    pool,
    rows.map((row) => row.id),
  );
  const changes: PublicChange[] = [];
  for (const row of rows) {
    const type = changeType(row.status, confirmed.get(row.id) ?? null, since);
    changes.push({
      type,
      changedAt: (row.public_changed_at ?? row.updated_at).toISOString(),
      reference: row.reference,
      shortage: type === 'resolved' ? null : ((await toPublic(pool, row, asOf)) ?? null),
    });
  }
  return changes.sort(
    (a, b) => a.changedAt.localeCompare(b.changedAt) || a.reference.localeCompare(b.reference),
  );
}

const PHASE_NL: Record<PublicPhase, string> = {
  current: 'Tekort',
  expected: 'Verwacht tekort',
  resolved: 'Opgelost',
};

/** An Atom feed of the public shortages of one product or one substance (ATC prefix). */
export async function shortageFeed(
  pool: pg.Pool,
  target: { kind: 'product'; id: number } | { kind: 'substance'; atc: string },
  asOf: string,
  baseUrl: string,
): Promise<string> {
  const rows = await listNotifications(pool, {
    statuses: ['confirmed_shortage', 'resolved'],
    ...(target.kind === 'product' ? { productId: target.id } : { atc: target.atc }),
  });
  const entries: AtomEntry[] = [];
  for (const row of rows) {
    // Only notifications that have been on the public list: resolved ones that were confirmed.
    if (row.status === 'resolved' && (await confirmedAt(pool, [row.id])).size === 0) continue;
    const item = await toPublic(pool, row, asOf);
    if (item === undefined) continue;
    const names = item.products.map((p) => p.name).join(', ');
    entries.push({
      id: `urn:medsupply:shortage:${item.reference}:${item.updatedAt}`,
      title: `${PHASE_NL[item.phase]}: ${names}`,
      updated: item.updatedAt,
      link: `${baseUrl}/shortages?reference=${encodeURIComponent(item.reference)}`,
      summary:
        `${names}. Verwacht van ${item.expectedStart} tot ${item.expectedEnd ?? 'onbekend'}. ` +
        (item.advice === '' ? '' : `Advies: ${item.advice} `) +
        (item.products[0]?.alternatives.length
          ? `Alternatieven: ${item.products[0].alternatives.map((a) => a.name).join('; ')}.`
          : ''),
    });
  }
  entries.sort((a, b) => b.updated.localeCompare(a.updated));
  const title =
    target.kind === 'product'
      ? `Geneesmiddelentekorten: product ${(await findProduct(pool, target.id))?.name ?? target.id}`
      : `Geneesmiddelentekorten: ${target.atc}`;
  const path =
    target.kind === 'product'
      ? `/v1/feeds/products/${target.id}`
      : `/v1/feeds/substances/${target.atc}`;
  return renderAtom({
    id: `urn:medsupply:feed:${target.kind}:${target.kind === 'product' ? target.id : target.atc}`,
    title,
    link: `${baseUrl}/shortages`,
    selfLink: `${baseUrl}${path}`,
    updated: entries[0]?.updated ?? new Date(0).toISOString(),
    entries,
  });
}

// ---- webhooks

export interface WebhookOptions {
  /** Allow loopback and private addresses (tests and closed networks only). */
  readonly allowInternalAddresses: boolean;
}

async function checkWebhookAddress(url: string, options: WebhookOptions): Promise<void> {
  const problem = webhookUrlProblem(url);
  if (problem !== undefined) {
    throw new UserFacingError('MS_REQUEST_INVALID', `url ${problem}`, [
      { pointer: '/url', code: 'MS_REQUEST_INVALID', detail: `url ${problem}` },
    ]);
  }
  if (options.allowInternalAddresses) return;
  const { hostname } = new URL(url);
  const addresses = await lookup(hostname.replace(/^\[|\]$/g, ''), { all: true }).catch(() => []);
  if (addresses.length === 0 || addresses.some((a) => isInternalAddress(a.address))) {
    throw new UserFacingError(
      'MS_WEBHOOK_URL_REFUSED',
      `url ${url} does not resolve to a public address; webhooks are only sent to public addresses`,
    );
  }
}

export async function subscribeWebhook(
  pool: pg.Pool,
  actor: Actor,
  input: { url: string; topic: 'all' | 'product' | 'substance'; topicRef?: string | undefined },
  options: WebhookOptions,
) {
  await checkWebhookAddress(input.url, options);
  if (input.topic !== 'all' && (input.topicRef === undefined || input.topicRef === '')) {
    throw new UserFacingError(
      'MS_REQUEST_INVALID',
      'topicRef is required for a product or substance topic',
      [
        {
          pointer: '/topicRef',
          code: 'MS_REQUEST_INVALID',
          detail: 'topicRef is required for this topic',
        },
      ],
    );
  }
  const secret = randomBytes(24).toString('base64url');
  return inTransaction(pool, async (client) => {
    const result = await client.query<{ id: number; created_at: Date }>(
      `insert into webhook_subscription (url, topic, topic_ref, secret, created_by, organisation_id)
       values ($1, $2, $3, $4, $5, $6) returning id, created_at`,
      [
        input.url,
        input.topic,
        input.topic === 'all' ? null : (input.topicRef ?? null),
        secret,
        actor.id,
        actor.organisationId,
      ],
    );
    const row = result.rows[0];
    await appendAudit(client, {
      actor,
      organisationId: actor.organisationId,
      action: 'create',
      entity: 'webhook_subscription',
      entityId: String(row?.id),
      after: { url: input.url, topic: input.topic, topicRef: input.topicRef ?? null },
    });
    return {
      id: row?.id ?? 0,
      url: input.url,
      topic: input.topic,
      topicRef: input.topicRef ?? null,
      secret,
      createdAt: row?.created_at.toISOString(),
    };
  });
}

export async function listWebhooks(pool: pg.Pool, actor: Actor) {
  const result = await pool.query<{
    id: number;
    url: string;
    topic: string;
    topic_ref: string | null;
    created_at: Date;
    disabled_at: Date | null;
  }>(
    `select id, url, topic, topic_ref, created_at, disabled_at from webhook_subscription
      where ($1::bigint is null and $2 = 'admin') or organisation_id = $1 or created_by = $3 order by id`,
    [actor.organisationId, actor.role, actor.id],
  );
  return result.rows.map((row) => ({
    id: row.id,
    url: row.url,
    topic: row.topic,
    topicRef: row.topic_ref,
    createdAt: row.created_at.toISOString(),
    active: row.disabled_at === null,
  }));
}

export async function deleteWebhook(pool: pg.Pool, actor: Actor, id: number): Promise<void> {
  await inTransaction(pool, async (client) => {
    const result = await client.query<{
      organisation_id: number | null;
      created_by: string;
      url: string;
    }>(
      'select organisation_id, created_by, url from webhook_subscription where id = $1 and disabled_at is null',
      [id],
    );
    const row = result.rows[0];
    const own =
      row !== undefined &&
      (actor.role === 'admin' ||
        row.created_by === actor.id ||
        (row.organisation_id !== null && row.organisation_id === actor.organisationId));
    if (!own) throw new UserFacingError('MS_REQUEST_NOT_FOUND', `no webhook subscription ${id}`);
    await client.query('update webhook_subscription set disabled_at = now() where id = $1', [id]);
    await appendAudit(client, {
      actor,
      organisationId: actor.organisationId,
      action: 'delete',
      entity: 'webhook_subscription',
      entityId: String(id),
      before: { url: row.url },
    });
  });
}

function matches(
  subscription: { topic: string; topic_ref: string | null },
  shortage: NotificationRow,
): boolean {
  if (subscription.topic === 'all') return true;
  if (subscription.topic === 'product')
    return shortage.products.some((p) => String(p.productId) === subscription.topic_ref);
  return shortage.products.some(
    (p) => p.atc !== null && p.atc.startsWith(subscription.topic_ref ?? '\u0000'),
  );
}

/**
 * One round of the webhook dispatcher: queue a delivery for every public change since the last
 * round and every matching subscription, then send the due deliveries, retrying failures later.
 */
export async function runWebhookRound(
  pool: pg.Pool,
  options: WebhookOptions & {
    now: Date;
    send?: (url: string, body: string, signature: string) => Promise<number>;
  },
): Promise<{ queued: number; delivered: number; failed: number }> {
  const send =
    options.send ??
    (async (url: string, body: string, signature: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'medsupply-signature': signature },
        body,
        signal: AbortSignal.timeout(5_000),
        redirect: 'manual',
      });
      return response.status;
    });
  const cursor = await pool.query<{ last_change: Date }>('select last_change from webhook_cursor');
  const since = cursor.rows[0]?.last_change ?? new Date(0);
  const asOf = options.now.toISOString().slice(0, 10);
  const changes = await listNotifications(pool, { changedSince: since });
  const subscriptions = await pool.query<{
    id: number;
    url: string;
    topic: string;
    topic_ref: string | null;
    secret: string;
  }>(
    'select id, url, topic, topic_ref, secret from webhook_subscription where disabled_at is null',
  );
  let queued = 0;
  let latest = since;
  const confirmed = await confirmedAt(
    pool,
    changes.map((row) => row.id),
  );
  for (const row of changes) {
    const changedAt = row.public_changed_at ?? row.updated_at;
    if (changedAt > latest) latest = changedAt;
    const type = changeType(row.status, confirmed.get(row.id) ?? null, since);
    const payload = {
      event: `shortage.${type}`,
      changedAt: changedAt.toISOString(),
      reference: row.reference,
      shortage: type === 'resolved' ? null : ((await toPublic(pool, row, asOf)) ?? null),
    };
    for (const subscription of subscriptions.rows) {
      if (!matches(subscription, row)) continue;
      const inserted = await pool.query(
        `insert into webhook_delivery (subscription_id, event_id, payload, next_attempt_at) values ($1, $2, $3, $4)
         on conflict (subscription_id, event_id) do nothing`,
        [
          subscription.id,
          `${row.reference}@${changedAt.toISOString()}`,
          JSON.stringify(payload),
          options.now,
        ],
      );
      queued += inserted.rowCount ?? 0;
    }
  }
  await pool.query(
    `insert into webhook_cursor (id, last_change) values (true, $1)
     on conflict (id) do update set last_change = greatest(webhook_cursor.last_change, excluded.last_change)`,
    [latest],
  );

  const due = await pool.query<{
    id: number;
    subscription_id: number;
    payload: unknown;
    attempts: number;
  }>(
    `select id, subscription_id, payload, attempts from webhook_delivery
      where delivered_at is null and next_attempt_at <= $1 and attempts < 6 order by id limit 100`,
    [options.now],
  );
  let delivered = 0;
  let failed = 0;
  for (const delivery of due.rows) {
    const subscription = subscriptions.rows.find((s) => s.id === delivery.subscription_id);
    if (subscription === undefined) continue;
    const body = JSON.stringify(delivery.payload);
    const signature = signPayload(
      subscription.secret,
      body,
      Math.floor(options.now.getTime() / 1000),
    );
    let error: string | null = null;
    try {
      await checkWebhookAddress(subscription.url, options);
      const status = await send(subscription.url, body, signature);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const attempts = delivery.attempts + 1;
    if (error === null) {
      delivered++;
      await pool.query(
        'update webhook_delivery set attempts = $2, delivered_at = $3, last_error = null where id = $1',
        [delivery.id, attempts, options.now],
      );
    } else {
      failed++;
      const delay = retryDelaySeconds(attempts);
      await pool.query(
        'update webhook_delivery set attempts = $2, last_error = $3, next_attempt_at = $4 where id = $1',
        [
          delivery.id,
          delay === undefined ? 6 : attempts,
          error,
          new Date(options.now.getTime() + (delay ?? 0) * 1000),
        ],
      );
    }
  }
  return { queued, delivered, failed };
}
