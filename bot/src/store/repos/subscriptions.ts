import { z } from "zod";
import { SUBSCRIPTION_STATES, type SubscriptionRecord } from "../records";
import type { Clock, SubscriptionRepo } from "../types";
import { parseFirst, parseRows, timestampColumn } from "../sql/codecs";
import type { SqlExecutor } from "../sql/executor";

const COLUMNS =
  "id, tenant_id, user_id, resource, change_type, client_state_hash, expires_at, state, created_at, updated_at";

const subscriptionRow = z
  .object({
    id: z.string(),
    tenant_id: z.string(),
    user_id: z.string(),
    resource: z.string(),
    change_type: z.string(),
    client_state_hash: z.string(),
    expires_at: timestampColumn,
    state: z.enum(SUBSCRIPTION_STATES),
    created_at: timestampColumn,
    updated_at: timestampColumn,
  })
  .transform(
    (r): SubscriptionRecord => ({
      id: r.id,
      tenantId: r.tenant_id,
      userId: r.user_id,
      resource: r.resource,
      changeType: r.change_type,
      clientStateHash: r.client_state_hash,
      expiresAt: r.expires_at,
      state: r.state,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
  );

export function createSubscriptionRepo(db: SqlExecutor, now: Clock): SubscriptionRepo {
  return {
    async get(id) {
      const { rows } = await db.query(`SELECT ${COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
      return parseFirst(subscriptionRow, rows);
    },

    async upsert(s) {
      const at = now();
      await db.query(
        `INSERT INTO subscriptions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET
           tenant_id = excluded.tenant_id, user_id = excluded.user_id, resource = excluded.resource,
           change_type = excluded.change_type, client_state_hash = excluded.client_state_hash,
           expires_at = excluded.expires_at, state = excluded.state, updated_at = excluded.updated_at`,
        [s.id, s.tenantId, s.userId, s.resource, s.changeType, s.clientStateHash, s.expiresAt, s.state, at, at],
      );
    },

    async setExpiry(id, expiresAt) {
      const { rowCount } = await db.query("UPDATE subscriptions SET expires_at = $2, updated_at = $3 WHERE id = $1", [
        id,
        expiresAt,
        now(),
      ]);
      return rowCount > 0;
    },

    async setState(id, state) {
      const { rowCount } = await db.query("UPDATE subscriptions SET state = $2, updated_at = $3 WHERE id = $1", [
        id,
        state,
        now(),
      ]);
      return rowCount > 0;
    },

    async delete(id) {
      const { rowCount } = await db.query("DELETE FROM subscriptions WHERE id = $1", [id]);
      return rowCount > 0;
    },

    async listForUser(tenantId, userId) {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND user_id = $2 ORDER BY expires_at, id`,
        [tenantId, userId],
      );
      return parseRows(subscriptionRow, rows);
    },

    async listExpiringBefore(before, limit = 100) {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM subscriptions WHERE expires_at < $1 ORDER BY expires_at, id LIMIT $2`,
        [before, limit],
      );
      return parseRows(subscriptionRow, rows);
    },
  };
}
