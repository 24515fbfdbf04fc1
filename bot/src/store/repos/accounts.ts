import { z } from "zod";
import { ACCOUNT_MATCH_SOURCES, type AccountLink } from "../records";
import type { AccountLinkRepo, Clock } from "../types";
import { parseFirst, parseRows, timestampColumn } from "../sql/codecs";
import type { SqlExecutor } from "../sql/executor";

const COLUMNS =
  "tenant_id, aad_object_id, upn, matched_address, webex_person_id, webex_email, matched_by, matched_at";

const accountRow = z
  .object({
    tenant_id: z.string(),
    aad_object_id: z.string(),
    upn: z.string(),
    matched_address: z.string(),
    webex_person_id: z.string(),
    webex_email: z.string(),
    matched_by: z.enum(ACCOUNT_MATCH_SOURCES),
    matched_at: timestampColumn,
  })
  .transform(
    (r): AccountLink => ({
      tenantId: r.tenant_id,
      aadObjectId: r.aad_object_id,
      upn: r.upn,
      matchedAddress: r.matched_address,
      webexPersonId: r.webex_person_id,
      webexEmail: r.webex_email,
      matchedBy: r.matched_by,
      matchedAt: r.matched_at,
    }),
  );

export function createAccountLinkRepo(db: SqlExecutor, now: Clock): AccountLinkRepo {
  return {
    async get(tenantId, aadObjectId) {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM account_links WHERE tenant_id = $1 AND aad_object_id = $2`,
        [tenantId, aadObjectId],
      );
      return parseFirst(accountRow, rows);
    },

    async getByWebexPersonId(webexPersonId) {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM account_links WHERE webex_person_id = $1 ORDER BY tenant_id, aad_object_id`,
        [webexPersonId],
      );
      return parseRows(accountRow, rows);
    },

    async upsert(link) {
      await db.query(
        `INSERT INTO account_links (${COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id, aad_object_id) DO UPDATE SET
           upn = excluded.upn, matched_address = excluded.matched_address,
           webex_person_id = excluded.webex_person_id, webex_email = excluded.webex_email,
           matched_by = excluded.matched_by, matched_at = excluded.matched_at, updated_at = excluded.updated_at`,
        [
          link.tenantId,
          link.aadObjectId,
          link.upn,
          link.matchedAddress,
          link.webexPersonId,
          link.webexEmail,
          link.matchedBy,
          link.matchedAt,
          now(),
        ],
      );
    },

    async delete(tenantId, aadObjectId) {
      const { rowCount } = await db.query(
        "DELETE FROM account_links WHERE tenant_id = $1 AND aad_object_id = $2",
        [tenantId, aadObjectId],
      );
      return rowCount > 0;
    },
  };
}
