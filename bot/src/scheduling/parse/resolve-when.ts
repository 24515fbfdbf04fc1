// Turns the date/time phrases found in a request into one date, start time and duration — or
// into problems when they disagree. "Which Friday" is decided here, against the user's wall clock.
import type { Recurrence } from "../types";
import { WEEKDAYS } from "./lang/common";
import { isNthWeekday } from "../recurrence-rules";
import type { CountPhrase, DayRef, SeriesEnd, WhenPiece } from "./lang/grammar";
import type { Found } from "./rules";
import type { ParseProblem } from "./types";
import { addDays, daysInMonth, formatDate, isCalendarDate, nextDateInMonth, splitDate, weekdayOf, type LocalNow } from "./zone";

export interface When {
  date: string | null;
  startTime: string | null;
  durationMinutes: number | null;
  recurrence: Recurrence | null;
}

export interface WhenInput {
  pieces: WhenPiece[];
  durations: Found<number>[];
  recurrences: Found<Recurrence>[];
  counts: Found<CountPhrase>[];
  ends: Found<SeriesEnd>[];
  now: LocalNow;
  problems: ParseProblem[];
}

export function resolveWhen(input: WhenInput): When {
  const { pieces, now, problems } = input;
  const startTime = single(pieces.filter((p) => p.time !== undefined).map((p) => ({ value: p.time!, text: p.text })), "time", problems);
  const durationMinutes = single(
    [
      ...pieces.filter((p) => p.durationMinutes !== undefined).map((p) => ({ value: p.durationMinutes!, text: p.text })),
      ...input.durations.map((d) => ({ value: d.value, text: d.text })),
    ],
    "duration",
    problems,
  );
  let recurrence = single(mergeRecurrences(input.recurrences), "recurrence", problems);
  recurrence = withCount(recurrence, input.counts, problems);

  const days: { value: string; text: string }[] = [];
  for (const p of pieces) {
    if (!p.day) continue;
    const date = resolveDay(p.day, startTime, now);
    if (date === null) problems.push({ field: "date", text: p.text });
    else days.push({ value: date, text: p.text });
  }
  let date = single(days, "date", problems);
  const dateWasWritten = days.length > 0 || problems.some((p) => p.field === "date");
  if (date === null && !dateWasWritten) {
    if (recurrence) date = firstOccurrence(recurrence, startTime, now);
    else if (startTime !== null) {
      // Only a time: today while it is still ahead; once it has passed, the card asks for the day.
      const timeText = pieces.find((p) => p.time === startTime)?.text ?? startTime;
      if (isAhead(now.date, startTime, now)) date = now.date;
      else problems.push({ field: "date", text: timeText });
    }
  }
  if (recurrence && date) recurrence = anchored(recurrence, date);
  recurrence = withEnd(recurrence, input.ends, date ?? now.date, problems);
  return { date, startTime, durationMinutes, recurrence };
}

/** The one value the user wrote, or null (and a problem) when they wrote different ones. */
function single<T>(found: { value: T; text: string }[], field: ParseProblem["field"], problems: ParseProblem[]): T | null {
  const distinct = new Map(found.map((f) => [JSON.stringify(f.value), f]));
  if (distinct.size === 1) return found[0]!.value;
  if (distinct.size > 1) problems.push({ field, text: [...distinct.values()].map((f) => f.text).join(" / ") });
  return null;
}

/** "weekly standup every Monday": a bare "weekly" agrees with "every Monday" and adds nothing. */
function mergeRecurrences(found: Found<Recurrence>[]): { value: Recurrence; text: string }[] {
  const out: { value: Recurrence; text: string }[] = [];
  for (const f of found) {
    const i = out.findIndex((o) => refines(o.value, f.value) || refines(f.value, o.value));
    if (i < 0) out.push({ value: f.value, text: f.text });
    else if (refines(out[i]!.value, f.value)) out[i] = { value: f.value, text: `${out[i]!.text} / ${f.text}` };
  }
  return out;
}

/** `b` says everything `a` says (same frequency and interval; `a` names no day, or the same). */
function refines(a: Recurrence, b: Recurrence): boolean {
  if (a.frequency !== b.frequency || a.interval !== b.interval) return false;
  const days = a.daysOfWeek === undefined || JSON.stringify(a.daysOfWeek) === JSON.stringify(b.daysOfWeek);
  const dom = a.dayOfMonth === undefined || a.dayOfMonth === b.dayOfMonth;
  const nth = a.weekOfMonth === undefined || a.weekOfMonth === b.weekOfMonth;
  return days && dom && nth;
}

function isAhead(date: string, time: string | null, now: LocalNow): boolean {
  return date > now.date || (date === now.date && (time === null || time > now.time));
}

function resolveDay(ref: DayRef, time: string | null, now: LocalNow): string | null {
  const [year, month] = splitDate(now.date);
  switch (ref.kind) {
    case "date":
      return ref.date;
    case "monthDay":
      return nextDateInMonth(year, ref.month, ref.day, (d) => isAhead(d, time, now));
    case "weekday":
      for (let i = 0; i < 14; i++) {
        const d = addDays(ref.earliest, i);
        if (weekdayOf(d) === ref.weekday && isAhead(d, time, now)) return d;
      }
      return null;
    case "dayOfMonth":
      return nextDayOfMonth(ref.day, year, month, time, now);
  }
}

