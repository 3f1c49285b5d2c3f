-- Identity, access and audit: organisation kinds, users, sessions, API tokens, login attempts
-- (for rate limiting), and who did it in the audit log.

-- Registry imports create manufacturer organisations; identity gives an organisation its kind.
alter table organisation
  add column kind text not null default 'manufacturer'
    check (kind in ('mah', 'wholesaler', 'authority', 'pharmacy', 'hospital', 'manufacturer')),
  -- An outside identifier (KvK number, GLN, EMA organisation id), kept as written.
  add column external_code text check (external_code <> ''),
  add column created_at timestamptz not null default now();
create unique index organisation_external_code_idx on organisation (external_code)
  where external_code is not null;
create index organisation_kind_idx on organisation (kind);

create table app_user (
  id bigserial primary key,
  organisation_id bigint not null references organisation (id),
  email text not null check (email = btrim(email) and length(email) between 3 and 254),
  display_name text not null check (display_name <> ''),
  role text not null
    check (role in ('mah', 'wholesaler', 'analyst', 'coordinator', 'policy', 'admin')),
  -- PHC string: $scrypt$ln=15,r=8,p=1$<salt>$<hash>; the parameters travel with the hash.
  password_hash text not null check (password_hash like '$scrypt$%'),
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz
);
-- One account per address, whatever its capitals.
create unique index app_user_email_idx on app_user (lower(email));
create index app_user_organisation_idx on app_user (organisation_id);

-- A web login. Only the SHA-256 of the random session id is kept: a copy of this table does not
-- let anyone in.
create table user_session (
  id_hash bytea primary key check (length(id_hash) = 32),
  user_id bigint not null references app_user (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  client_ip text
);
create index user_session_user_idx on user_session (user_id);
create index user_session_expires_idx on user_session (expires_at);

-- Machine-to-machine access for one organisation with one role. The secret (32 random bytes) is
-- shown once; only its SHA-256 is kept. Revoked tokens stay for the audit trail.
create table api_token (
  id bigserial primary key,
  organisation_id bigint not null references organisation (id),
  role text not null
    check (role in ('mah', 'wholesaler', 'analyst', 'coordinator', 'policy', 'admin')),
  name text not null check (name <> ''),
  secret_hash bytea not null unique check (length(secret_hash) = 32),
  -- The first characters of the token, so people can tell their tokens apart.
  prefix text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_token_organisation_idx on api_token (organisation_id);

-- Login attempts per email key and client address, for rate limiting; pruned after a day.
create table login_attempt (
  id bigserial primary key,
  at timestamptz not null,
  email_key text not null,
  client_ip text not null,
  succeeded boolean not null
);
create index login_attempt_email_idx on login_attempt (email_key, at);
create index login_attempt_ip_idx on login_attempt (client_ip, at) where not succeeded;
create index login_attempt_at_idx on login_attempt (at);

-- Who wrote an audit entry: a user or token (by id) or the system (CLI, seed, import), with the
-- role it acted in; organisation_id is the actor's organisation. Older entries name only actor.
alter table audit_log
  add column actor_kind text check (actor_kind in ('user', 'token', 'system')),
  add column actor_id text,
  add column actor_role text
    check (actor_role in ('mah', 'wholesaler', 'analyst', 'coordinator', 'policy', 'admin'));
create index audit_log_actor_idx on audit_log (actor_kind, actor_id);
create index audit_log_at_idx on audit_log (at);
