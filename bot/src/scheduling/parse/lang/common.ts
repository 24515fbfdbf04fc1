// Building blocks the language grammars share: clock times, ranges, numbers, recurrence values.
import type { Recurrence, WeekOfMonth, Weekday } from "../../types";
import { addDays, formatDate, formatTime, isCalendarDate, localNow } from "../zone";
import type { ReadContext, RelativePhrase, SeriesEnd, WhenPiece } from "./grammar";

/** Indexed like Date#getDay: 0 = Sunday. */
export const WEEKDAYS: readonly Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** Longest of a dictionary's words first, so "cumartesi" wins over "cuma". */
export function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).map(escape).join("|");
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Looks a word up ignoring case (the dictionaries are lower-case). */
export function lookup<T>(dict: Record<string, T>, word: string | undefined): T | undefined {
  return word === undefined ? undefined : dict[word.toLowerCase()];
}

/** "1.5" and "1,5" alike; words through `words`. NaN when unreadable. */
export function readNumber(raw: string | undefined, words: Record<string, number> = {}): number {
  if (raw === undefined) return NaN;
  const w = lookup(words, raw.trim());
  if (w !== undefined) return w;
  return Number(raw.trim().replace(",", "."));
}

/** Minutes as a duration, or null when it is not a sensible meeting length (0, over a day). */
export function minutes(value: number): number | null {
  const m = Math.round(value);
  return Number.isFinite(m) && m > 0 && m <= 24 * 60 ? m : null;
}

export type Meridiem = "am" | "pm" | undefined;

export function meridiemOf(raw: string | undefined): Meridiem {
  if (!raw) return undefined;
  return raw.toLowerCase().startsWith("p") || raw === "午後" ? "pm" : "am";
}

/** Hour and minute on a 24 h clock, honouring am/pm; undefined when out of range. */
export function clockMinutes(hour: number, minute: number, meridiem: Meridiem): number | undefined {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    const h = meridiem === "pm" ? (hour % 12) + 12 : hour % 12;
    return h * 60 + minute;
  }
  if (hour < 0 || hour > 24 || (hour === 24 && minute > 0)) return undefined;
  return (hour % 24) * 60 + minute;
}

export function hhmm(totalMinutes: number): string {
  return formatTime(Math.floor(totalMinutes / 60) % 24, totalMinutes % 60);
}

export interface ClockParts {
  hour: string | undefined;
  minute: string | undefined;
  meridiem?: string | undefined;
}

/**
 * A start–end range as a start time and a duration. The end's am/pm carries to the start
 * ("3-4pm"), unless that would put the start after the end ("11-1pm" is 11 am). `twelveHour`
 * languages (English) treat a bare hour from 1 to 6 as ambiguous — morning or afternoon is a
 * question for the card, not a guess: null.
 */
export function rangePiece(text: string, start: ClockParts, end: ClockParts, twelveHour: boolean): WhenPiece | null | undefined {
  const sh = Number(start.hour), sm = Number(start.minute ?? 0);
  const eh = Number(end.hour), em = Number(end.minute ?? 0);
  let startMer = meridiemOf(start.meridiem);
  let endMer = meridiemOf(end.meridiem);
  // One side's am/pm carries to the other ("3-4pm", "午後3時から4時"), flipped where it would
  // make the meeting end before it starts ("11-1pm" is 11 am to 1 pm).
  if (!startMer && endMer && sh <= 12) startMer = later(clockMinutes(sh, sm, endMer), clockMinutes(eh, em, endMer)) ? endMer : flip(endMer);
  else if (startMer && !endMer && eh <= 12) endMer = later(clockMinutes(sh, sm, startMer), clockMinutes(eh, em, startMer)) ? startMer : flip(startMer);
  const s = clockMinutes(sh, sm, startMer);
  let e = clockMinutes(eh, em, endMer);
  if (s === undefined || e === undefined) return undefined;
  // "12:30-1:30", "11-1" on a 12 h clock: the end is in the afternoon, not 13 hours later.
  if (twelveHour && !startMer && !endMer && e < s && eh >= 1 && eh <= 12 && e + 720 > s) e += 720;
  if (twelveHour && !startMer && isAmbiguousHour(start.hour)) return null;
  const duration = minutes((e - s + 24 * 60) % (24 * 60));
  if (duration === null) return null;
  return { text, time: hhmm(s), durationMinutes: duration };
}

function later(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && b !== undefined && b > a;
}

function flip(m: "am" | "pm"): "am" | "pm" {
  return m === "am" ? "pm" : "am";
}

/** "3" or "3:30" on a 12 h clock without am/pm; "03:00" and "15" are not ambiguous. */
export function isAmbiguousHour(hour: string | undefined): boolean {
  if (hour === undefined || hour.startsWith("0")) return false;
  const h = Number(hour);
  return h >= 1 && h <= 6;
}

