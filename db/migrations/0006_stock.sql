-- Stock and demand reports: on-hand stock per holder, pack and day; the deliveries a holder
-- expects, as reported with that day's stock; units delivered to pharmacies and hospitals.
-- Time series partitioned by month: the loaders in src/stock create a month's partition when a
-- load first touches it (stock_report_y2025m05 …), so there is no default partition and a row
-- can never land outside its month.
--
-- No foreign keys: a bulk load of millions of rows would queue one after-trigger event per row
-- for them. The loaders check every holder and pack set-wise in the same transaction instead
-- (src/stock/store/stock-load.store.ts), and packs and organisations are never deleted.

create table stock_report (
  holder_id bigint not null,
  pack_id bigint not null,
  -- On hand at the end of this day, in packs.
  report_date date not null,
  on_hand integer not null check (on_hand >= 0),
  -- When the report (or the report that last replaced it) arrived, and how: api, csv:<file>,
  -- fhir, or the name of a bulk loader (simulator).
  created_at timestamptz not null default now(),
  source text not null,
  primary key (holder_id, pack_id, report_date)
) partition by range (report_date);

-- Replaced with the stock report of the same holder, pack and day.
create table stock_incoming (
  holder_id bigint not null,
  pack_id bigint not null,
  report_date date not null,
  expected_date date not null check (expected_date > report_date),
  quantity integer not null check (quantity > 0),
  primary key (holder_id, pack_id, report_date, expected_date)
) partition by range (report_date);

create table demand_report (
  pack_id bigint not null,
  -- The wholesaler or company that delivered the units.
  reporter_id bigint not null,
  period_start date not null,
  -- 1 = a day, 7 = a week starting on period_start.
  period_days smallint not null check (period_days in (1, 7)),
  -- A region code as the reporter writes it; '' for the whole country.
  region text not null default '' check (region = btrim(region) and length(region) <= 40),
  quantity integer not null check (quantity >= 0),
  created_at timestamptz not null default now(),
  source text not null,
  primary key (reporter_id, pack_id, period_start, period_days, region)
) partition by range (period_start);
