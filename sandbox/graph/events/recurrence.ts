import { z } from "zod";
import { GraphError } from "../errors";
import { resolveZone, utcToWall, wallToUtc } from "./timezones";

/**
 * Outlook's patternedRecurrence: which calendar dates a series falls on, and the instants of
 * its occurrences (the master's local start time on each date, in the recurrence time zone).
 */

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const INDEX = ["first", "second", "third", "fourth", "last"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const RecurrenceInputSchema = z.object({
  pattern: z.object({
    type: z.enum(["daily", "weekly", "absoluteMonthly", "relativeMonthly", "absoluteYearly", "relativeYearly"]),
    interval: z.number().int().min(1).max(999).default(1),
    month: z.number().int().min(0).max(12).optional(),
    dayOfMonth: z.number().int().min(0).max(31).optional(),
    daysOfWeek: z.array(z.string().transform((s) => s.toLowerCase()).pipe(z.enum(DAYS))).optional(),
    firstDayOfWeek: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(DAYS)).optional(),
    index: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(INDEX)).optional(),
  }),
  range: z.object({
    type: z.enum(["endDate", "noEnd", "numbered"]),
    startDate: z.string().regex(DATE),
    endDate: z.string().regex(DATE).optional(),
    recurrenceTimeZone: z.string().optional(),
    numberOfOccurrences: z.number().int().min(0).optional(),
  }),
});
export type RecurrenceInput = z.infer<typeof RecurrenceInputSchema>;

/** The normalised form Graph returns: every field present. */
export interface Recurrence {
  pattern: { type: RecurrenceInput["pattern"]["type"]; interval: number; month: number; dayOfMonth: number; daysOfWeek: string[]; firstDayOfWeek: string; index: string };
  range: { type: RecurrenceInput["range"]["type"]; startDate: string; endDate: string; recurrenceTimeZone: string; numberOfOccurrences: number };
}

const invalid = (message: string): GraphError => new GraphError(400, "ErrorPropertyValidationFailure", `At least one property failed validation. ${message}`);

export function normaliseRecurrence(input: unknown, startZoneName: string): Recurrence {
  const parsed = RecurrenceInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(`recurrence: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const { pattern: p, range: r } = parsed.data;
  const days = p.daysOfWeek ?? [];
  if ((p.type === "weekly" || p.type.startsWith("relative")) && days.length === 0) throw invalid(`daysOfWeek is required for a ${p.type} pattern.`);
  if (p.type.startsWith("absolute") && !p.dayOfMonth) throw invalid(`dayOfMonth is required for a ${p.type} pattern.`);
  if (p.type.endsWith("Yearly") && !p.month) throw invalid(`month is required for a ${p.type} pattern.`);
  if (r.type === "endDate" && (!r.endDate || r.endDate < r.startDate)) throw invalid("range.endDate must be on or after range.startDate.");
  if (r.type === "numbered" && !r.numberOfOccurrences) throw invalid("range.numberOfOccurrences must be positive.");
  const tz = r.recurrenceTimeZone ?? startZoneName;
  if (!resolveZone(tz)) throw invalid(`recurrenceTimeZone '${tz}' is not supported.`);
  return {
    pattern: {
      type: p.type, interval: p.interval, month: p.month ?? 0, dayOfMonth: p.dayOfMonth ?? 0, daysOfWeek: days,
      firstDayOfWeek: p.firstDayOfWeek ?? "sunday", index: p.index ?? "first",
    },
    range: {
      type: r.type, startDate: r.startDate, endDate: r.type === "endDate" ? r.endDate! : "0001-01-01", recurrenceTimeZone: tz,
      numberOfOccurrences: r.type === "numbered" ? r.numberOfOccurrences! : 0,
    },
  };
}

const DAY_MS = 86_400_000;
const dayNum = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const weekday = (n: number): number => (((n + 4) % 7) + 7) % 7;
const toDate = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Dates (YYYY-MM-DD) of the series in order, until the range ends or `untilDate` is passed. */
export function* seriesDates(rec: Recurrence, untilDate: string): Generator<string> {
  const p = rec.pattern;
  const start = dayNum(rec.range.startDate);
  const last = rec.range.type === "endDate" ? Math.min(dayNum(rec.range.endDate), dayNum(untilDate)) : dayNum(untilDate);
  const limit = rec.range.type === "numbered" ? rec.range.numberOfOccurrences : Number.POSITIVE_INFINITY;
  const wanted = new Set(p.daysOfWeek.map((d) => DAYS.indexOf(d as (typeof DAYS)[number])));
  let emitted = 0;
  const emit = function* (n: number): Generator<string, boolean> {
    if (n < start) return true;
    if (n > last || emitted >= limit) return false;
    emitted++;
    yield toDate(n);
    return true;
  };
  const startY = Number(rec.range.startDate.slice(0, 4));
  const startM = Number(rec.range.startDate.slice(5, 7));
  for (let k = 0; k < 20_000; k++) {
    const candidates: number[] = [];
    if (p.type === "daily") candidates.push(start + k * p.interval);
    else if (p.type === "weekly") {
      const fdw = DAYS.indexOf(p.firstDayOfWeek as (typeof DAYS)[number]);
      const weekStart = start - ((weekday(start) - fdw + 7) % 7) + 7 * p.interval * k;
      for (let i = 0; i < 7; i++) if (wanted.has(weekday(weekStart + i))) candidates.push(weekStart + i);
    } else {
      const yearly = p.type.endsWith("Yearly");
      const monthIndex = yearly ? (startY + k * p.interval) * 12 + (p.month - 1) : startY * 12 + (startM - 1) + k * p.interval;
      const y = Math.floor(monthIndex / 12);
      const m = (monthIndex % 12) + 1;
      const first = Date.UTC(y, m - 1, 1) / DAY_MS;
      const dim = daysInMonth(y, m);
      if (p.type.startsWith("absolute")) candidates.push(first + Math.min(p.dayOfMonth, dim) - 1);
      else {
        const matching: number[] = [];
        for (let i = 0; i < dim; i++) if (wanted.has(weekday(first + i))) matching.push(first + i);
        const pick = p.index === "last" ? matching[matching.length - 1] : matching[INDEX.indexOf(p.index as (typeof INDEX)[number])];
        if (pick !== undefined) candidates.push(pick);
      }
    }
    for (const n of candidates) {
      const more = yield* emit(n);
      if (!more) return;
    }
    // Every candidate lies past the window: nothing later can be inside it.
    if (candidates.length > 0 && Math.min(...candidates) > last) return;
  }
}

/** The original start instants of the series' occurrences that start before `untilMs`. */
export function occurrenceStarts(rec: Recurrence, masterStartMs: number, untilMs: number, max = Number.POSITIVE_INFINITY): number[] {
  const zone = resolveZone(rec.range.recurrenceTimeZone) ?? "UTC";
  const t = utcToWall(masterStartMs, zone);
  const untilDate = new Date(untilMs + 2 * DAY_MS).toISOString().slice(0, 10);
  const out: number[] = [];
  for (const date of seriesDates(rec, untilDate)) {
    const at = wallToUtc({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)), hour: t.hour, minute: t.minute, second: t.second, ms: 0 }, zone);
    if (at >= untilMs || out.length >= max) break;
    out.push(at);
  }
  return out;
}
