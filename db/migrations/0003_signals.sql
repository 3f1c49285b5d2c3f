-- Foreign shortage registers as early signals: BfArM's Lieferengpass notifications and the FDA
-- drug shortages list. A shortage is one chain of reports (BfArM: the initial notification and
-- the updates that reference it); each report keeps its packs, ATC links and provenance. Company
-- contact data lives in its own table that no public query reads.

-- One imported file: its provenance and counts. Importing the same file again updates its row.
create table foreign_shortage_import (
  id bigserial primary key,
  source text not null check (source in ('bfarm', 'fda')),
  file_name text not null,
  file_sha256 text not null,
  imported_at timestamptz not null default now(),
  actor text not null,
  rows_read integer not null,
  rows_imported integer not null,
  rows_rejected integer not null,
  reports_read integer not null,
  rejected jsonb not null default '[]',
  unique (source, file_sha256)
);

-- A shortage: one chain of reports. BfArM keys it by the number of its initial notification
-- ("Referenzierte Erstmeldung", or the report's own "Bearbeitungsnummer" when it refers to none).
create table foreign_shortage (
  id bigserial primary key,
  source text not null check (source in ('bfarm', 'fda')),
  shortage_key text not null,
  -- The report that describes the shortage now: the latest by report date, then by number.
  current_report_id bigint,
  unique (source, shortage_key)
);

-- One report (BfArM: one Bearbeitungsnummer, a notification of one or more packs).
create table foreign_shortage_report (
  id bigserial primary key,
  shortage_id bigint not null references foreign_shortage (id) on delete cascade,
  source text not null check (source in ('bfarm', 'fda')),
  report_number text not null,
  -- initial = Erstmeldung, update = Änderungsmeldung, closing = Löschmeldung (FDA: Resolved).
  kind text not null check (kind in ('initial', 'update', 'closing')),
  -- The register's own label for the kind ("Änderungsmeldung", "Current").
  kind_label text not null,
  start_date date,
  end_date date,
  -- The date of this report (BfArM "Datum der letzten Meldung", FDA update_date).
  reported_on date not null,
  -- When the shortage was first reported (BfArM "Datum der Erstmeldung"); null for the FDA.
  first_reported_on date,
  product_name text,
  company text,
  -- Normalised company name, for grouping spellings of one company.
  company_key text,
  reason_category text,
  reason text,
  reason_note text,
  alternatives text,
  hospital_relevant boolean,
  classification text,
  dosage_form text,
  substances text[] not null default '{}',
  atc_text text,
  -- Public source-specific fields (BfArM "Info an Fachkreise"; FDA availability, presentation…).
  details jsonb not null default '{}',
  -- sha256 of the content, so re-importing an unchanged report writes nothing.
  content_hash text not null,
  import_id bigint not null references foreign_shortage_import (id),
  source_file text not null,
  source_line integer not null check (source_line > 0),
  unique (source, report_number)
);
create index foreign_shortage_report_shortage_idx on foreign_shortage_report (shortage_id);

alter table foreign_shortage
  add constraint foreign_shortage_current_report_fk foreign key (current_report_id)
  references foreign_shortage_report (id) on delete set null deferrable initially deferred;

-- The packs a report names: BfArM one row per PZN (ENR may be a list), FDA the package NDC.
create table foreign_shortage_pack (
  report_id bigint not null references foreign_shortage_report (id) on delete cascade,
  source_line integer not null check (source_line > 0),
  -- Kept as text: leading zeros. Null where the register wrote the placeholder 00000000.
  pzn text check (pzn ~ '^[0-9]{8}$'),
  enr text[] not null default '{}',
  ndc text,
  primary key (report_id, source_line)
);

-- ATC codes a report names, at the level the register wrote them (a level-4 group stays level 4;
-- queries expand it to the level-5 codes under it that atc_code knows). No foreign key to
-- atc_code: a shortage register's codes must not add substances to the registry.
create table foreign_shortage_atc (
  report_id bigint not null references foreign_shortage_report (id) on delete cascade,
  atc_code text not null
    check (atc_code ~ '^[ABCDGHJLMNPRSV]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$'),
  level smallint not null check (level between 1 and 5),
  -- atc = the register's own code; name = matched by substance name (FDA).
  via text not null check (via in ('atc', 'name')),
  primary key (report_id, atc_code)
);
create index foreign_shortage_atc_code_idx on foreign_shortage_atc (atc_code);

-- Company contact data (BfArM Telefon and E-Mail, FDA contact_info): confidential, never
-- returned by a public endpoint.
create table foreign_shortage_contact (
  report_id bigint primary key references foreign_shortage_report (id) on delete cascade,
  phone text,
  email text,
  contact_info text
);
