/** All SQL of the notifications capability. */
import type pg from 'pg';
import type { TriageResult } from '../domain/triage.ts';
import type {
  NotificationEventKind,
  NotificationReport,
  NotificationStatus,
} from '../domain/types.ts';

type Db = pg.Pool | pg.PoolClient;

export async function nextReference(client: Db, year: number): Promise<string> {
  const result = await client.query<{ n: number }>(
    "select nextval('notification_reference_seq')::int as n",
  );
  return `MLD-${year}-${String(result.rows[0]?.n ?? 0).padStart(6, '0')}`;
}

export async function insertNotification(
  client: Db,
  values: {
    reference: string;
    organisationId: number;
    report: NotificationReport;
    firstReportedOn: string;
    actorId: string;
    triage: TriageResult;
  },
): Promise<number> {
  const result = await client.query<{ id: number }>(
    `insert into notification (reference, organisation_id, kind, first_reported_on, risk_score, risk_class,
                               risk_factors, company_reference)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      values.reference,
      values.organisationId,
      values.report.kind,
      values.firstReportedOn,
      values.triage.score,
      values.triage.riskClass,
      JSON.stringify(values.triage.factors),
      values.report.companyReference,
    ],
  );
  const id = result.rows[0]?.id ?? 0;
  await insertVersion(client, id, 1, values.report, values.actorId);
  await setPacks(client, id, values.report.packIds);
  return id;
}

export async function insertVersion(
  client: Db,
  id: number,
  version: number,
  report: NotificationReport,
  actorId: string,
): Promise<void> {
  await client.query(
    'insert into notification_version (notification_id, version, submitted_by, report) values ($1, $2, $3, $4)',
    [id, version, actorId, JSON.stringify(report)],
  );
  await client.query(
    'update notification set current_version = $2, kind = $3, updated_at = now() where id = $1',
    [id, version, report.kind],
  );
}

export async function setPacks(client: Db, id: number, packIds: readonly number[]): Promise<void> {
  await client.query('delete from notification_pack where notification_id = $1', [id]);
  await client.query(
    'insert into notification_pack (notification_id, pack_id) select $1, unnest($2::bigint[])',
    [id, packIds],
  );
}

export async function updateTriage(client: Db, id: number, triage: TriageResult): Promise<void> {
  await client.query(
    'update notification set risk_score = $2, risk_class = $3, risk_factors = $4 where id = $1',
    [id, triage.score, triage.riskClass, JSON.stringify(triage.factors)],
  );
}

export async function updateFields(
  client: Db,
  id: number,
  fields: {
    status?: NotificationStatus;
    unforeseeable?: boolean;
    publicAdvice?: string;
    publicChange?: boolean;
  },
): Promise<void> {
  await client.query(
    `update notification set status = coalesce($2, status), unforeseeable = coalesce($3, unforeseeable),
            public_advice = coalesce($4, public_advice), updated_at = now(),
            public_changed_at = case when $5 then now() else public_changed_at end
      where id = $1`,
    [
      id,
      fields.status ?? null,
      fields.unforeseeable ?? null,
      fields.publicAdvice ?? null,
      fields.publicChange === true,
    ],
  );
}

export async function insertEvent(
  client: Db,
  event: {
    notificationId: number;
    actor: string;
    actorRole: string;
    kind: NotificationEventKind;
    fromStatus?: string | null;
    toStatus?: string | null;
    body?: string;
  },
): Promise<void> {
  await client.query(
    `insert into notification_event (notification_id, actor, actor_role, kind, from_status, to_status, body)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      event.notificationId,
      event.actor,
      event.actorRole,
      event.kind,
      event.fromStatus ?? null,
      event.toStatus ?? null,
      event.body ?? '',
    ],
  );
}

