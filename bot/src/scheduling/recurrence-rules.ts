/**
 * A Recurrence made explicit before it is sent anywhere: weekly gets its days (default: the start's
 * weekday), monthly its date (default: the start's day), and the combinations Webex and Outlook
 * would read differently are refused — in particular a start date outside the pattern, which
 * Outlook moves to the next matching day while RFC 5545 leaves it undefined.
 */
import { DRAFT_LIMITS } from "./limits";
import { parseLocalDate, weekdayOf, type LocalDate } from "./time";
import type { Recurrence, WeekOfMonth, Weekday } from "./types";

export type RecurrenceProblemCode =
  | "invalid-interval"
  | "invalid-day-of-month"
  | "invalid-week-of-month"
  | "invalid-days"
  | "invalid-count"
  | "invalid-until"
  | "until-before-start"
  | "count-and-until"
  | "start-not-in-pattern";

export type RecurrenceCheck = { ok: true; recurrence: Recurrence } | { ok: false; problems: RecurrenceProblemCode[] };

/** Monday first: the week start both the RRULE (RFC default WKST=MO) and Graph's firstDayOfWeek use. */
export const WEEK_ORDER: readonly Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** `startDate` is the series' first local date, YYYY-MM-DD (already validated by the caller). */
export function normaliseRecurrence(input: Recurrence, startDate: string): RecurrenceCheck {
  const problems: RecurrenceProblemCode[] = [];
  const start = parseLocalDate(startDate);
  if (!start) throw new RangeError(`normaliseRecurrence needs a valid start date, got ${JSON.stringify(startDate)}`);

  if (!Number.isInteger(input.interval) || input.interval < 1 || input.interval > DRAFT_LIMITS.maxInterval) problems.push("invalid-interval");
  if (input.count !== undefined && input.until !== undefined) problems.push("count-and-until");
  if (input.count !== undefined && (!Number.isInteger(input.count) || input.count < 1)) problems.push("invalid-count");
  if (input.until !== undefined) {
    if (!parseLocalDate(input.until)) problems.push("invalid-until");
    else if (input.until < startDate) problems.push("until-before-start");
  }

  const out: Recurrence = { frequency: input.frequency, interval: input.interval };
  if (input.frequency === "weekly") {
    const given = input.daysOfWeek ?? [];
    if (given.some((d) => !WEEK_ORDER.includes(d))) problems.push("invalid-days");
    const days = given.length > 0 ? WEEK_ORDER.filter((d) => given.includes(d)) : [weekdayOf(start)];
    if (!days.includes(weekdayOf(start))) problems.push("start-not-in-pattern");
    out.daysOfWeek = days;
  } else if (input.frequency === "monthly" && input.weekOfMonth !== undefined) {
    // "the first Tuesday": one weekday, no date; the series starts on such a day.
    const day = input.daysOfWeek?.length === 1 ? input.daysOfWeek[0]! : undefined;
    if (day === undefined || !WEEK_ORDER.includes(day) || input.dayOfMonth !== undefined) problems.push("invalid-days");
    else if (![1, 2, 3, 4, -1].includes(input.weekOfMonth)) problems.push("invalid-week-of-month");
    else if (!isNthWeekday(start, day, input.weekOfMonth)) problems.push("start-not-in-pattern");
    out.daysOfWeek = day === undefined ? [] : [day];
    out.weekOfMonth = input.weekOfMonth;
  } else if (input.frequency === "monthly") {
    const day = input.dayOfMonth ?? start.day;
    if (!Number.isInteger(day) || day < 1 || day > 31) problems.push("invalid-day-of-month");
    else if (day !== start.day) problems.push("start-not-in-pattern");
    out.dayOfMonth = day;
  }
  if (input.count !== undefined) out.count = input.count;
  if (input.until !== undefined) out.until = input.until;
  return problems.length > 0 ? { ok: false, problems } : { ok: true, recurrence: out };
}

/** Whether `date` is the month's nth `weekday` (n = -1: the last one). */
export function isNthWeekday(date: LocalDate, weekday: Weekday, n: WeekOfMonth): boolean {
  if (weekdayOf(date) !== weekday) return false;
  if (n === -1) return date.day + 7 > new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
  return Math.ceil(date.day / 7) === n;
}
