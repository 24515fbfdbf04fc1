/**
 * A stable fingerprint of the fields the sync keeps equal between Outlook and Webex. schedule()
 * stores it with the link; when Graph later reports a change, the sync hashes what it reads and an
 * equal hash means "this is our own write echoing back". So the hash covers meaning, not spelling:
 * instants instead of formatted times, a trimmed subject, weekdays in a fixed order, and absent
 * optional fields left out.
 */
import { createHash } from "node:crypto";
import { WEEK_ORDER } from "./recurrence-rules";
import type { Recurrence } from "./types";

export interface SyncedFields {
  subject: string;
  start: Date;
  end: Date;
  /** IANA zone the meeting was planned in. */
  timeZone: string;
  recurrence: Recurrence | null;
}

/** sha256 hex of the canonical form. */
export function syncHash(fields: SyncedFields): string {
  return createHash("sha256").update(JSON.stringify(canonical(fields))).digest("hex");
}

// An array of [key, value] pairs in a fixed order: JSON.stringify of objects depends on insertion order.
function canonical(fields: SyncedFields): unknown[] {
  const r = fields.recurrence;
  return [
    ["subject", fields.subject.trim()],
    ["start", instant(fields.start, "start")],
    ["end", instant(fields.end, "end")],
    ["timeZone", fields.timeZone.trim()],
    [
      "recurrence",
      r === null
        ? null
        : [
            ["frequency", r.frequency],
            ["interval", r.interval],
            ["daysOfWeek", r.daysOfWeek && r.daysOfWeek.length > 0 ? WEEK_ORDER.filter((d) => r.daysOfWeek?.includes(d)) : null],
            ["dayOfMonth", r.dayOfMonth ?? null],
            // Only when set: the hashes stored for every other series stay what they were.
            ...(r.weekOfMonth !== undefined ? [["weekOfMonth", r.weekOfMonth] as [string, number]] : []),
            ["count", r.count ?? null],
            ["until", r.until ?? null],
          ],
    ],
  ];
}

function instant(value: Date, name: string): string {
  if (Number.isNaN(value.getTime())) throw new RangeError(`syncHash: ${name} is not a valid date`);
  // Whole seconds: Graph's seven-digit fractions never carry anything we wrote.
  return new Date(Math.floor(value.getTime() / 1000) * 1000).toISOString();
}