export interface NotificationRow {
  id: number;
  reference: string;
  organisation_id: number;
  organisation_name: string;
  kind: string;
  status: NotificationStatus;
  current_version: number;
  first_reported_on: string;
  unforeseeable: boolean;
  public_advice: string;
  risk_score: number | null;
  risk_class: 'low' | 'medium' | 'high' | null;
  risk_factors: unknown;
  created_at: Date;
  updated_at: Date;
  public_changed_at: Date | null;
  report: NotificationReport;
  products: {
    productId: number;
    registrationNumber: string;
    name: string;
    atc: string | null;
    doseForm: string;
    strength: string;
    packId: number;
    gtin: string | null;
    nationalCode: string | null;
    description: string;
  }[];
}

const NOTIFICATION_SELECT = `
  select n.id, n.reference, n.organisation_id, o.name as organisation_name, n.kind, n.status,
         n.current_version, n.first_reported_on, n.unforeseeable, n.public_advice, n.risk_score,
         n.risk_class, n.risk_factors, n.created_at, n.updated_at, n.public_changed_at, v.report,
         coalesce((select json_agg(json_build_object('productId', p.id, 'registrationNumber', p.registration_number,
                    'name', p.name, 'atc', p.atc_code, 'doseForm', p.dose_form, 'strength', p.strength,
                    'packId', k.id, 'gtin', k.gtin, 'nationalCode', k.national_code, 'description', k.description)
                    order by p.name, k.id)
                   from notification_pack np join pack k on k.id = np.pack_id
                   join medicinal_product p on p.id = k.product_id where np.notification_id = n.id), '[]') as products
    from notification n
    join organisation o on o.id = n.organisation_id
    join notification_version v on v.notification_id = n.id and v.version = n.current_version`;

export async function findNotificationIdByCompanyReference(
  client: Db,
  organisationId: number,
  companyReference: string,
): Promise<number | undefined> {
  const result = await client.query<{ id: number }>(
    'select id from notification where organisation_id = $1 and company_reference = $2',
    [organisationId, companyReference],
  );
  return result.rows[0]?.id;
}

export async function findNotification(
  client: Db,
  id: number,
  forUpdate = false,
): Promise<NotificationRow | undefined> {
  if (forUpdate) await client.query('select 1 from notification where id = $1 for update', [id]);
  const result = await client.query<NotificationRow>(`${NOTIFICATION_SELECT} where n.id = $1`, [
    id,
  ]);
  return result.rows[0];
}

export interface NotificationFilter {
  organisationId?: number | undefined;
  statuses?: readonly NotificationStatus[] | undefined;
  riskClass?: string | undefined;
  atc?: string | undefined;
  productId?: number | undefined;
  changedSince?: Date | undefined;
  reportedFrom?: string | undefined;
  reportedTo?: string | undefined;
}

export async function listNotifications(
  client: Db,
  filter: NotificationFilter,
): Promise<NotificationRow[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(sql(`$${values.length}`));
  };
  if (filter.organisationId !== undefined)
    add((p) => `n.organisation_id = ${p}`, filter.organisationId);
  if (filter.statuses !== undefined) add((p) => `n.status = any(${p})`, filter.statuses);
  if (filter.riskClass !== undefined) add((p) => `n.risk_class = ${p}`, filter.riskClass);
  if (filter.atc !== undefined) {
    add(
      (p) => `exists (select 1 from notification_pack np join pack k on k.id = np.pack_id
                join medicinal_product m on m.id = k.product_id
               where np.notification_id = n.id and m.atc_code like ${p} || '%')`,
      filter.atc,
    );
  }
  if (filter.productId !== undefined) {
    add(
      (p) => `exists (select 1 from notification_pack np join pack k on k.id = np.pack_id
               where np.notification_id = n.id and k.product_id = ${p})`,
      filter.productId,
    );
  }
  if (filter.changedSince !== undefined)
    add((p) => `n.public_changed_at > ${p}`, filter.changedSince);
  if (filter.reportedFrom !== undefined)
    add((p) => `n.first_reported_on >= ${p}`, filter.reportedFrom);
  if (filter.reportedTo !== undefined) add((p) => `n.first_reported_on <= ${p}`, filter.reportedTo);
  const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
  const result = await client.query<NotificationRow>(
    `${NOTIFICATION_SELECT} ${where} order by n.risk_score desc nulls last, n.id desc`,
    values,
  );
  return result.rows;
}

