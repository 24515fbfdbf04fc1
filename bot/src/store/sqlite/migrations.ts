// SQLite schema. Timestamps are INTEGER epoch milliseconds, JSON is TEXT, blobs are BLOB.
// Keep in step with ../postgres/migrations.ts: both must satisfy the same contract tests.
import type { Migration } from "../sql/migration";

export const sqliteMigrations: readonly Migration[] = [
  {
    id: 1,
    name: "init",
    sql: `
CREATE TABLE account_links (
  tenant_id TEXT NOT NULL,
  aad_object_id TEXT NOT NULL,
  upn TEXT NOT NULL,
  matched_address TEXT NOT NULL,
  webex_person_id TEXT NOT NULL,
  webex_email TEXT NOT NULL,
  matched_by TEXT NOT NULL,
  matched_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, aad_object_id)
);
CREATE INDEX account_links_webex_person ON account_links (webex_person_id);

CREATE TABLE token_records (
  kind TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  ciphertext BLOB NOT NULL,
  key_id TEXT NOT NULL,
  expires_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (kind, tenant_id, user_id)
);
CREATE INDEX token_records_owner ON token_records (tenant_id, user_id);

CREATE TABLE tenant_settings (
  tenant_id TEXT PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('tenant', 'individual')),
  admin_consent_granted_at INTEGER,
  updated_at INTEGER NOT NULL
);

CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  change_type TEXT NOT NULL,
  client_state_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX subscriptions_expires_at ON subscriptions (expires_at);
CREATE INDEX subscriptions_owner ON subscriptions (tenant_id, user_id);

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE event_links (
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  ical_uid TEXT NOT NULL,
  webex_meeting_id TEXT NOT NULL,
  series_master_id TEXT,
  original_start INTEGER,
  synced_hash TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, user_id, event_id)
);
CREATE INDEX event_links_webex_meeting ON event_links (webex_meeting_id);
CREATE INDEX event_links_ical_uid ON event_links (tenant_id, ical_uid);

CREATE TABLE idempotency_keys (
  idem_key TEXT PRIMARY KEY,
  claimed_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  result TEXT,
  completed_at INTEGER
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  job_key TEXT UNIQUE,
  run_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
  last_error TEXT,
  locked_by TEXT,
  locked_at INTEGER,
  dead_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE dead_at IS NULL;
CREATE INDEX jobs_locked_by ON jobs (locked_by) WHERE locked_by IS NOT NULL;

CREATE TABLE bot_state (
  state_key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  etag TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
  },
];
