-- The supply-chain registry: ATC hierarchy, substances' names, organisations, manufacturing sites,
-- supply links with provenance, the critical-medicines list, import runs and the audit log.

create table atc_code (
  code text primary key check (code ~ '^[ABCDGHJLMNPRSV]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$'),
  level smallint not null check (level between 1 and 5),
  parent_code text references atc_code (code),
  check ((level = 1) = (parent_code is null))
);
create index atc_code_parent_idx on atc_code (parent_code);

create table source_register (
  code text primary key,
  name text not null,
  publisher text not null,
  -- Whether the register says which manufacturing step a site performs.
  has_step boolean not null
);

insert into source_register (code, name, publisher, has_step) values
  ('ulcm', 'Union list of critical medicines', 'EMA / HMA / European Commission', false),
  ('epar', 'EPAR Annex II manufacturers', 'European Medicines Agency', true),
  ('bfarm', 'Arzneimittel-Register (products, roles and sites)', 'BfArM (Germany)', true),
  ('hpra', 'Product register and package leaflets', 'HPRA (Ireland)', false),
  ('cep', 'Certificates of suitability (CEP)', 'EDQM (Council of Europe)', true);

-- A name for an ATC code as one register writes it; each import replaces its own names, so the
-- outcome does not depend on the order in which registers are imported.
create table substance_name (
  atc_code text not null references atc_code (code),
  source text not null references source_register (code),
  lang text not null check (lang in ('en', 'de', 'nl')),
  name text not null,
  primary key (atc_code, source, lang)
);
create index substance_name_search_idx on substance_name (lower(name) text_pattern_ops);

create table organisation (
  id bigserial primary key,
  name text not null,
  -- Normalised name (lower case, no punctuation): two spellings of one company share it.
  name_key text not null unique
);

create table manufacturing_site (
  id bigserial primary key,
  source text not null references source_register (code),
  -- How the register identifies the site: BfArM's pu_nummer, else the normalised name.
  site_key text not null,
  country char(2) not null check (country ~ '^[A-Z]{2}$'),
  name text not null,
  city text,
  address text,
  organisation_id bigint references organisation (id),
  -- Normalised name and country: how one plant is recognised across registers.
  identity_key text not null,
  unique (source, site_key, country)
);
create index manufacturing_site_identity_idx on manufacturing_site (identity_key);
create index manufacturing_site_country_idx on manufacturing_site (country);
create index manufacturing_site_name_idx on manufacturing_site (lower(name) text_pattern_ops);

create table supply_link (
  id bigserial primary key,
  source text not null references source_register (code),
  site_id bigint not null references manufacturing_site (id) on delete cascade,
  atc_code text not null references atc_code (code),
  -- 1 = active-substance manufacture, 2 = finished product or batch release,
  -- null = the register does not say (HPRA) or the row could not be classified.
  step smallint check (step in (1, 2)),
  product_ref text,
  product_name text,
  certificate_status text,
  -- False for a CEP that is withdrawn, expired or suspended: not current supply.
  is_current boolean not null default true,
  source_file text not null,
  source_line integer not null check (source_line > 0)
);
create index supply_link_atc_idx on supply_link (atc_code);
create index supply_link_site_idx on supply_link (site_id);
create index supply_link_source_idx on supply_link (source);

create table critical_list (
  version text primary key,
  source_file text not null,
  file_sha256 text not null,
  imported_at timestamptz not null default now(),
  is_current boolean not null default false
);
-- At most one current version.
create unique index critical_list_current_idx on critical_list (is_current) where is_current;

create table critical_list_entry (
  version text not null references critical_list (version) on delete cascade,
  atc_code text not null references atc_code (code),
  source_line integer not null,
  primary key (version, atc_code)
);

-- The provenance of each register's data as it is now: one row per register, replaced on import.
create table import_run (
  source text primary key references source_register (code),
  file_name text not null,
  file_sha256 text not null,
  imported_at timestamptz not null default now(),
  rows_read integer not null,
  rows_imported integer not null,
  rows_skipped integer not null,
  rows_rejected integer not null,
  rejected jsonb not null default '[]'
);

-- Append-only record of every write: who, when, what, before and after.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  organisation_id bigint,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb
);
create index audit_log_entity_idx on audit_log (entity, entity_id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
