import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { createStore } from "../create-store";
import { MigrationError, StoreUnavailableError } from "../errors";
import { assertMigrationSequence, migrationLabel, type Migration } from "../sql/migration";
import type { Clock, JobQueueOptions, Store, StoreLogger } from "../types";
import { createSqliteExecutor } from "./sqlite-executor";
import { sqliteMigrations } from "./migrations";

export const DEFAULT_SQLITE_PATH = ".data/webex-scheduler.sqlite";

export interface OpenSqliteOptions {
  /** File path, or ":memory:". */
  path: string;
  now: Clock;
  logger?: StoreLogger;
  jobs?: JobQueueOptions;
  /** How long a write waits for another process's lock before failing. Default 5 s. */
  busyTimeoutMs?: number;
}

export async function openSqliteStore(options: OpenSqliteOptions): Promise<Store> {
  const { path, logger } = options;
  let db: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw new StoreUnavailableError(`cannot open SQLite database at ${path}`, { cause: error });
  }
  try {
    // WAL: readers never block the writer; NORMAL sync is durable across process crashes in WAL mode.
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrateSqlite(db, sqliteMigrations, options.now, logger);
  } catch (error) {
    db.close();
    throw error;
  }
  logger?.info({ store: "sqlite", path }, "store opened");
  return createStore(createSqliteExecutor(db), { now: options.now, jobs: options.jobs });
}

/**
 * Applies each pending migration in its own IMMEDIATE transaction. The "already applied?" check
 * runs inside that transaction, so two processes opening the same file cannot both apply it.
 */
export function migrateSqlite(
  db: Database.Database,
  migrations: readonly Migration[],
  now: Clock,
  logger?: StoreLogger,
): void {
  assertMigrationSequence(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const isApplied = db.prepare("SELECT 1 FROM schema_migrations WHERE id = ?");
  const record = db.prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)");
  for (const migration of migrations) {
    const apply = db.transaction((): boolean => {
      if (isApplied.get(migration.id) !== undefined) return false;
      db.exec(migration.sql);
      record.run(migration.id, migration.name, now().getTime());
      return true;
    });
    let applied: boolean;
    try {
      applied = apply.immediate();
    } catch (error) {
      throw new MigrationError(migrationLabel(migration), { cause: error });
    }
    if (applied) logger?.info({ store: "sqlite", migration: migrationLabel(migration) }, "migration applied");
  }
  const newest = db.prepare("SELECT MAX(id) AS id FROM schema_migrations").get() as { id: number | null };
  if ((newest.id ?? 0) > migrations.length) {
    logger?.warn(
      { store: "sqlite", schemaVersion: newest.id, known: migrations.length },
      "database schema is newer than this build",
    );
  }
}
