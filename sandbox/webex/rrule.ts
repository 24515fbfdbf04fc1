import { addDays, daysInMonth, localParts, localToUtc, weekdayOf, DAY_MS } from "./time";

/**
 * The subset of RFC 2445 recurrence rules the Webex meetings API accepts, and the expansion of
 * a series into occurrence start instants.
 *
 * Webex facts honoured here (developer.webex.com, "Create a Meeting" → recurrence):
 * - FREQ DAILY/WEEKLY/MONTHLY/YEARLY with INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL.
 * - For monthly and yearly rules only the first of several days or dates is taken
 *   ("BYMONTHDAY=10,11,12" behaves as "BYMONTHDAY=10").
 * - A series reaches at most five years ahead: 1826 daily, 261 weekly, 60 monthly, 5 yearly
 *   occurrences.
 * Occurrences keep the wall-clock time of the series start in the meeting's time zone.
 */

export type Freq = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";

export interface ByDay {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** e.g. 2 for "2TU", -1 for "-1FR"; only in monthly/yearly rules. */
  ordinal?: number;
}

export interface RRule {
  freq: Freq;
  interval: number;
  byDay: ByDay[];
  byMonthDay?: number;
  byMonth?: number;
  count?: number;
  /** Instant after which no occurrence starts (inclusive bound). */
  untilMs?: number;
  /** Week start, 0 = Sunday … 6 = Saturday; RFC default Monday. */
  wkst: number;
}

export type RRuleResult = { ok: true; rule: RRule } | { ok: false; description: string };

const DAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const CAPS: Record<Freq, number> = { DAILY: 1826, WEEKLY: 261, MONTHLY: 60, YEARLY: 5 };
const FIVE_YEARS_MS = 5 * 366 * DAY_MS;
const SUPPORTED = new Set(["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL", "WKST"]);

/** Parses a rule; `tz` reads an UNTIL without "Z" as wall-clock time in the meeting's zone. */
export function parseRRule(text: string, tz: string): RRuleResult {
  const fail = (why: string): RRuleResult => ({ ok: false, description: `Invalid recurrence "${text}": ${why}` });
  const body = text.trim().replace(/^RRULE:/i, "");
  if (body === "") return fail("the rule is empty.");
  const parts = new Map<string, string>();
  for (const piece of body.split(";")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    if (eq <= 0) return fail(`"${piece}" is not KEY=VALUE.`);
    const key = piece.slice(0, eq).toUpperCase();
    if (!SUPPORTED.has(key)) return fail(`${key} is not supported.`);
    if (parts.has(key)) return fail(`${key} appears twice.`);
    parts.set(key, piece.slice(eq + 1).toUpperCase());
  }
  const freq = parts.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY" && freq !== "MONTHLY" && freq !== "YEARLY") return fail("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.");

  const interval = parts.has("INTERVAL") ? positiveInt(parts.get("INTERVAL")!) : 1;
  if (interval === undefined) return fail("INTERVAL must be a positive integer.");

  const count = parts.has("COUNT") ? positiveInt(parts.get("COUNT")!) : undefined;
  if (parts.has("COUNT") && count === undefined) return fail("COUNT must be a positive integer.");
  if (parts.has("COUNT") && parts.has("UNTIL")) return fail("COUNT and UNTIL cannot both be set.");

  let untilMs: number | undefined;
  if (parts.has("UNTIL")) {
    untilMs = parseUntil(parts.get("UNTIL")!, tz);
    if (untilMs === undefined) return fail("UNTIL must look like 20261231 or 20261231T235959Z.");
  }

  let byDay: ByDay[] = [];
  if (parts.has("BYDAY")) {
    for (const code of parts.get("BYDAY")!.split(",")) {
      const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(code);
      if (!m) return fail(`BYDAY value "${code}" is not valid.`);
      const ordinal = m[1] === undefined ? undefined : Number(m[1]);
      if (ordinal !== undefined && (ordinal === 0 || Math.abs(ordinal) > 5)) return fail(`BYDAY ordinal in "${code}" must be 1–5 or -1–-5.`);
      byDay.push({ weekday: DAY_CODES.indexOf(m[2]!), ...(ordinal !== undefined ? { ordinal } : {}) });
    }
  }

  let byMonthDay: number | undefined;
  if (parts.has("BYMONTHDAY")) {
    // Only the first date counts for monthly/yearly rules (documented Webex behaviour).
    const first = Number(parts.get("BYMONTHDAY")!.split(",")[0]);
    if (!Number.isInteger(first) || first === 0 || Math.abs(first) > 31) return fail("BYMONTHDAY must be 1–31 or -1–-31.");
    byMonthDay = first;
  }
  let byMonth: number | undefined;
  if (parts.has("BYMONTH")) {
    const first = Number(parts.get("BYMONTH")!.split(",")[0]);
    if (!Number.isInteger(first) || first < 1 || first > 12) return fail("BYMONTH must be 1–12.");
    byMonth = first;
  }

  let wkst = 1;
  if (parts.has("WKST")) {
    wkst = DAY_CODES.indexOf(parts.get("WKST")!);
    if (wkst < 0) return fail("WKST must be a day code such as MO.");
  }

  if (freq === "DAILY" || freq === "WEEKLY") {
    if (byDay.some((d) => d.ordinal !== undefined)) return fail(`BYDAY ordinals are not allowed with FREQ=${freq}.`);
    if (byMonthDay !== undefined) return fail(`BYMONTHDAY is not allowed with FREQ=${freq}.`);
  }
  if (byMonth !== undefined && freq !== "YEARLY") return fail("BYMONTH is only allowed with FREQ=YEARLY.");
  if (freq === "MONTHLY" || freq === "YEARLY") {
    if (byDay.length > 0 && byMonthDay !== undefined) return fail("BYDAY and BYMONTHDAY cannot both be set.");
    byDay = byDay.slice(0, 1);
    if (byDay[0] && byDay[0].ordinal === undefined) return fail(`BYDAY in a ${freq.toLowerCase()} rule needs an ordinal such as 2TU or -1FR.`);
  }

  return {
    ok: true,
    rule: {
      freq,
      interval,
      byDay,
      ...(byMonthDay !== undefined ? { byMonthDay } : {}),
      ...(byMonth !== undefined ? { byMonth } : {}),
      ...(count !== undefined ? { count } : {}),
      ...(untilMs !== undefined ? { untilMs } : {}),
      wkst,
    },
  };
}

