// Wall-clock arithmetic in the user's IANA zone with Intl only — never the machine's zone, so a
// server in UTC and a laptop in Tokyo read "tomorrow 3pm" for Stockholm the same way.

import { formatterFor as zoneFormatter, zoneReadingAt } from "../time";

/** Thrown when the zone name is not one Intl knows (the caller should fall back before parsing). */
export class UnknownTimeZoneError extends Error {
  constructor(readonly timeZone: string, options?: { cause?: unknown }) {
    super(`Unknown time zone "${timeZone}"`, options);
    this.name = "UnknownTimeZoneError";
  }
}

/** "Now" as the user sees it. */
export interface LocalNow {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  time: string;
  /** Minutes east of UTC at this instant (what chrono takes as its reference zone). */
  offsetMinutes: number;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  try {
    return zoneFormatter(timeZone);
  } catch (cause) {
    throw new UnknownTimeZoneError(timeZone, { cause });
  }
}

export function localNow(timeZone: string, instant: Date): LocalNow {
  formatterFor(timeZone); // throws UnknownTimeZoneError for a zone Intl does not know
  const { wall, offsetMinutes } = zoneReadingAt(instant, timeZone);
  return { date: formatDate(wall.year, wall.month, wall.day), time: formatTime(wall.hour, wall.minute), offsetMinutes };
}

const pad = (n: number): string => String(n).padStart(2, "0");

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

export function formatTime(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar arithmetic on YYYY-MM-DD (UTC-based, so no zone or DST can shift it). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = splitDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The Monday after `date`'s week: where "next week" (来週, haftaya) begins. */
export function nextMonday(date: string): string {
  return addDays(date, 7 - ((weekdayOf(date) + 6) % 7));
}

/**
 * The first date from `fromYear` on (up to 8 years ahead) in `month` on `day` (a number, or the
 * day for that year, e.g. the month's last) that `accept` takes; null when none does.
 */
export function nextDateInMonth(fromYear: number, month: number, day: number | ((year: number) => number), accept: (date: string) => boolean): string | null {
  for (let y = fromYear; y <= fromYear + 8; y++) {
    const d = typeof day === "number" ? day : day(y);
    if (!isCalendarDate(y, month, d)) continue;
    const date = formatDate(y, month, d);
    if (accept(date)) return date;
  }
  return null;
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay and chrono number them. */
export function weekdayOf(date: string): number {
  const [y, m, d] = splitDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function splitDate(date: string): [number, number, number] {
  const [y = "1970", m = "1", d = "1"] = date.split("-");
  return [Number(y), Number(m), Number(d)];
}
