import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ETagConflictError } from "../errors";
import type { KeyValueEntry, KeyValueWrite } from "../records";
import type { Clock, KeyValueRepo } from "../types";
import { jsonTextColumn, parseRows, toJsonText } from "../sql/codecs";
import { placeholders, stmt, type SqlExecutor, type Statement, type TxProgram } from "../sql/executor";

const kvRow = z.object({ state_key: z.string(), value: jsonTextColumn, etag: z.string() });

export function createKeyValueRepo(db: SqlExecutor, now: Clock): KeyValueRepo {
  return {
    async getMany(keys) {
      const found = new Map<string, KeyValueEntry>();
      if (keys.length === 0) return found;
      const { rows } = await db.query(
        `SELECT state_key, CAST(value AS TEXT) AS value, etag FROM bot_state
         WHERE state_key IN (${placeholders(1, keys.length)})`,
        keys,
      );
      for (const row of parseRows(kvRow, rows)) found.set(row.state_key, { value: row.value, etag: row.etag });
      return found;
    },

    async putMany(writes) {
      if (writes.length === 0) return new Map();
      const [only] = writes;
      if (writes.length === 1 && only) {
        // One upsert is atomic on its own (its etag check included): no BEGIN … COMMIT around it.
        const { statement, etag } = upsertOf(only, now());
        const { rowCount } = await db.query(statement.text, statement.params);
        if (rowCount === 0) throw new ETagConflictError(only.key);
        return new Map([[only.key, etag]]);
      }
      return db.transaction(() => putProgram(writes, now()));
    },

    async deleteMany(keys) {
      if (keys.length === 0) return;
      await db.query(`DELETE FROM bot_state WHERE state_key IN (${placeholders(1, keys.length)})`, keys);
    },
  };
}

// Each conditional write is one upsert whose DO UPDATE only fires when the stored etag matches,
// so the check and the write cannot be separated by a concurrent writer. A key that does not
// exist yet is written whatever ifMatch says (botbuilder's MemoryStorage does the same).
function* putProgram(writes: readonly KeyValueWrite[], at: Date): TxProgram<Map<string, string>> {
  const etags = new Map<string, string>();
  for (const write of writes) {
    const { statement, etag } = upsertOf(write, at);
    const { rowCount } = yield statement;
    if (rowCount === 0) throw new ETagConflictError(write.key);
    etags.set(write.key, etag);
  }
  return etags;
}

function upsertOf(write: KeyValueWrite, at: Date): { statement: Statement; etag: string } {
  const etag = randomUUID();
  const conditional = write.ifMatch !== undefined && write.ifMatch !== "*";
  const params = [write.key, toJsonText(write.value), etag, at];
  const statement = stmt(
    `INSERT INTO bot_state (state_key, value, etag, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (state_key) DO UPDATE SET
       value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at
     ${conditional ? "WHERE bot_state.etag = $5" : ""}`,
    conditional ? [...params, write.ifMatch ?? null] : params,
  );
  return { statement, etag };
}
