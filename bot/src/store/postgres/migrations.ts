// PostgreSQL schema: timestamptz, jsonb, bytea, identity ids. Keep in step with
// ../sqlite/migrations.ts: both must satisfy the same contract tests. Tables are created in the
// connection's current schema (search_path), so one database can host several deployments.
import type { Migration } from "../sql/migration";

export const postgresMigrations: readonly Migration[] = [
  {
    id: 1,
    name: "init",
    sql: `
CREATE TABLE account_links (
  tenant_id text NOT NULL,
  aad_object_id text NOT NULL,
  upn text NOT NULL,
  matched_address text NOT NULL,
  webex_person_id text NOT NULL,
  webex_email text NOT NULL,
  matched_by text NOT NULL,
  matched_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, aad_object_id)
);
CREATE INDEX account_links_webex_person ON account_links (webex_person_id);

CREATE TABLE token_records (
  kind text NOT NULL,
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  ciphertext bytea NOT NULL,
  key_id text NOT NULL,
  expires_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (kind, tenant_id, user_id)
);
CREATE INDEX token_records_owner ON token_records (tenant_id, user_id);

CREATE TABLE tenant_settings (
  tenant_id text PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('tenant', 'individual')),
  admin_consent_granted_at timestamptz,
  updated_at timestamptz NOT NULL
);

CREATE TABLE subscriptions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  resource text NOT NULL,
  change_type text NOT NULL,
  client_state_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  state text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX subscriptions_expires_at ON subscriptions (expires_at);
CREATE INDEX subscriptions_owner ON subscriptions (tenant_id, user_id);

CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE event_links (
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  event_id text NOT NULL,
  ical_uid text NOT NULL,
  webex_meeting_id text NOT NULL,
  series_master_id text,
  original_start timestamptz,
  synced_hash text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id, event_id)
);
CREATE INDEX event_links_webex_meeting ON event_links (webex_meeting_id);
CREATE INDEX event_links_ical_uid ON event_links (tenant_id, ical_uid);

CREATE TABLE idempotency_keys (
  idem_key text PRIMARY KEY,
  claimed_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  result jsonb,
  completed_at timestamptz
);

CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  job_key text UNIQUE,
  run_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL CHECK (max_attempts >= 1),
  last_error text,
  locked_by text,
  locked_at timestamptz,
  dead_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE dead_at IS NULL;
CREATE INDEX jobs_locked_by ON jobs (locked_by) WHERE locked_by IS NOT NULL;

CREATE TABLE bot_state (
  state_key text PRIMARY KEY,
  value jsonb NOT NULL,
  etag text NOT NULL,
  updated_at timestamptz NOT NULL
);
`,
  },
];
