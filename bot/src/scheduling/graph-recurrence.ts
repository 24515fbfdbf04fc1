/**
 * Recurrence → Graph's patternedRecurrence, for the calendar gateway's event create.
 * https://learn.microsoft.com/graph/api/resources/patternedrecurrence
 * Only the fields a pattern/range type uses are sent: Graph fills the rest with defaults
 * (endDate "0001-01-01", numberOfOccurrences 0) in what it returns.
 */
import { WEEK_ORDER } from "./recurrence-rules";
import type { Recurrence, Weekday } from "./types";

export interface GraphRecurrencePattern {
  type: "daily" | "weekly" | "absoluteMonthly";
  interval: number;
  daysOfWeek?: Weekday[];
  dayOfMonth?: number;
  firstDayOfWeek?: Weekday;
}

export interface GraphRecurrenceRange {
  type: "numbered" | "endDate" | "noEnd";
  /** The series' first local date, YYYY-MM-DD. */
  startDate: string;
  endDate?: string;
  numberOfOccurrences?: number;
  /** IANA zone the dates are read in: the meeting's. */
  recurrenceTimeZone: string;
}

export interface GraphPatternedRecurrence {
  pattern: GraphRecurrencePattern;
  range: GraphRecurrenceRange;
}

export function toGraphRecurrence(recurrence: Recurrence, startDate: string, timeZone: string): GraphPatternedRecurrence {
  return { pattern: toPattern(recurrence), range: toRange(recurrence, startDate, timeZone) };
}

function toPattern(r: Recurrence): GraphRecurrencePattern {
  switch (r.frequency) {
    case "daily":
      return { type: "daily", interval: r.interval };
    case "weekly": {
      const daysOfWeek = WEEK_ORDER.filter((d) => r.daysOfWeek?.includes(d));
      if (daysOfWeek.length === 0) throw new RangeError("a weekly recurrence needs daysOfWeek (normaliseRecurrence sets them)");
      // Monday first, like the RRULE's default WKST (see rrule.ts).
      return { type: "weekly", interval: r.interval, daysOfWeek, firstDayOfWeek: "monday" };
    }
    case "monthly":
      if (r.dayOfMonth === undefined) throw new RangeError("a monthly recurrence needs dayOfMonth (normaliseRecurrence sets it)");
      return { type: "absoluteMonthly", interval: r.interval, dayOfMonth: r.dayOfMonth };
  }
}

function toRange(r: Recurrence, startDate: string, recurrenceTimeZone: string): GraphRecurrenceRange {
  if (r.count !== undefined) return { type: "numbered", startDate, numberOfOccurrences: r.count, recurrenceTimeZone };
  if (r.until !== undefined) return { type: "endDate", startDate, endDate: r.until, recurrenceTimeZone };
  return { type: "noEnd", startDate, recurrenceTimeZone };
}
