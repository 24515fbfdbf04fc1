import type { Pool, PoolClient } from "pg";
import { driveAsync, type SqlExecutor, type SqlResult, type Statement } from "../sql/executor";

export function createPgExecutor(pool: Pool): SqlExecutor {
  return {
    dialect: "postgres",

    async query(text, params = []) {
      const result = await pool.query(text, [...params]);
      return toResult(result.rows, result.rowCount);
    },

    // One pooled client for the whole program; other callers keep using the rest of the pool.
    async transaction(program) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await driveAsync(program(), (s) => run(client, s));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          // The connection is in an unknown state: destroy it instead of returning it to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },

    async close() {
      await pool.end();
    },
  };
}

async function run(client: PoolClient, s: Statement): Promise<SqlResult> {
  const result = await client.query(s.text, [...s.params]);
  return toResult(result.rows, result.rowCount);
}

function toResult(rows: Record<string, unknown>[], rowCount: number | null): SqlResult {
  return { rows, rowCount: rowCount ?? rows.length };
}
