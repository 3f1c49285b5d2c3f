-- The simulated market's ground truth, for the backtests: the market that was loaded, every
-- event the simulator made happen and every shortage it caused. A database holds at most one
-- simulated market (the last one loaded); its organisations carry external codes SIM-MAH-… and
-- SIM-WHS-…, its packs GTINs 08790…, its stock and demand rows the source 'simulator'.

create table simulation_run (
  -- One row: the simulated market in this database.
  id smallint primary key default 1 check (id = 1),
  -- SHA-256 of the parameters (seed, size, start date, rates, reference data version, model
  -- version): the simulator is deterministic, so equal fingerprints mean equal markets.
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  seed bigint not null,
  start_date date not null,
  days integer not null check (days > 0),
  parameters jsonb not null,
  summary jsonb not null,
  loaded_at timestamptz not null default now()
);

create table simulated_event (
  id integer primary key,
  kind text not null
    check (kind in ('production_problem', 'site_failure', 'demand_shock', 'competitor_cascade')),
  start_date date not null,
  end_date date not null check (end_date >= start_date),
  -- The substance (production problem, demand shock, cascade); null for a site failure, which
  -- lists its substances in details.atcCodes.
  atc_code text,
  -- The registry site that failed (kept as a plain id: the truth records what happened).
  site_id bigint,
  product_id bigint references medicinal_product (id),
  -- Cascade: the pack whose shortage moved its demand to pack_ids.
  source_pack_id bigint references pack (id),
  cause_event_id integer references simulated_event (id) deferrable initially deferred,
  -- The packs the event hits.
  pack_ids bigint[] not null,
  -- Kind-specific figures: outputLost, multiplier, unitsMoved, country, soleSourcePackIds.
  details jsonb not null default '{}'
);
create index simulated_event_kind_idx on simulated_event (kind, start_date);

create table simulated_shortage (
  id integer primary key,
  pack_id bigint not null references pack (id),
  -- The first and last day on which national stock was 0 (end of day) in this run of days.
  start_date date not null,
  end_date date not null check (end_date >= start_date),
  -- Still short on the last simulated day.
  ongoing boolean not null,
  unmet_units integer not null check (unmet_units >= 0),
  -- Null: no event, ordinary demand variability.
  cause_event_id integer references simulated_event (id)
);
create index simulated_shortage_pack_idx on simulated_shortage (pack_id, start_date);