export function weekly(days: number[], interval = 1): Recurrence {
  const unique = [...new Set(days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  const r: Recurrence = { frequency: "weekly", interval };
  if (unique.length > 0) r.daysOfWeek = unique.map((d) => WEEKDAYS[d]!);
  return r;
}

export function daily(interval = 1): Recurrence {
  return { frequency: "daily", interval };
}

export function monthly(dayOfMonth: number | undefined, interval = 1): Recurrence | null {
  if (dayOfMonth === undefined) return { frequency: "monthly", interval };
  if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 31) return null;
  return { frequency: "monthly", interval, dayOfMonth };
}

/** Weekday numbers from a list like "Monday, Wednesday and Friday". */
export function weekdayList(list: string, separators: RegExp, dict: Record<string, number>): number[] | null {
  const out: number[] = [];
  for (const word of list.split(separators)) {
    const w = word.trim();
    if (w === "") continue;
    const n = lookup(dict, w);
    if (n === undefined) return null;
    out.push(n);
  }
  return out.length > 0 ? out : null;
}

/** Interval words: "other"/"varannan"/"隔" = 2. */
export function interval(raw: string | undefined, words: Record<string, number> = {}): number {
  if (!raw) return 1;
  const n = readNumber(raw, words);
  return Number.isInteger(n) && n >= 1 && n <= 99 ? n : NaN;
}

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** "on the 5th" / "den 5:e" / "5日" / "ayın 5'i": the next such day; null for "the 45th". */
export function dayOfMonthPiece(text: string, raw: string | undefined): WhenPiece | null {
  const day = Number(raw);
  return Number.isInteger(day) && day >= 1 && day <= 31 ? { text, day: { kind: "dayOfMonth", day } } : null;
}

/** A clock time as a piece, or null for "25:00" / "kl 27". */
export function clockPiece(text: string, hour: string | undefined, minute: string | undefined, meridiem?: Meridiem): WhenPiece | null {
  const t = clockMinutes(Number(hour), Number(minute ?? 0), meridiem);
  return t === undefined ? null : { text, time: hhmm(t) };
}

/** Adds plural forms ("mondays", "måndagar") to a weekday dictionary. */
export function withPlurals(dict: Record<string, number>, suffixes: readonly string[]): Record<string, number> {
  const out: Record<string, number> = { ...dict };
  for (const [w, n] of Object.entries(dict)) for (const s of suffixes) out[w + s] ??= n;
  return out;
}

/** A moment relative to now: minutes and hours move the clock (in the user's zone), days the date. */
export function relativePiece(text: string, r: RelativePhrase, ctx: ReadContext): WhenPiece {
  if (r.unit === "day" || r.unit === "week") return { text, day: { kind: "date", date: addDays(ctx.now.date, r.amount * (r.unit === "week" ? 7 : 1)) } };
  const at = localNow(ctx.timeZone, new Date(ctx.instant.getTime() + r.amount * (r.unit === "hour" ? 60 : 1) * 60_000));
  return { text, day: { kind: "date", date: at.date }, time: at.time };
}

/** A relative amount, or null when it is no sensible amount ("om 0 dagar", "in 5000 weeks"). */
export function relative(amount: number, unit: RelativePhrase["unit"]): RelativePhrase | null {
  return Number.isFinite(amount) && amount > 0 && amount <= 1000 ? { amount, unit } : null;
}

/** Monthly on the nth weekday ("the first Tuesday", "sista fredagen", "第2月曜", "ayın son cuması"). */
export function nthWeekdayMonthly(weekday: number | undefined, n: number | undefined, interval = 1): Recurrence | null {
  if (weekday === undefined || n === undefined || !isWeekOfMonth(n)) return null;
  return { frequency: "monthly", interval, daysOfWeek: [WEEKDAYS[weekday]!], weekOfMonth: n };
}

function isWeekOfMonth(n: number): n is WeekOfMonth {
  return n === 1 || n === 2 || n === 3 || n === 4 || n === -1;
}

/** "27" → 2027, "2027" → 2027, none → undefined. */
export function fullYear(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return raw.length === 2 ? 2000 + n : n;
}

/** A series' last date from day, month and maybe year; null when no such date exists ("31 April"). */
export function seriesEndOn(day: number, month: number, year?: number): SeriesEnd | null {
  if (year === undefined) return isCalendarDate(2024, month, day) ? { kind: "monthDay", month, day } : null; // 2024: a leap year
  return isCalendarDate(year, month, day) ? { kind: "date", date: formatDate(year, month, day) } : null;
}

/** "the end of March (2027)". */
export function seriesEndOfMonth(month: number | undefined, year?: number): SeriesEnd | null {
  if (month === undefined || month < 1 || month > 12) return null;
  return year === undefined ? { kind: "monthEnd", month } : { kind: "monthEnd", month, year };
}

/** A month's number from its name by the first three letters ("mar", "March", "mars" → 3). */
export function monthByPrefix(abbreviations: readonly string[], name: string | undefined): number | undefined {
  const i = abbreviations.indexOf((name ?? "").slice(0, 3).toLowerCase());
  return i < 0 ? undefined : i + 1;
}

/** "Mon-Fri", "måndag till fredag", "月〜金": weekly on the days between; null when it runs backwards (Fri-Mon). */
export function weekdayRange(from: number | undefined, to: number | undefined): Recurrence | null {
  if (from === undefined || to === undefined) return null;
  const [start, end] = [(from + 6) % 7, (to + 6) % 7]; // Monday = 0
  if (end <= start) return null;
  return weekly(Array.from({ length: end - start + 1 }, (_, i) => (start + i + 1) % 7));
}
