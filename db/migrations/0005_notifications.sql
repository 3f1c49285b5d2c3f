-- Notifications (meldingen) of shortages, quality defects and discontinuations: every version kept,
-- the analyst workflow as events, the triage result of the current version, idempotency keys for
-- machine-to-machine submissions, webhook subscriptions and deliveries.

create table notification (
  id bigserial primary key,
  reference text not null unique,
  organisation_id bigint not null references organisation (id),
  kind text not null check (kind in ('shortage', 'quality_defect', 'discontinuation')),
  status text not null default 'submitted' check (status in
    ('submitted', 'triaged', 'confirmed_shortage', 'no_shortage', 'withdrawn', 'resolved')),
  current_version integer not null default 1,
  first_reported_on date not null,
  -- Analyst's mark: the cause could not be foreseen, so a late report is excepted.
  unforeseeable boolean not null default false,
  -- Advice to pharmacists and prescribers on the public list, written by the analysts.
  public_advice text not null default '',
  risk_score numeric,
  risk_class text check (risk_class in ('low', 'medium', 'high')),
  risk_factors jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- When it last changed in a way the public list shows (for the change feed).
  public_changed_at timestamptz,
  -- The company's own reference: a resent bulk row with the same reference updates, never duplicates.
  company_reference text,
  unique (organisation_id, company_reference)
);
create index notification_organisation_idx on notification (organisation_id);
create index notification_status_idx on notification (status);
create index notification_public_changed_idx on notification (public_changed_at);

create table notification_version (
  notification_id bigint not null references notification (id) on delete cascade,
  version integer not null,
  submitted_at timestamptz not null default now(),
  submitted_by text not null,
  report jsonb not null,
  primary key (notification_id, version)
);

-- The packs of the current version, for queries by pack, product and substance.
create table notification_pack (
  notification_id bigint not null references notification (id) on delete cascade,
  pack_id bigint not null references pack (id),
  primary key (notification_id, pack_id)
);
create index notification_pack_pack_idx on notification_pack (pack_id);

create table notification_event (
  id bigserial primary key,
  notification_id bigint not null references notification (id) on delete cascade,
  at timestamptz not null default now(),
  actor text not null,
  actor_role text not null,
  kind text not null check (kind in ('status_change', 'comment', 'information_request', 'update', 'advice')),
  from_status text,
  to_status text,
  body text not null default ''
);
create index notification_event_notification_idx on notification_event (notification_id, at);

create sequence notification_reference_seq;

-- A resent request with the same key returns the first answer instead of acting twice.
create table idempotency_key (
  scope text not null,
  key text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

create table webhook_subscription (
  id bigserial primary key,
  url text not null,
  -- What to follow: a product, a substance (ATC) or every public change.
  topic text not null check (topic in ('all', 'product', 'substance')),
  topic_ref text,
  secret text not null,
  created_by text not null,
  organisation_id bigint references organisation (id),
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

create table webhook_delivery (
  id bigserial primary key,
  subscription_id bigint not null references webhook_subscription (id) on delete cascade,
  event_id text not null,
  payload jsonb not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  delivered_at timestamptz,
  last_error text,
  unique (subscription_id, event_id)
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where delivered_at is null;

-- How far the webhook dispatcher has turned public changes into deliveries.
create table webhook_cursor (
  id boolean primary key default true check (id),
  last_change timestamptz not null
);
