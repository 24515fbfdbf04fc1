import { z } from "zod";
import { TOKEN_KINDS, type TokenOwner, type TokenRecord } from "../records";
import type { Clock, TokenRepo } from "../types";
import { bytesColumn, nullableTimestampColumn, parseFirst, timestampColumn } from "../sql/codecs";
import type { SqlExecutor } from "../sql/executor";

// Tenant-wide tokens have no user: they are stored with user_id = '' so that the owner can be
// part of the primary key (PostgreSQL does not allow NULL in a primary key).
const TENANT_WIDE = "";

const tokenRow = z
  .object({
    kind: z.enum(TOKEN_KINDS),
    tenant_id: z.string(),
    user_id: z.string(),
    ciphertext: bytesColumn,
    key_id: z.string(),
    expires_at: nullableTimestampColumn,
    updated_at: timestampColumn,
  })
  .transform(
    (r): TokenRecord => ({
      kind: r.kind,
      owner: r.user_id === TENANT_WIDE ? { tenantId: r.tenant_id } : { tenantId: r.tenant_id, userId: r.user_id },
      ciphertext: r.ciphertext,
      keyId: r.key_id,
      expiresAt: r.expires_at,
      updatedAt: r.updated_at,
    }),
  );

function userKey(owner: TokenOwner): string {
  if (owner.userId === TENANT_WIDE) throw new RangeError("TokenOwner.userId must be omitted, not empty");
  return owner.userId ?? TENANT_WIDE;
}

export function createTokenRepo(db: SqlExecutor, now: Clock): TokenRepo {
  return {
    async get(kind, owner) {
      const { rows } = await db.query(
        `SELECT kind, tenant_id, user_id, ciphertext, key_id, expires_at, updated_at
         FROM token_records WHERE kind = $1 AND tenant_id = $2 AND user_id = $3`,
        [kind, owner.tenantId, userKey(owner)],
      );
      return parseFirst(tokenRow, rows);
    },

    async put(record) {
      await db.query(
        `INSERT INTO token_records (kind, tenant_id, user_id, ciphertext, key_id, expires_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (kind, tenant_id, user_id) DO UPDATE SET
           ciphertext = excluded.ciphertext, key_id = excluded.key_id,
           expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
        [
          record.kind,
          record.owner.tenantId,
          userKey(record.owner),
          Buffer.from(record.ciphertext),
          record.keyId,
          record.expiresAt,
          now(),
        ],
      );
    },

    async delete(kind, owner) {
      const { rowCount } = await db.query(
        "DELETE FROM token_records WHERE kind = $1 AND tenant_id = $2 AND user_id = $3",
        [kind, owner.tenantId, userKey(owner)],
      );
      return rowCount > 0;
    },

    async deleteOwner(owner) {
      const { rowCount } = await db.query("DELETE FROM token_records WHERE tenant_id = $1 AND user_id = $2", [
        owner.tenantId,
        userKey(owner),
      ]);
      return rowCount;
    },
  };
}
