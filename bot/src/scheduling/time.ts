/**
 * Wall-clock time in an IANA zone ↔ UTC instants, with Intl only (the runtime's tz database, so
 * DST follows real rules without a tz library). A local time that does not exist (the spring-
 * forward gap) is an explicit error value, never silently shifted; a local time that exists twice
 * (the autumn fold) resolves to the earlier instant, as Outlook and Temporal's "compatible" do.
 */
import type { Weekday } from "./types";

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

export type TimeError = "invalid-date" | "invalid-time" | "invalid-time-zone" | "nonexistent-local-time";

export type ZonedInstant =
  | { ok: true; instant: Date; /** ISO 8601 with the zone's offset, e.g. "2026-03-29T03:30:00+02:00". */ iso: string }
  | { ok: false; error: TimeError };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKDAYS: readonly Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** "YYYY-MM-DD" → parts, or undefined when it is not a real calendar date (2026-02-30). */
export function parseLocalDate(text: string): LocalDate | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** "HH:mm" (24 h) → parts, or undefined. */
export function parseLocalTime(text: string): { hour: number; minute: number } | undefined {
  const m = TIME_RE.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

// One formatter per zone: constructing Intl.DateTimeFormat is by far the expensive part.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The shared wall-clock formatter for a zone (throws RangeError for a zone Intl does not know). */
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * A zone a meeting can be in: a region ("Europe/Stockholm", "Etc/GMT-3") or UTC. Intl also takes
 * "EST" or "CET", which never change for summer time — a series in one would be an hour off half
 * the year — so those are refused.
 */
export function isMeetingTimeZone(timeZone: string): boolean {
  return (timeZone === "UTC" || timeZone.includes("/")) && isValidTimeZone(timeZone);
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    // RangeError: Intl does not know the zone — that is the answer, not a failure.
    return false;
  }
}

/** The wall clock in `timeZone` at `instant` (second resolution). */
export function wallClockAt(instant: Date, timeZone: string): LocalDateTime {
  return zoneReadingAt(instant, timeZone).wall;
}

/** The wall clock in `timeZone` at `instant` and the zone's offset then, in minutes east of UTC. */
export function zoneReadingAt(instant: Date, timeZone: string): { wall: LocalDateTime; offsetMinutes: number } {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  const offsetMs = offsetMsAt(whole, timeZone);
  const wall = new Date(whole + offsetMs);
  return {
    wall: {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
    },
    offsetMinutes: Math.round(offsetMs / MINUTE_MS),
  };
}

function readWallClock(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

const wallMs = (l: LocalDateTime): number => Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);

// Asking Intl for a zone's offset (formatToParts) is the costly step of every conversion, and a
// turn asks about the same minutes again and again (now; the draft's start as parsed, shown,
// checked and scheduled). So offsets are kept per zone and UTC minute. That is exact while no
// transition falls inside a minute: tzdb changes offsets at whole-minute wall times, so a
// change lands mid-minute only when the offset in force has a seconds part (local mean time,
// before a zone adopted standard time) — such minutes are never kept.
const offsets = new Map<string, number>();
const MAX_KEPT_OFFSETS = 10_000;

/** Milliseconds to add to a whole-second instant to get the zone's wall clock (read as UTC). */
function offsetMsAt(wholeMs: number, timeZone: string): number {
  const minuteStart = Math.floor(wholeMs / MINUTE_MS) * MINUTE_MS;
  const key = `${timeZone}|${minuteStart}`;
  const kept = offsets.get(key);
  if (kept !== undefined) return kept;
  const atStart = wallMs(readWallClock(new Date(minuteStart), timeZone)) - minuteStart;
  if (atStart % MINUTE_MS !== 0) return wallMs(readWallClock(new Date(wholeMs), timeZone)) - wholeMs;
  if (offsets.size >= MAX_KEPT_OFFSETS) offsets.clear();
  offsets.set(key, atStart);
  return atStart;
}

/** The zone's UTC offset at `instant`, in minutes east of UTC. */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  return Math.round(offsetMsAt(Math.floor(instant.getTime() / 1000) * 1000, timeZone) / MINUTE_MS);
}

/**
 * The instant a wall-clock time names in `timeZone`. Every offset the zone has within a day of the
 * wall time is tried; the candidates whose wall clock reads back unchanged are the real ones — none
 * means the time fell into a gap, two means a fold (the earlier wins).
 */
