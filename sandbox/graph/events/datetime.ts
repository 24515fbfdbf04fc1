import { resolveZone, utcToWall, wallToUtc, type WallTime } from "./timezones";

/**
 * Graph's `dateTimeTimeZone`: a wall-clock `dateTime` with seven fractional digits and no offset
 * (`2026-11-24T15:00:00.0000000`) beside a separate `timeZone` name.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export function parseWall(s: string): { wall: WallTime; offsetMinutes?: number } | undefined {
  const m = LOCAL.exec(s.trim());
  if (!m) return undefined;
  const wall: WallTime = {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0),
    ms: m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0,
  };
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  if (check.getUTCMonth() !== wall.month - 1 || check.getUTCDate() !== wall.day || wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
  if (!m[8]) return { wall };
  if (m[8] === "Z") return { wall, offsetMinutes: 0 };
  const sign = m[8].startsWith("-") ? -1 : 1;
  return { wall, offsetMinutes: sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) };
}

/** A `{dateTime, timeZone}` pair → instant; undefined when either part is unacceptable. */
export function toInstant(dateTime: string, timeZone: string): number | undefined {
  const zone = resolveZone(timeZone);
  const parsed = parseWall(dateTime);
  if (!zone || !parsed) return undefined;
  const w = parsed.wall;
  if (parsed.offsetMinutes !== undefined) {
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms) - parsed.offsetMinutes * 60_000;
  }
  return wallToUtc(w, zone);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

export function formatWall(w: WallTime): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${pad(w.ms, 3)}0000`;
}

/** The instant as Graph writes it for a requested zone name (IANA or Windows; UTC by default). */
export function dateTimeTimeZone(utcMs: number, zoneName = "UTC"): { dateTime: string; timeZone: string } {
  const zone = resolveZone(zoneName) ?? "UTC";
  return { dateTime: formatWall(utcToWall(utcMs, zone)), timeZone: zoneName };
}

/** `2017-04-15T03:00:50.7579581Z` — Graph's DateTimeOffset rendering (createdDateTime etc.). */
export function isoUtc7(utcMs: number): string {
  return `${new Date(utcMs).toISOString().slice(0, 23)}0000Z`;
}

/** Calendar date (no time) of an instant in a zone, as `YYYY-MM-DD`. */
export function localDate(utcMs: number, zone: string): string {
  const w = utcToWall(utcMs, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
