import { occurrenceStarts, parseRRule, type RRule } from "../rrule";
import { formatInZone, parseIsoDateTime } from "../time";

function expand(rule: string, start: string, tz: string, limit = 20): string[] {
  const parsed = parseRRule(rule, tz);
  if (!parsed.ok) throw new Error(parsed.description);
  const out: string[] = [];
  for (const ms of occurrenceStarts(parsed.rule as RRule, parseIsoDateTime(start, tz)!, tz)) {
    out.push(formatInZone(ms, tz));
    if (out.length >= limit) break;
  }
  return out;
}

describe("recurrence expansion", () => {
  it("repeats daily with COUNT", () => {
    expect(expand("FREQ=DAILY;INTERVAL=2;COUNT=3", "2026-11-24T10:00:00", "UTC")).toEqual(["2026-11-24T10:00:00Z", "2026-11-26T10:00:00Z", "2026-11-28T10:00:00Z"]);
  });

  it("repeats on several weekdays of every other week", () => {
    expect(expand("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=4", "2026-11-24T09:00:00", "Europe/Stockholm")).toEqual([
      "2026-11-24T09:00:00+01:00",
      "2026-11-26T09:00:00+01:00",
      "2026-12-08T09:00:00+01:00",
      "2026-12-10T09:00:00+01:00",
    ]);
  });

  it("keeps the local time across a daylight-saving change", () => {
    expect(expand("FREQ=WEEKLY;COUNT=3", "2027-03-22T09:00:00", "Europe/Stockholm")).toEqual(["2027-03-22T09:00:00+01:00", "2027-03-29T09:00:00+02:00", "2027-04-05T09:00:00+02:00"]);
  });

  it("picks the nth and the last weekday of a month", () => {
    expect(expand("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", "2026-11-01T10:00:00Z", "UTC")).toEqual(["2026-11-10T10:00:00Z", "2026-12-08T10:00:00Z", "2027-01-12T10:00:00Z"]);
    expect(expand("FREQ=MONTHLY;BYDAY=-1FR;COUNT=2", "2026-11-01T10:00:00Z", "UTC")).toEqual(["2026-11-27T10:00:00Z", "2026-12-25T10:00:00Z"]);
  });

  it("skips months without the day, and takes only the first of several month days", () => {
    expect(expand("FREQ=MONTHLY;BYMONTHDAY=31,1;COUNT=3", "2026-12-31T10:00:00Z", "UTC")).toEqual(["2026-12-31T10:00:00Z", "2027-01-31T10:00:00Z", "2027-03-31T10:00:00Z"]);
  });

  it("stops at UNTIL, inclusive", () => {
    expect(expand("FREQ=DAILY;UNTIL=20261126T100000Z", "2026-11-24T10:00:00Z", "UTC")).toHaveLength(3);
    expect(expand("FREQ=DAILY;UNTIL=20261126", "2026-11-24T10:00:00", "Asia/Tokyo")).toHaveLength(3);
  });

  it("reaches at most five years ahead for an open-ended rule", () => {
    const all = expand("FREQ=MONTHLY", "2026-11-24T10:00:00Z", "UTC", 1000);
    expect(all).toHaveLength(60);
  });

  it("starts a series at the first date that matches the rule", () => {
    expect(expand("FREQ=WEEKLY;BYDAY=MO;COUNT=1", "2026-11-24T10:00:00Z", "UTC")).toEqual(["2026-11-30T10:00:00Z"]);
  });
});

describe("recurrence validation", () => {
  it.each([
    ["FREQ=HOURLY", "FREQ"],
    ["FREQ=DAILY;INTERVAL=0", "INTERVAL"],
    ["FREQ=DAILY;COUNT=3;UNTIL=20261231", "COUNT and UNTIL"],
    ["FREQ=WEEKLY;BYDAY=2TU", "ordinal"],
    ["FREQ=WEEKLY;BYSETPOS=1", "BYSETPOS"],
    ["FREQ=MONTHLY;BYDAY=TU", "ordinal"],
    ["FREQ=DAILY;UNTIL=tomorrow", "UNTIL"],
    ["", "empty"],
  ])("refuses %s", (rule, why) => {
    const r = parseRRule(rule, "UTC");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.description).toContain(why);
  });
});
