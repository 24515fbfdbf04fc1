/**
 * Recurrence → Graph's patternedRecurrence, for the calendar gateway's event create.
 * https://learn.microsoft.com/graph/api/resources/patternedrecurrence
 * Only the fields a pattern/range type uses are sent: Graph fills the rest with defaults
 * (endDate "0001-01-01", numberOfOccurrences 0) in what it returns.
 */
import { WEEK_ORDER } from "./recurrence-rules";
import type { Recurrence, WeekOfMonth, Weekday } from "./types";

const INDEX: Record<WeekOfMonth, NonNullable<GraphRecurrencePattern["index"]>> = { 1: "first", 2: "second", 3: "third", 4: "fourth", [-1]: "last" };

export interface GraphRecurrencePattern {
  type: "daily" | "weekly" | "absoluteMonthly" | "relativeMonthly";
  interval: number;
  daysOfWeek?: Weekday[];
  dayOfMonth?: number;
  /** relativeMonthly: which of the month's `daysOfWeek`. */
  index?: "first" | "second" | "third" | "fourth" | "last";
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
      if (r.weekOfMonth !== undefined) {
        const day = r.daysOfWeek?.[0];
        if (day === undefined || r.daysOfWeek?.length !== 1) throw new RangeError("a monthly recurrence on the nth weekday needs exactly one day in daysOfWeek");
        return { type: "relativeMonthly", interval: r.interval, daysOfWeek: [day], index: INDEX[r.weekOfMonth] };
      }
      if (r.dayOfMonth === undefined) throw new RangeError("a monthly recurrence needs dayOfMonth (normaliseRecurrence sets it)");
      return { type: "absoluteMonthly", interval: r.interval, dayOfMonth: r.dayOfMonth };
  }
}

function toRange(r: Recurrence, startDate: string, recurrenceTimeZone: string): GraphRecurrenceRange {
  if (r.count !== undefined) return { type: "numbered", startDate, numberOfOccurrences: r.count, recurrenceTimeZone };
  if (r.until !== undefined) return { type: "endDate", startDate, endDate: r.until, recurrenceTimeZone };
  return { type: "noEnd", startDate, recurrenceTimeZone };
}
