import { Pool } from "pg";
import { createStore } from "../create-store";
import { StoreUnavailableError } from "../errors";
import type { Clock, JobQueueOptions, Store, StoreLogger } from "../types";
import { migratePostgres } from "./migrate-postgres";
import { postgresMigrations } from "./migrations";
import { createPgExecutor } from "./pg-executor";

export interface OpenPostgresOptions {
  connectionString: string;
  /** Schema to use (search_path); must already exist. Default: the server's default search_path. */
  schema?: string;
  /** Pool size. Default 10. */
  poolMax?: number;
  now: Clock;
  logger?: StoreLogger;
  jobs?: JobQueueOptions;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresStore(options: OpenPostgresOptions): Promise<Store> {
  const { connectionString, schema, logger } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new RangeError(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  }
  const pool = new Pool({
    connectionString,
    max: options.poolMax ?? 10,
    application_name: "webex-scheduler",
    // Validated above, so it needs no quoting inside the startup options.
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
  });
  // Without a listener an idle client's network error would crash the process.
  pool.on("error", (error) => {
    logger?.error({ store: "postgres", err: error.message }, "idle PostgreSQL client failed");
  });

  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    throw new StoreUnavailableError(`PostgreSQL is not reachable at ${redactDatabaseUrl(connectionString)}`, {
      cause: error,
    });
  }
  try {
    await migratePostgres(pool, postgresMigrations, options.now, logger);
  } catch (error) {
    await pool.end();
    throw error;
  }
  logger?.info({ store: "postgres", target: redactDatabaseUrl(connectionString), schema }, "store opened");
  return createStore(createPgExecutor(pool), { now: options.now, jobs: options.jobs });
}

/** The URL with its password replaced, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable database URL)";
  }
}