export function localToInstant(local: LocalDateTime, timeZone: string): Date | "nonexistent-local-time" {
  const target = wallMs(local);
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((d) => offsetMinutesAt(new Date(target + d), timeZone)));
  const found = [...offsets]
    .map((o) => target - o * MINUTE_MS)
    .filter((t) => wallMs(wallClockAt(new Date(t), timeZone)) === target)
    .sort((a, b) => a - b);
  return found[0] === undefined ? "nonexistent-local-time" : new Date(found[0]);
}

/** "2026-11-24" + "15:00" in "Europe/Stockholm" → the instant and its ISO form with the offset. */
export function zonedToInstant(date: string, time: string, timeZone: string): ZonedInstant {
  const d = parseLocalDate(date);
  if (!d) return { ok: false, error: "invalid-date" };
  const t = parseLocalTime(time);
  if (!t) return { ok: false, error: "invalid-time" };
  if (!isValidTimeZone(timeZone)) return { ok: false, error: "invalid-time-zone" };
  const local = { ...d, ...t, second: 0 };
  const instant = localToInstant(local, timeZone);
  if (instant === "nonexistent-local-time") return { ok: false, error: instant };
  // localToInstant read the wall clock back at this instant: it is `local`, so the offset follows without asking Intl again.
  return { ok: true, instant, iso: isoWithOffset(local, Math.round((wallMs(local) - instant.getTime()) / MINUTE_MS)) };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const formatLocal = (l: LocalDateTime): string =>
  `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}`;

/** ISO 8601 with the zone's offset at that instant: "2026-10-25T02:30:00+01:00". */
export function formatIsoInZone(instant: Date, timeZone: string): string {
  const { wall, offsetMinutes } = zoneReadingAt(instant, timeZone);
  return isoWithOffset(wall, offsetMinutes);
}

const isoWithOffset = (wall: LocalDateTime, offsetMinutes: number): string => `${formatLocal(wall)}${formatOffset(offsetMinutes)}`;

/** Graph's wall-clock dateTime: "2026-11-24T15:00:00.0000000" (seven fractional digits, no zone). */
export function formatGraphDateTime(local: LocalDateTime): string {
  return `${formatLocal(local)}.0000000`;
}

/** The Graph dateTime of `instant` as the wall clock of `timeZone` shows it. */
export function graphDateTimeInZone(instant: Date, timeZone: string): string {
  return formatGraphDateTime(wallClockAt(instant, timeZone));
}

const GRAPH_DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;

/**
 * Graph's `{dateTime, timeZone}` back to an instant (what a sync compares). Handles IANA zones and
 * "UTC"; a Windows zone name must be mapped to IANA by the caller (undefined here).
 */
export function graphDateTimeToInstant(dateTime: string, timeZone: string): Date | undefined {
  const m = GRAPH_DATE_TIME_RE.exec(dateTime);
  if (!m || !isValidTimeZone(timeZone)) return undefined;
  const date = parseLocalDate(`${m[1]}-${m[2]}-${m[3]}`);
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (!date || hour > 23 || minute > 59 || second > 59) return undefined;
  const instant = localToInstant({ ...date, hour, minute, second }, timeZone);
  return instant === "nonexistent-local-time" ? undefined : instant;
}

/** "YYYY-MM-DD" of the wall clock in `timeZone` at `instant`. */
export function localDateAt(instant: Date, timeZone: string): string {
  return formatLocal(wallClockAt(instant, timeZone)).slice(0, 10);
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] ?? "sunday";
}

/**
 * The last second of a local date in `timeZone`, as an instant: the start of the next local day
 * minus one second. A zone whose midnight falls into a gap starts its day at the first existing
 * minute after it.
 */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  const base = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), second: 0 };
  for (let minutes = 0; minutes <= 24 * 60; minutes += 1) {
    const start = localToInstant({ ...base, hour: Math.floor(minutes / 60), minute: minutes % 60 }, timeZone);
    if (start !== "nonexistent-local-time") return new Date(start.getTime() - 1000);
  }
  throw new RangeError(`no local midnight found in ${timeZone} after ${formatLocal({ ...base, hour: 0, minute: 0 })}`);
}