/** Whether the rule ends (COUNT or UNTIL); open-ended series are capped at five years. */
export function hasEnd(rule: RRule): boolean {
  return rule.count !== undefined || rule.untilMs !== undefined;
}

/**
 * Yields occurrence starts in ascending order. The first is the first date at or after the
 * series start that matches the rule.
 */
export function* occurrenceStarts(rule: RRule, seriesStartMs: number, tz: string): Generator<number> {
  const start = localParts(seriesStartMs, tz);
  const horizon = seriesStartMs + FIVE_YEARS_MS;
  const lastYear = start.year + 6; // stops candidate generators that never match
  let emitted = 0;
  for (const d of candidates(rule, start, lastYear)) {
    const ms = localToUtc(tz, d.year, d.month, d.day, start.hour, start.minute, start.second);
    if (ms < seriesStartMs) continue;
    if (rule.untilMs !== undefined && ms > rule.untilMs) return;
    if (ms > horizon) return;
    yield ms;
    emitted++;
    if ((rule.count !== undefined && emitted >= rule.count) || emitted >= CAPS[rule.freq]) return;
  }
}

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function* candidates(rule: RRule, start: Ymd, lastYear: number): Generator<Ymd> {
  switch (rule.freq) {
    case "DAILY": {
      const days = new Set(rule.byDay.map((d) => d.weekday));
      for (let k = 0; ; k += rule.interval) {
        const d = addDays(start.year, start.month, start.day, k);
        if (d.year > lastYear) return;
        if (days.size === 0 || days.has(weekdayOf(d.year, d.month, d.day))) yield d;
      }
    }
    case "WEEKLY": {
      const startWd = weekdayOf(start.year, start.month, start.day);
      const weekdays = rule.byDay.length > 0 ? rule.byDay.map((d) => d.weekday) : [startWd];
      const offsets = [...new Set(weekdays.map((wd) => (wd - rule.wkst + 7) % 7))].sort((a, b) => a - b);
      const back = (startWd - rule.wkst + 7) % 7;
      for (let w = 0; ; w += rule.interval) {
        for (const off of offsets) {
          const d = addDays(start.year, start.month, start.day, w * 7 + off - back);
          if (d.year > lastYear) return;
          yield d;
        }
      }
    }
    case "MONTHLY":
      for (let k = 0; ; k += rule.interval) {
        const monthIndex = start.month - 1 + k;
        const year = start.year + Math.floor(monthIndex / 12);
        if (year > lastYear) return;
        const day = dayInMonth(rule, year, (monthIndex % 12) + 1, start.day);
        if (day !== undefined) yield { year, month: (monthIndex % 12) + 1, day };
      }
    case "YEARLY":
      for (let k = 0; ; k += rule.interval) {
        const year = start.year + k;
        if (year > lastYear) return;
        const month = rule.byMonth ?? start.month;
        const day = dayInMonth(rule, year, month, start.day);
        if (day !== undefined) yield { year, month, day };
      }
  }
}

/** The day a monthly/yearly rule picks in a month, or undefined when that month has none. */
function dayInMonth(rule: RRule, year: number, month: number, defaultDay: number): number | undefined {
  const dim = daysInMonth(year, month);
  const first = rule.byDay[0];
  if (first?.ordinal !== undefined) {
    if (first.ordinal > 0) {
      const firstWd = weekdayOf(year, month, 1);
      const day = 1 + ((first.weekday - firstWd + 7) % 7) + (first.ordinal - 1) * 7;
      return day <= dim ? day : undefined;
    }
    const lastWd = weekdayOf(year, month, dim);
    const day = dim - ((lastWd - first.weekday + 7) % 7) + (first.ordinal + 1) * 7;
    return day >= 1 ? day : undefined;
  }
  const wanted = rule.byMonthDay ?? defaultDay;
  const day = wanted > 0 ? wanted : dim + wanted + 1;
  return day >= 1 && day <= dim ? day : undefined;
}

function positiveInt(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}

/** UNTIL as a date (the whole day counts) or a date-time, UTC with "Z", else the meeting's zone. */
function parseUntil(text: string, tz: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (h === undefined) return localToUtc(tz, year, month, day, 23, 59, 59);
  if (z) return Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s));
  return localToUtc(tz, year, month, day, Number(h), Number(mi), Number(s));
}
