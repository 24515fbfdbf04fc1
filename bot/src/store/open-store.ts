import { openPostgresStore } from "./postgres/open-postgres";
import { DEFAULT_SQLITE_PATH, openSqliteStore } from "./sqlite/open-sqlite";
import type { Clock, JobQueueOptions, Store, StoreLogger } from "./types";

export interface OpenStoreOptions {
  /** PostgreSQL connection string (DATABASE_URL). When set, PostgreSQL is used. */
  databaseUrl?: string;
  /** SQLite file when no databaseUrl is given. Default `.data/webex-scheduler.sqlite` (cwd-relative). */
  sqlitePath?: string;
  /** PostgreSQL schema (search_path) to use; it must exist. */
  postgresSchema?: string;
  postgresPoolMax?: number;
  logger?: StoreLogger;
  /** Every time the store records or compares (leases, queue, idempotency) comes from here. */
  now?: Clock;
  jobs?: JobQueueOptions;
}

/** Opens the configured store and brings its schema up to date. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const now = options.now ?? (() => new Date());
  const common = { now, logger: options.logger, jobs: options.jobs };
  if (options.databaseUrl !== undefined && options.databaseUrl !== "") {
    return openPostgresStore({
      ...common,
      connectionString: options.databaseUrl,
      schema: options.postgresSchema,
      poolMax: options.postgresPoolMax,
    });
  }
  return openSqliteStore({ ...common, path: options.sqlitePath ?? DEFAULT_SQLITE_PATH });
}