export interface VersionRow {
  version: number;
  submitted_at: Date;
  submitted_by: string;
  report: NotificationReport;
}

export async function listVersions(client: Db, id: number): Promise<VersionRow[]> {
  const result = await client.query<VersionRow>(
    'select version, submitted_at, submitted_by, report from notification_version where notification_id = $1 order by version',
    [id],
  );
  return result.rows;
}

export interface EventRow {
  id: number;
  at: Date;
  actor: string;
  actor_role: string;
  kind: NotificationEventKind;
  from_status: NotificationStatus | null;
  to_status: NotificationStatus | null;
  body: string;
}

export async function listEvents(client: Db, id: number): Promise<EventRow[]> {
  const result = await client.query<EventRow>(
    `select id, at, actor, actor_role, kind, from_status, to_status, body from notification_event
      where notification_id = $1 order by at, id`,
    [id],
  );
  return result.rows;
}

export interface PackOwnership {
  id: number;
  product_id: number;
  mah_organisation_id: number;
  atc_code: string | null;
  hospital_only: boolean;
  route: string;
}

export async function findPacks(client: Db, ids: readonly number[]): Promise<PackOwnership[]> {
  const result = await client.query<PackOwnership>(
    `select k.id, k.product_id, p.mah_organisation_id, p.atc_code, p.hospital_only, p.route
       from pack k join medicinal_product p on p.id = k.product_id where k.id = any($1)`,
    [ids],
  );
  return result.rows;
}

export interface CatalogueRow {
  id: number;
  mah_organisation_id: number;
  atc_code: string | null;
  dose_form: string;
  strength_key: string;
  marketed_packs: number;
  has_open_notification: boolean;
  name: string;
  registration_number: string;
  strength: string;
  mah_name: string;
}

/** Products whose ATC code shares the level-4 group with any of the given codes. */
export async function loadCatalogueAround(
  client: Db,
  atcCodes: readonly string[],
): Promise<CatalogueRow[]> {
  const groups = [...new Set(atcCodes.map((code) => code.slice(0, 5)))];
  const result = await client.query<CatalogueRow>(
    `select p.id, p.mah_organisation_id, p.atc_code, p.dose_form, p.strength_key, p.name, p.registration_number,
            p.strength, o.name as mah_name,
            (select count(*)::int from pack k where k.product_id = p.id and k.marketed) as marketed_packs,
            exists (select 1 from notification_pack np join pack k on k.id = np.pack_id
                      join notification n on n.id = np.notification_id
                     where k.product_id = p.id and n.status in ('submitted', 'triaged', 'confirmed_shortage')
                       and n.kind <> 'quality_defect') as has_open_notification
       from medicinal_product p join organisation o on o.id = p.mah_organisation_id
      where substr(p.atc_code, 1, 5) = any($1)`,
    [groups],
  );
  return result.rows;
}

export async function saveIdempotentResponse(
  client: Db,
  entry: { scope: string; key: string; requestHash: string; statusCode: number; response: unknown },
): Promise<void> {
  await client.query(
    `insert into idempotency_key (scope, key, request_hash, status_code, response) values ($1, $2, $3, $4, $5)
     on conflict (scope, key) do nothing`,
    [entry.scope, entry.key, entry.requestHash, entry.statusCode, JSON.stringify(entry.response)],
  );
}

export async function findIdempotentResponse(
  client: Db,
  scope: string,
  key: string,
): Promise<{ request_hash: string; status_code: number; response: unknown } | undefined> {
  const result = await client.query<{
    request_hash: string;
    status_code: number;
    response: unknown;
  }>(
    'select request_hash, status_code, response from idempotency_key where scope = $1 and key = $2',
    [scope, key],
  );
  return result.rows[0];
}
