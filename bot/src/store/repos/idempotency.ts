import { z } from "zod";
import type { IdempotencyClaim, IdempotencyRecord } from "../records";
import type { Clock, IdempotencyRepo } from "../types";
import { jsonTextColumn, nullableTimestampColumn, parseFirst, timestampColumn, toJsonText } from "../sql/codecs";
import type { SqlExecutor } from "../sql/executor";

const idempotencyRow = z
  .object({
    idem_key: z.string(),
    claimed_at: timestampColumn,
    expires_at: timestampColumn,
    completed_at: nullableTimestampColumn,
    result: z.union([z.null(), jsonTextColumn]),
  })
  .transform(
    (r): IdempotencyRecord => ({
      key: r.idem_key,
      claimedAt: r.claimed_at,
      expiresAt: r.expires_at,
      completedAt: r.completed_at,
      result: r.completed_at === null ? undefined : r.result,
    }),
  );

export function createIdempotencyRepo(db: SqlExecutor, now: Clock): IdempotencyRepo {
  async function get(key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await db.query(
      `SELECT idem_key, claimed_at, expires_at, completed_at, CAST(result AS TEXT) AS result
       FROM idempotency_keys WHERE idem_key = $1`,
      [key],
    );
    return parseFirst(idempotencyRow, rows);
  }

  return {
    get,

    // A single upsert decides the race: it inserts, or takes over a lapsed unfinished claim, or
    // changes nothing — and only the caller whose statement changed a row has the claim.
    async claim(key, ttlMs) {
      if (!(ttlMs > 0)) throw new RangeError("idempotency ttlMs must be positive");
      // Twice at most: the row can vanish between the upsert and the read (release/purge).
      for (let round = 0; round < 2; round++) {
        const at = now();
        const { rowCount } = await db.query(
          `INSERT INTO idempotency_keys (idem_key, claimed_at, expires_at) VALUES ($1, $2, $3)
           ON CONFLICT (idem_key) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
           WHERE idempotency_keys.completed_at IS NULL AND idempotency_keys.expires_at <= $2`,
          [key, at, new Date(at.getTime() + ttlMs)],
        );
        if (rowCount > 0) return { status: "claimed" };
        const existing = await get(key);
        if (existing === undefined) continue;
        const claim: IdempotencyClaim =
          existing.completedAt !== null
            ? { status: "completed", result: existing.result }
            : { status: "in-progress", expiresAt: existing.expiresAt };
        return claim;
      }
      throw new Error(`idempotency key ${JSON.stringify(key)} kept disappearing while being claimed`);
    },

    async complete(key, result) {
      const { rowCount } = await db.query(
        `UPDATE idempotency_keys SET result = $2, completed_at = $3 WHERE idem_key = $1 AND completed_at IS NULL`,
        [key, toJsonText(result), now()],
      );
      return rowCount > 0;
    },

    async release(key) {
      const { rowCount } = await db.query(
        "DELETE FROM idempotency_keys WHERE idem_key = $1 AND completed_at IS NULL",
        [key],
      );
      return rowCount > 0;
    },

    async purge(before) {
      const { rowCount } = await db.query(
        `DELETE FROM idempotency_keys
         WHERE (completed_at IS NOT NULL AND completed_at < $1) OR (completed_at IS NULL AND expires_at < $1)`,
        [before],
      );
      return rowCount;
    },
  };
}
