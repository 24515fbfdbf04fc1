import type { Pool, PoolClient } from "pg";
import { MigrationError } from "../errors";
import { assertMigrationSequence, migrationLabel, type Migration } from "../sql/migration";
import type { Clock, StoreLogger } from "../types";

// Advisory lock key: (class, hash of the current schema), so deployments in different schemas of
// one database do not wait for each other. 0x5753 = "WS" (webex-scheduler).
const LOCK_CLASS = 0x5753;
const LOCK_ARGS = "$1::int, hashtext(coalesce(current_schema(), ''))";

/**
 * Applies pending migrations, each in its own transaction, while holding a session-level
 * advisory lock: instances starting together wait for the first one instead of racing it.
 */
export async function migratePostgres(
  pool: Pool,
  migrations: readonly Migration[],
  now: Clock,
  logger?: StoreLogger,
): Promise<void> {
  assertMigrationSequence(migrations);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`SELECT pg_advisory_lock(${LOCK_ARGS})`, [LOCK_CLASS]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`);
      for (const migration of migrations) {
        if (await applyOne(client, migration, now)) {
          logger?.info({ store: "postgres", migration: migrationLabel(migration) }, "migration applied");
        }
      }
      const { rows } = await client.query<{ id: number | null }>("SELECT MAX(id) AS id FROM schema_migrations");
      const newest = rows[0]?.id ?? 0;
      if (newest > migrations.length) {
        logger?.warn(
          { store: "postgres", schemaVersion: newest, known: migrations.length },
          "database schema is newer than this build",
        );
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK_ARGS})`, [LOCK_CLASS]);
    }
  } catch (error) {
    // A session that may still hold the advisory lock must not go back to the pool.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function applyOne(client: PoolClient, migration: Migration, now: Clock): Promise<boolean> {
  await client.query("BEGIN");
  try {
    const done = await client.query("SELECT 1 FROM schema_migrations WHERE id = $1", [migration.id]);
    if ((done.rowCount ?? 0) > 0) {
      await client.query("COMMIT");
      return false;
    }
    await client.query(migration.sql);
    await client.query("INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)", [
      migration.id,
      migration.name,
      now(),
    ]);
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK");
    throw new MigrationError(migrationLabel(migration), { cause: error });
  }
}
