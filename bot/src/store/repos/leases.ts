import type { Clock, LeaseRepo } from "../types";
import type { SqlExecutor } from "../sql/executor";

export function createLeaseRepo(db: SqlExecutor, now: Clock): LeaseRepo {
  return {
    // One upsert: the row lock taken by ON CONFLICT serialises racing instances on PostgreSQL
    // (SQLite serialises all writers anyway), so exactly one of them sees a changed row.
    async tryAcquire(name, holder, ttlMs) {
      if (!(ttlMs > 0)) throw new RangeError("lease ttlMs must be positive");
      const at = now();
      const { rowCount } = await db.query(
        `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`,
        [name, holder, new Date(at.getTime() + ttlMs), at],
      );
      return rowCount > 0;
    },

    async release(name, holder) {
      const { rowCount } = await db.query("DELETE FROM leases WHERE name = $1 AND holder = $2", [name, holder]);
      return rowCount > 0;
    },
  };
}
