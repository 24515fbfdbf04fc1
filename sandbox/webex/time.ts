/**
 * Date and time-zone arithmetic for the Webex emulator, on top of Intl only (no tz library):
 * parsing "any ISO 8601 compliant" date-times as Webex accepts them, formatting them in a
 * zone the way Webex writes them ("2026-11-24T15:00:00+01:00", or "…Z" in UTC), and
 * converting wall-clock times in an IANA zone to instants (recurrences keep their local time
 * across DST changes, as Webex series do).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  if (tz.trim() === "") return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function localParts(utcMs: number, tz: string): LocalParts {
  const out: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(utcMs))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS.indexOf(out.weekday ?? ""),
  };
}

/** Offset of `tz` from UTC at the instant `utcMs`, in milliseconds (east positive). */
export function zoneOffsetMs(utcMs: number, tz: string): number {
  const p = localParts(utcMs, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` shows the given time. In a DST gap the time
 * is pushed forward by the gap; in an overlap one of the two instants is returned.
 */
export function localToUtc(tz: string, year: number, month: number, day: number, hour: number, minute: number, second = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = wall - zoneOffsetMs(wall, tz);
  const second2 = wall - zoneOffsetMs(first, tz);
  if (first === second2) return first;
  // Offsets disagree around a transition: prefer the candidate that maps back to the wall time.
  const earlier = Math.min(first, second2);
  return earlier + zoneOffsetMs(earlier, tz) === wall ? earlier : Math.max(first, second2);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO 8601 date-time. Without an offset the wall time is read in `zoneIfNoOffset`
 * (Webex reads such values in the meeting's `timezone`). Returns undefined when invalid.
 */
export function parseIsoDateTime(text: string, zoneIfNoOffset = "UTC", allowDateOnly = false): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, off] = m;
  if (h === undefined && !allowDateOnly) return undefined;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h ?? 0), minute = Number(mi ?? 0), sec = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || sec > 59) return undefined;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  if (off === undefined) return localToUtc(zoneIfNoOffset, year, month, day, hour, minute, sec) + ms;
  const base = Date.UTC(year, month - 1, day, hour, minute, sec, ms);
  if (off.toUpperCase() === "Z") return base;
  const sign = off.startsWith("-") ? -1 : 1;
  const digits = off.slice(1).replace(":", "");
  const oh = Number(digits.slice(0, 2)), om = Number(digits.slice(2) || 0);
  if (oh > 18 || om > 59) return undefined;
  return base - sign * (oh * HOUR_MS + om * MINUTE_MS);
}

/** "2026-11-24T15:00:00+01:00" in `tz`, or "2026-11-24T14:00:00Z" when the offset is zero. */
export function formatInZone(utcMs: number, tz: string): string {
  const p = localParts(utcMs, tz);
  const offMin = Math.round(zoneOffsetMs(utcMs, tz) / MINUTE_MS);
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  if (offMin === 0) return `${date}Z`;
  const sign = offMin < 0 ? "-" : "+";
  const abs = Math.abs(offMin);
  return `${date}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The compact UTC form occurrence ids carry: "20261124T140000Z". */
export function compactUtc(utcMs: number): string {
  const d = new Date(utcMs);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

export function parseCompactUtc(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return compactUtc(ms) === text ? ms : undefined;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar arithmetic on local dates, done in UTC so no zone interferes. */
export function addDays(year: number, month: number, day: number, n: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
