-- Early warning over the database: which registered sites make a product (what the authority
-- knows from the marketing-authorisation dossier), and which sites are stopped (an inspection, a
-- bankruptcy: the InnoGenerics case). The watchlist's "site stopped" reason and the site-failure
-- scenario read both.

create table product_site (
  product_id bigint not null references medicinal_product (id) on delete cascade,
  site_id bigint not null references manufacturing_site (id) on delete cascade,
  -- api: makes the active substance; finished_product: makes the medicine itself.
  role text not null check (role in ('api', 'finished_product')),
  primary key (product_id, site_id, role)
);
create index product_site_site_idx on product_site (site_id);

create table site_stoppage (
  id bigserial primary key,
  site_id bigint not null references manufacturing_site (id) on delete cascade,
  start_date date not null,
  -- Null: still stopped.
  end_date date check (end_date is null or end_date >= start_date),
  reason text not null check (length(reason) between 1 and 500),
  -- authority: recorded by the notification centre or the coordination team; simulator: a
  -- simulated market's site failure, written when that market is loaded.
  source text not null check (source in ('authority', 'simulator')),
  created_by text not null,
  created_at timestamptz not null default now()
);
create index site_stoppage_site_idx on site_stoppage (site_id, start_date);

-- A simulated market loaded before this migration keeps its site failures as stoppages.
insert into site_stoppage (site_id, start_date, end_date, reason, source, created_by)
select e.site_id, e.start_date, e.end_date, 'simulated site failure (event ' || e.id || ')',
       'simulator', 'migration 0008'
  from simulated_event e
 where e.kind = 'site_failure'
   and exists (select 1 from manufacturing_site s where s.id = e.site_id);
