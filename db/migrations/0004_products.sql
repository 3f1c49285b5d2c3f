-- Medicinal products and their packs: what a marketing-authorisation holder markets, with the
-- identifiers pharmacies and wholesalers use (GTIN, Z-index number).

create table medicinal_product (
  id bigserial primary key,
  -- RVG number for national authorisations, EU/1/… for central ones; kept as written.
  registration_number text not null unique,
  name text not null,
  mah_organisation_id bigint not null references organisation (id),
  atc_code text references atc_code (code),
  dose_form text not null,
  route text not null,
  -- As written ("875 mg / 125 mg") and as a comparable key ("875mg+125mg").
  strength text not null,
  strength_key text not null,
  hospital_only boolean not null default false,
  source_file text,
  source_line integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index medicinal_product_atc_idx on medicinal_product (atc_code);
create index medicinal_product_mah_idx on medicinal_product (mah_organisation_id);
create index medicinal_product_name_idx on medicinal_product (lower(name) text_pattern_ops);

create table product_ingredient (
  product_id bigint not null references medicinal_product (id) on delete cascade,
  position smallint not null,
  substance text not null,
  primary key (product_id, position)
);

create table pack (
  id bigserial primary key,
  product_id bigint not null references medicinal_product (id) on delete cascade,
  -- GTIN stored as 14 digits.
  gtin char(14) unique check (gtin ~ '^[0-9]{14}$'),
  -- Z-index article number (ZI-nummer), 8 digits.
  national_code text unique check (national_code ~ '^[0-9]{8}$'),
  description text not null,
  pack_size numeric not null check (pack_size > 0),
  pack_unit text not null,
  marketed boolean not null default true,
  check (gtin is not null or national_code is not null)
);
create index pack_product_idx on pack (product_id);
