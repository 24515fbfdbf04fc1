/**
 * Time zones as Outlook takes them: IANA names or Windows names ("W. Europe Standard Time").
 * Conversions use the runtime's tz database through Intl, so DST follows real rules.
 */

// The Windows zones clients send most; each maps to the IANA zone CLDR names as its exemplar.
const WINDOWS_TO_IANA: Record<string, string> = {
  "UTC": "UTC",
  "Coordinated Universal Time": "UTC",
  "GMT Standard Time": "Europe/London",
  "Greenwich Standard Time": "Atlantic/Reykjavik",
  "W. Europe Standard Time": "Europe/Berlin",
  "Central Europe Standard Time": "Europe/Budapest",
  "Central European Standard Time": "Europe/Warsaw",
  "Romance Standard Time": "Europe/Paris",
  "FLE Standard Time": "Europe/Kiev",
  "GTB Standard Time": "Europe/Bucharest",
  "Turkey Standard Time": "Europe/Istanbul",
  "Russian Standard Time": "Europe/Moscow",
  "Arabian Standard Time": "Asia/Dubai",
  "India Standard Time": "Asia/Calcutta",
  "China Standard Time": "Asia/Shanghai",
  "Singapore Standard Time": "Asia/Singapore",
  "Tokyo Standard Time": "Asia/Tokyo",
  "Korea Standard Time": "Asia/Seoul",
  "AUS Eastern Standard Time": "Australia/Sydney",
  "New Zealand Standard Time": "Pacific/Auckland",
  "Eastern Standard Time": "America/New_York",
  "Central Standard Time": "America/Chicago",
  "Mountain Standard Time": "America/Denver",
  "US Mountain Standard Time": "America/Phoenix",
  "Pacific Standard Time": "America/Los_Angeles",
  "Alaskan Standard Time": "America/Anchorage",
  "Hawaiian Standard Time": "Pacific/Honolulu",
  "E. South America Standard Time": "America/Sao_Paulo",
};

const WINDOWS_BY_LOWER = new Map(Object.entries(WINDOWS_TO_IANA).map(([w, i]) => [w.toLowerCase(), i]));

// IANA → Windows for the zones our tenant uses (workingHours and getSchedule name zones the Windows way).
const IANA_TO_WINDOWS: Record<string, string> = {
  "UTC": "UTC",
  "Etc/UTC": "UTC",
  "Europe/London": "GMT Standard Time",
  "Europe/Berlin": "W. Europe Standard Time",
  "Europe/Stockholm": "W. Europe Standard Time",
  "Europe/Madrid": "Romance Standard Time",
  "Europe/Paris": "Romance Standard Time",
  "Europe/Istanbul": "Turkey Standard Time",
  "Asia/Tokyo": "Tokyo Standard Time",
  "America/Los_Angeles": "Pacific Standard Time",
  "America/New_York": "Eastern Standard Time",
  "America/Chicago": "Central Standard Time",
  "America/Denver": "Mountain Standard Time",
};

const ianaValid = new Map<string, string | undefined>();

/** The IANA zone for a name Outlook accepts, or undefined when it would reject it. */
export function resolveZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return undefined;
  const windows = WINDOWS_BY_LOWER.get(trimmed.toLowerCase());
  if (windows) return windows;
  if (!ianaValid.has(trimmed)) {
    try {
      const canonical = new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
      // Only proper Area/Location names (and UTC): Intl also accepts things like "EST5EDT".
      ianaValid.set(trimmed, /\//.test(trimmed) || trimmed.toUpperCase() === "UTC" ? canonical : undefined);
    } catch {
      ianaValid.set(trimmed, undefined);
    }
  }
  return ianaValid.get(trimmed);
}

export function windowsZoneName(iana: string): string {
  return IANA_TO_WINDOWS[iana] ?? iana;
}

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

export function utcToWall(utcMs: number, zone: string): WallTime {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts["year"]),
    month: Number(parts["month"]),
    day: Number(parts["day"]),
    hour: Number(parts["hour"]) % 24,
    minute: Number(parts["minute"]),
    second: Number(parts["second"]),
    ms: ((utcMs % 1000) + 1000) % 1000,
  };
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

/** Offset of `zone` from UTC at the instant `utcMs`, in ms (local − UTC). */
export function offsetAt(utcMs: number, zone: string): number {
  return wallAsUtc(utcToWall(utcMs, zone)) - utcMs;
}

/** The instant at which the wall clock in `zone` reads `w` (in a DST gap: the shifted-forward time). */
export function wallToUtc(w: WallTime, zone: string): number {
  const guess = wallAsUtc(w);
  const first = guess - offsetAt(guess, zone);
  return guess - offsetAt(first, zone);
}