function nextDayOfMonth(day: number, year: number, month: number, time: string | null, now: LocalNow): string | null {
  for (let k = 0; k < 24; k++) {
    const y = year + Math.floor((month - 1 + k) / 12);
    const m = ((month - 1 + k) % 12) + 1;
    if (!isCalendarDate(y, m, day)) continue;
    const d = formatDate(y, m, day);
    if (isAhead(d, time, now)) return d;
  }
  return null;
}

/** The series' first meeting when no date was written: "every Monday 09:00" is the next Monday 09:00. */
function firstOccurrence(r: Recurrence, time: string | null, now: LocalNow): string | null {
  const [year, month] = splitDate(now.date);
  if (r.frequency === "monthly" && r.weekOfMonth !== undefined) return nextNthWeekday(r, time, now);
  if (r.frequency === "monthly") return r.dayOfMonth === undefined ? null : nextDayOfMonth(r.dayOfMonth, year, month, time, now);
  const wanted = r.frequency === "daily" ? null : r.daysOfWeek;
  if (wanted === undefined) return null; // "weekly" alone: the card asks for the day
  for (let i = 0; i < 14; i++) {
    const d = addDays(now.date, i);
    if ((wanted === null || wanted.includes(WEEKDAYS[weekdayOf(d)]!)) && isAhead(d, time, now)) return d;
  }
  return null;
}

/** "the first Tuesday" of this month or a later one, still ahead. */
function nextNthWeekday(r: Recurrence, time: string | null, now: LocalNow): string | null {
  const weekday = r.daysOfWeek?.[0];
  if (weekday === undefined || r.weekOfMonth === undefined) return null;
  for (let i = 0; i < 400; i++) {
    const d = addDays(now.date, i);
    const [year, month, day] = splitDate(d);
    if (isNthWeekday({ year, month, day }, weekday, r.weekOfMonth) && isAhead(d, time, now)) return d;
  }
  return null;
}

/** "weekly" plus a date means weekly on that weekday; "monthly" plus a date, on that day. */
function anchored(r: Recurrence, date: string): Recurrence {
  if (r.frequency === "weekly" && !r.daysOfWeek) return { ...r, daysOfWeek: [WEEKDAYS[weekdayOf(date)]!] };
  if (r.frequency === "monthly" && r.dayOfMonth === undefined && r.weekOfMonth === undefined) return { ...r, dayOfMonth: splitDate(date)[2] };
  return r;
}

const UNIT_DAYS = { day: 1, week: 7, month: 30 } as const;

/** "for 10 weeks" / "10 times" as an occurrence count; a count without a series is a problem. */
function withCount(r: Recurrence | null, counts: Found<CountPhrase>[], problems: ParseProblem[]): Recurrence | null {
  const first = counts[0];
  if (!first) return r;
  const text = counts.map((c) => c.text).join(" / ");
  if (!r || counts.length > 1) {
    problems.push({ field: "recurrence", text });
    return r;
  }
  const c = first.value;
  let count: number | undefined;
  if ("times" in c) count = c.times;
  else if (r.frequency === "monthly" ? c.unit === "month" : c.unit !== "month") {
    const spanDays = c.n * UNIT_DAYS[c.unit];
    const periods = r.frequency === "monthly" ? c.n : r.frequency === "weekly" ? spanDays / 7 : spanDays;
    if (Number.isInteger(periods)) count = Math.ceil(periods / r.interval) * (r.daysOfWeek?.length ?? 1);
  }
  if (count === undefined || !Number.isInteger(count) || count < 1 || count > 999) {
    problems.push({ field: "recurrence", text });
    return r;
  }
  return { ...r, count };
}

/**
 * "until March 31" as the series' last date. Without a series, with a count as well, with two
 * different ends, or with an end before `start`, it is a problem for the card — never dropped.
 */
function withEnd(r: Recurrence | null, ends: Found<SeriesEnd>[], start: string, problems: ParseProblem[]): Recurrence | null {
  if (ends.length === 0) return r;
  const text = ends.map((e) => e.text).join(" / ");
  const distinct = new Set(ends.map((e) => JSON.stringify(e.value)));
  const until = distinct.size === 1 ? lastDate(ends[0]!.value, start) : null;
  if (!r || r.count !== undefined || until === null || until < start) {
    problems.push({ field: "recurrence", text });
    return r;
  }
  return { ...r, until };
}

/** The written end as a date on or after `start` (a later year when "March 31" has passed). */
function lastDate(end: SeriesEnd, start: string): string | null {
  if (end.kind === "date") return end.date;
  if (end.kind === "monthEnd" && end.year !== undefined) return formatDate(end.year, end.month, daysInMonth(end.year, end.month));
  const day = end.kind === "monthEnd" ? (y: number) => daysInMonth(y, end.month) : end.day;
  return nextDateInMonth(splitDate(start)[0], end.month, day, (d) => d >= start);
}
