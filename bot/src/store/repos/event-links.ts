import { z } from "zod";
import type { EventLink } from "../records";
import type { Clock, EventLinkRepo } from "../types";
import { nullableTimestampColumn, parseFirst, parseRows, timestampColumn } from "../sql/codecs";
import type { SqlExecutor } from "../sql/executor";

const COLUMNS =
  "tenant_id, user_id, event_id, ical_uid, webex_meeting_id, series_master_id, original_start, synced_hash, updated_at";

const eventLinkRow = z
  .object({
    tenant_id: z.string(),
    user_id: z.string(),
    event_id: z.string(),
    ical_uid: z.string(),
    webex_meeting_id: z.string(),
    series_master_id: z.string().nullable(),
    original_start: nullableTimestampColumn,
    synced_hash: z.string(),
    updated_at: timestampColumn,
  })
  .transform(
    (r): EventLink => ({
      tenantId: r.tenant_id,
      userId: r.user_id,
      eventId: r.event_id,
      iCalUId: r.ical_uid,
      webexMeetingId: r.webex_meeting_id,
      seriesMasterId: r.series_master_id,
      originalStart: r.original_start,
      syncedHash: r.synced_hash,
      updatedAt: r.updated_at,
    }),
  );

export function createEventLinkRepo(db: SqlExecutor, now: Clock): EventLinkRepo {
  return {
    async get(tenantId, userId, eventId) {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM event_links WHERE tenant_id = $1 AND user_id = $2 AND event_id = $3`,
        [tenantId, userId, eventId],
      );
      return parseFirst(eventLinkRow, rows);
    },

    async listByWebexMeetingId(webexMeetingId) {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM event_links WHERE webex_meeting_id = $1 ORDER BY updated_at, event_id`,
        [webexMeetingId],
      );
      return parseRows(eventLinkRow, rows);
    },

    async listByICalUId(tenantId, iCalUId) {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM event_links WHERE tenant_id = $1 AND ical_uid = $2 ORDER BY updated_at, event_id`,
        [tenantId, iCalUId],
      );
      return parseRows(eventLinkRow, rows);
    },

    async upsert(link) {
      await db.query(
        `INSERT INTO event_links (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id, user_id, event_id) DO UPDATE SET
           ical_uid = excluded.ical_uid, webex_meeting_id = excluded.webex_meeting_id,
           series_master_id = excluded.series_master_id, original_start = excluded.original_start,
           synced_hash = excluded.synced_hash, updated_at = excluded.updated_at`,
        [
          link.tenantId,
          link.userId,
          link.eventId,
          link.iCalUId,
          link.webexMeetingId,
          link.seriesMasterId,
          link.originalStart,
          link.syncedHash,
          now(),
        ],
      );
    },

    async delete(tenantId, userId, eventId) {
      const { rowCount } = await db.query(
        "DELETE FROM event_links WHERE tenant_id = $1 AND user_id = $2 AND event_id = $3",
        [tenantId, userId, eventId],
      );
      return rowCount > 0;
    },
  };
}
