import { z } from "zod";
import { TENANT_MODES, type TenantSettings } from "../records";
import type { Clock, TenantSettingsRepo } from "../types";
import { nullableTimestampColumn, parseFirst, timestampColumn } from "../sql/codecs";
import type { SqlExecutor } from "../sql/executor";

const tenantRow = z
  .object({
    tenant_id: z.string(),
    mode: z.enum(TENANT_MODES),
    admin_consent_granted_at: nullableTimestampColumn,
    updated_at: timestampColumn,
  })
  .transform(
    (r): TenantSettings => ({
      tenantId: r.tenant_id,
      mode: r.mode,
      adminConsentGrantedAt: r.admin_consent_granted_at,
      updatedAt: r.updated_at,
    }),
  );

export function createTenantSettingsRepo(db: SqlExecutor, now: Clock): TenantSettingsRepo {
  return {
    async get(tenantId) {
      const { rows } = await db.query(
        "SELECT tenant_id, mode, admin_consent_granted_at, updated_at FROM tenant_settings WHERE tenant_id = $1",
        [tenantId],
      );
      return parseFirst(tenantRow, rows);
    },

    async upsert(settings) {
      await db.query(
        `INSERT INTO tenant_settings (tenant_id, mode, admin_consent_granted_at, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET
           mode = excluded.mode, admin_consent_granted_at = excluded.admin_consent_granted_at,
           updated_at = excluded.updated_at`,
        [settings.tenantId, settings.mode, settings.adminConsentGrantedAt, now()],
      );
    },

    async delete(tenantId) {
      const { rowCount } = await db.query("DELETE FROM tenant_settings WHERE tenant_id = $1", [tenantId]);
      return rowCount > 0;
    },
  };
}
