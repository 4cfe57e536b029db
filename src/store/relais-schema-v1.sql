-- Relais local store, schema version 1.
--
-- Conventions, for every table that holds a record of PRODUCT.md:
--   id          local INTEGER PRIMARY KEY: compact, used by foreign keys and indexes;
--               never leaves this machine.
--   uuid        the record's identity everywhere else (sync, CSV, journal), made on
--               the client so that records can be created offline.
--   created_at, updated_at
--               microseconds since the Unix epoch, UTC (g_get_real_time()).
--   revision    starts at 1, +1 on every local or server change (sync's base revision).
-- Enumerations are stored as stable lowercase codes ('partner_assigned'), defined and
-- validated in src/core/relais-enums.c; lists of codes (countries, technologies,
-- languages) as comma-separated text, e.g. 'FR,BE,CH'.

CREATE TABLE partner (
  id                  INTEGER PRIMARY KEY,
  uuid                TEXT NOT NULL UNIQUE,
  name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
  tier                TEXT NOT NULL DEFAULT 'registered',
  countries           TEXT NOT NULL DEFAULT '',
  technologies        TEXT NOT NULL DEFAULT '',
  languages           TEXT NOT NULL DEFAULT '',
  capacity            INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  out_of_office_until INTEGER,
  owner               TEXT NOT NULL DEFAULT '',
  website             TEXT NOT NULL DEFAULT '',
  city                TEXT NOT NULL DEFAULT '',
  country             TEXT NOT NULL DEFAULT '',
  notes               TEXT NOT NULL DEFAULT '',
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  revision            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX partner_name ON partner (name COLLATE NOCASE);

CREATE TABLE contact (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  partner_id   INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
  first_name   TEXT NOT NULL DEFAULT '',
  last_name    TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
  email        TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  role         TEXT NOT NULL DEFAULT 'sales_rep',
  partner_user INTEGER NOT NULL DEFAULT 0 CHECK (partner_user IN (0, 1)),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  revision     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contact_partner ON contact (partner_id);

CREATE TABLE queue (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  description TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  revision    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE queue_member (
  queue_id   INTEGER NOT NULL REFERENCES queue (id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
  PRIMARY KEY (queue_id, partner_id)
) WITHOUT ROWID;
CREATE INDEX queue_member_partner ON queue_member (partner_id);

CREATE TABLE deal (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
  customer_name     TEXT NOT NULL DEFAULT '',
  customer_city     TEXT NOT NULL DEFAULT '',
  customer_country  TEXT NOT NULL DEFAULT '',
  customer_duns     TEXT NOT NULL DEFAULT '',
  contact_name      TEXT NOT NULL DEFAULT '',
  contact_email     TEXT NOT NULL DEFAULT '',
  contact_phone     TEXT NOT NULL DEFAULT '',
  type              TEXT NOT NULL DEFAULT 'co_sell',
  direction         TEXT NOT NULL DEFAULT 'outbound',
  status            TEXT NOT NULL DEFAULT 'accepted',
  stage             TEXT NOT NULL DEFAULT 'created',
  -- Money in minor units (cents) of currency, an ISO 4217 code.
  value_minor       INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
  currency          TEXT NOT NULL DEFAULT 'EUR',
  close_date        TEXT,              -- ISO 8601 date, YYYY-MM-DD
  crm_id            TEXT NOT NULL DEFAULT '',
  campaign_id       TEXT NOT NULL DEFAULT '',
  notes             TEXT NOT NULL DEFAULT '',
  favorite          INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1)),
  decline_reason    TEXT NOT NULL DEFAULT '',
  partner_id        INTEGER REFERENCES partner (id) ON DELETE SET NULL,
  received_at       INTEGER,
  closed_at         INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  revision          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX deal_status ON deal (status);

CREATE TABLE deal_team_member (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  deal_id    INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  phone      TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX deal_team_member_deal ON deal_team_member (deal_id);

CREATE TABLE deal_solution (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  deal_id    INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind       TEXT NOT NULL DEFAULT 'own',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX deal_solution_deal ON deal_solution (deal_id);

CREATE TABLE deal_invitation (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  deal_id     INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  -- NULL partner: the vendor itself is invited (which upgrades the deal to co-sell).
  partner_id  INTEGER REFERENCES partner (id) ON DELETE CASCADE,
  value_minor INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
  close_date  TEXT,
  help_wanted TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'invited',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  revision    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX deal_invitation_deal ON deal_invitation (deal_id);

-- The stage checklist: one row per stage marked done.
CREATE TABLE deal_stage (
  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  stage   TEXT NOT NULL,
  done_at INTEGER NOT NULL,
  PRIMARY KEY (deal_id, stage)
) WITHOUT ROWID;

CREATE TABLE lead (
  id                  INTEGER PRIMARY KEY,
  uuid                TEXT NOT NULL UNIQUE,
  first_name          TEXT NOT NULL DEFAULT '',
  last_name           TEXT NOT NULL DEFAULT '',
  company             TEXT NOT NULL DEFAULT '',
  email               TEXT NOT NULL DEFAULT '',
  phone               TEXT NOT NULL DEFAULT '',
  street              TEXT NOT NULL DEFAULT '',
  city                TEXT NOT NULL DEFAULT '',
  state               TEXT NOT NULL DEFAULT '',
  postal_code         TEXT NOT NULL DEFAULT '',
  country             TEXT NOT NULL DEFAULT '',     -- ISO 3166-1 alpha-2
  listing             TEXT NOT NULL DEFAULT '',
  kind                TEXT NOT NULL DEFAULT 'service',
  category            TEXT NOT NULL DEFAULT 'bant',
  technology          TEXT NOT NULL DEFAULT '',
  budget              TEXT NOT NULL DEFAULT '',
  language            TEXT NOT NULL DEFAULT '',     -- ISO 639-1
  program             TEXT NOT NULL DEFAULT '',
  source              TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL DEFAULT 'new',
  queue_id            INTEGER REFERENCES queue (id) ON DELETE SET NULL,
  partner_id          INTEGER REFERENCES partner (id) ON DELETE SET NULL,
  rep_id              INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  rule_id             INTEGER REFERENCES rule (id) ON DELETE SET NULL,
  assignment_reason   TEXT NOT NULL DEFAULT '',
  assigned_at         INTEGER,
  accepted_at         INTEGER,
  quality_rating      INTEGER CHECK (quality_rating BETWEEN 1 AND 5),
  quality_comment     TEXT NOT NULL DEFAULT '',
  rejection_reason    TEXT NOT NULL DEFAULT '',
  rejection_comment   TEXT NOT NULL DEFAULT '',
  value_minor         INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
  currency            TEXT NOT NULL DEFAULT 'EUR',
  deal_id             INTEGER REFERENCES deal (id) ON DELETE SET NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  revision            INTEGER NOT NULL DEFAULT 1
);
-- The list's default order (newest first) and its keyset pages.
CREATE INDEX lead_created ON lead (created_at, id);
CREATE INDEX lead_status ON lead (status, created_at);
CREATE INDEX lead_partner ON lead (partner_id, status);
CREATE INDEX lead_queue ON lead (queue_id);
CREATE INDEX lead_rep ON lead (rep_id);

CREATE TABLE lead_note (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  lead_id    INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  author     TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX lead_note_lead ON lead_note (lead_id, created_at);

-- Every automatic assignment or reroute hop of a lead, with its explanation.
CREATE TABLE lead_routing (
  id          INTEGER PRIMARY KEY,
  lead_id     INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  rule_id     INTEGER REFERENCES rule (id) ON DELETE SET NULL,
  at          INTEGER NOT NULL,
  partner_id  INTEGER REFERENCES partner (id) ON DELETE SET NULL,
  rep_id      INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  queue_id    INTEGER REFERENCES queue (id) ON DELETE SET NULL,
  -- Machine-readable explanation (matched criteria, skipped members with reasons),
  -- turned into translated sentences by src/core when shown.
  explanation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX lead_routing_lead ON lead_routing (lead_id, at);

CREATE TABLE prospect (
  id                   INTEGER PRIMARY KEY,
  uuid                 TEXT NOT NULL UNIQUE,
  customer             TEXT NOT NULL CHECK (length(trim(customer)) > 0),
  industry             TEXT NOT NULL DEFAULT '',
  target_technology    TEXT NOT NULL DEFAULT '',
  country              TEXT NOT NULL DEFAULT '',
  partner_id           INTEGER REFERENCES partner (id) ON DELETE SET NULL,
  recommended_rep_id   INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  uncovered            INTEGER NOT NULL DEFAULT 0 CHECK (uncovered IN (0, 1)),
  assigned_at          INTEGER,
  -- 15, 30, 60 or 90 days after assignment; NULL = never expires.
  expiry_days          INTEGER CHECK (expiry_days IN (15, 30, 60, 90)),
  expires_at           INTEGER,
  extended             INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
  status               TEXT NOT NULL DEFAULT 'open',
  wallet_current_k     INTEGER,
  wallet_previous_k    INTEGER,
  wallet_previous4_k   INTEGER,
  wallet_type          TEXT NOT NULL DEFAULT '',
  rad_strategy         TEXT NOT NULL DEFAULT '',
  rad_segment          TEXT NOT NULL DEFAULT '',
  propensity_pct       INTEGER CHECK (propensity_pct BETWEEN 0 AND 100),
  value_minor          INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
  currency             TEXT NOT NULL DEFAULT 'EUR',
  deal_id              INTEGER REFERENCES deal (id) ON DELETE SET NULL,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  revision             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX prospect_expires ON prospect (expires_at);

CREATE TABLE sales_alert (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  prospect_id    INTEGER NOT NULL REFERENCES prospect (id) ON DELETE CASCADE,
  description    TEXT NOT NULL CHECK (length(trim(description)) > 0),
  value_minor    INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
  currency       TEXT NOT NULL DEFAULT 'EUR',
  marketing_play TEXT NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  revision       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sales_alert_prospect ON sales_alert (prospect_id);

CREATE TABLE rule (
  id                 INTEGER PRIMARY KEY,
  uuid               TEXT NOT NULL UNIQUE,
  position           INTEGER NOT NULL,
  enabled            INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
  pool_kind          TEXT NOT NULL DEFAULT 'partners',  -- partners | reps | queue
  pool_partner_id    INTEGER REFERENCES partner (id) ON DELETE SET NULL,
  pool_queue_id      INTEGER REFERENCES queue (id) ON DELETE SET NULL,
  strategy           TEXT NOT NULL DEFAULT 'round_robin',
  respect_capacity   INTEGER NOT NULL DEFAULT 1 CHECK (respect_capacity IN (0, 1)),
  skip_inactive      INTEGER NOT NULL DEFAULT 1 CHECK (skip_inactive IN (0, 1)),
  skip_out_of_office INTEGER NOT NULL DEFAULT 1 CHECK (skip_out_of_office IN (0, 1)),
  match_territory    INTEGER NOT NULL DEFAULT 0 CHECK (match_territory IN (0, 1)),
  fallback_queue_id  INTEGER REFERENCES queue (id) ON DELETE SET NULL,
  reroute_after_s    INTEGER CHECK (reroute_after_s > 0),
  -- The rotation state (round-robin position, per-member counts), synced like data.
  rotation           TEXT NOT NULL DEFAULT '',
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  revision           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX rule_position ON rule (position);

CREATE TABLE rule_criterion (
  id       INTEGER PRIMARY KEY,
  rule_id  INTEGER NOT NULL REFERENCES rule (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field    TEXT NOT NULL,   -- country | technology | category | kind | listing | budget | language
  operator TEXT NOT NULL,   -- is_one_of | is_not_one_of | contains
  value    TEXT NOT NULL    -- comma-separated values
);
CREATE INDEX rule_criterion_rule ON rule_criterion (rule_id, position);

-- Explicit members of a rule's pool, with an optional share (weight) set on the rule.
CREATE TABLE rule_member (
  rule_id    INTEGER NOT NULL REFERENCES rule (id) ON DELETE CASCADE,
  partner_id INTEGER REFERENCES partner (id) ON DELETE CASCADE,
  contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
  share      INTEGER CHECK (share > 0),
  CHECK ((partner_id IS NULL) <> (contact_id IS NULL))
);
CREATE INDEX rule_member_rule ON rule_member (rule_id);

-- The change journal: one entry per user action (one reassignment of 10,000 leads is
-- one entry), with who, when, what and the old -> new values as JSON.
CREATE TABLE journal (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid        TEXT NOT NULL UNIQUE,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,          -- create | update | delete | reassign | import | ...
  entity      TEXT NOT NULL,          -- table name of the records concerned
  entity_uuid TEXT,                   -- the record, when the entry is about one
  changes     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes)),
  undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE INDEX journal_entity ON journal (entity, entity_uuid);

-- Leads touched by a journal entry, so that each lead's history finds bulk entries.
CREATE TABLE journal_lead (
  journal_id INTEGER NOT NULL REFERENCES journal (id) ON DELETE CASCADE,
  lead_id    INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  PRIMARY KEY (lead_id, journal_id)
) WITHOUT ROWID;
CREATE INDEX journal_lead_journal ON journal_lead (journal_id);

-- Small key/value settings of the store itself (sync cursor, demo seed, ...).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
