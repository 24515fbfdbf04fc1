/**
 * Recurrence → the RRULE Webex takes (without the "RRULE:" prefix), e.g.
 * "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=10". https://developer.webex.com/docs/api/v1/meetings
 * (recurrence). No WKST: the RFC default (Monday) is the firstDayOfWeek we give Graph, so an
 * every-other-week series groups its days the same way in both.
 */
import { WEEK_ORDER } from "./recurrence-rules";
import { endOfLocalDay, parseLocalDate } from "./time";
import type { Recurrence, Weekday } from "./types";

const DAY_CODES: Record<Weekday, string> = {
  monday: "MO",
  tuesday: "TU",
  wednesday: "WE",
  thursday: "TH",
  friday: "FR",
  saturday: "SA",
  sunday: "SU",
};

const FREQ: Record<Recurrence["frequency"], string> = { daily: "DAILY", weekly: "WEEKLY", monthly: "MONTHLY" };

/**
 * `timeZone` is the meeting's zone: the last date (`until`, local) ends at the end of that local
 * day, written as a UTC instant ("UNTIL=20261231T225959Z" for Stockholm) so an occurrence on the
 * last date is always included whatever zone reads the rule.
 */
export function toRRule(recurrence: Recurrence, timeZone: string): string {
  const parts = [`FREQ=${FREQ[recurrence.frequency]}`, `INTERVAL=${recurrence.interval}`];
  if (recurrence.frequency === "weekly" && recurrence.daysOfWeek && recurrence.daysOfWeek.length > 0) {
    const days = WEEK_ORDER.filter((d) => recurrence.daysOfWeek?.includes(d));
    parts.push(`BYDAY=${days.map((d) => DAY_CODES[d]).join(",")}`);
  }
  if (recurrence.frequency === "monthly") {
    const day = recurrence.daysOfWeek?.[0];
    if (recurrence.weekOfMonth !== undefined && day !== undefined) parts.push(`BYDAY=${recurrence.weekOfMonth}${DAY_CODES[day]}`);
    else if (recurrence.dayOfMonth !== undefined) parts.push(`BYMONTHDAY=${recurrence.dayOfMonth}`);
  }
  if (recurrence.count !== undefined) parts.push(`COUNT=${recurrence.count}`);
  else if (recurrence.until !== undefined) parts.push(`UNTIL=${untilUtc(recurrence.until, timeZone)}`);
  return parts.join(";");
}

function untilUtc(until: string, timeZone: string): string {
  const date = parseLocalDate(until);
  if (!date) throw new RangeError(`recurrence until must be YYYY-MM-DD, got ${JSON.stringify(until)}`);
  // 2026-12-31T22:59:59.000Z → 20261231T225959Z
  return endOfLocalDay(date, timeZone).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}
