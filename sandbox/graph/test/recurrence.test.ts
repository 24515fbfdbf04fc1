import { toInstant, dateTimeTimeZone } from "../events/datetime";
import { normaliseRecurrence, occurrenceStarts, seriesDates } from "../events/recurrence";
import { resolveZone } from "../events/timezones";
import { GraphError } from "../errors";

const dates = (rec: unknown, until = "2027-12-31", zone = "UTC"): string[] => [...seriesDates(normaliseRecurrence(rec, zone), until)];

describe("recurrence patterns", () => {
  test("daily every other day until an end date", () => {
    expect(dates({ pattern: { type: "daily", interval: 2 }, range: { type: "endDate", startDate: "2026-01-30", endDate: "2026-02-05" } })).toEqual([
      "2026-01-30", "2026-02-01", "2026-02-03", "2026-02-05",
    ]);
  });

  test("weekly on two days, every second week, a fixed number of times", () => {
    expect(dates({ pattern: { type: "weekly", interval: 2, daysOfWeek: ["Monday", "friday"] }, range: { type: "numbered", startDate: "2026-03-04", numberOfOccurrences: 4 } })).toEqual([
      "2026-03-06", "2026-03-16", "2026-03-20", "2026-03-30",
    ]);
  });

  test("absolute monthly on day 31 falls on the last day of shorter months", () => {
    expect(dates({ pattern: { type: "absoluteMonthly", interval: 1, dayOfMonth: 31 }, range: { type: "numbered", startDate: "2026-01-31", numberOfOccurrences: 4 } })).toEqual([
      "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30",
    ]);
  });

  test("relative monthly: the last Friday, and the first weekday", () => {
    expect(dates({ pattern: { type: "relativeMonthly", interval: 1, daysOfWeek: ["friday"], index: "last" }, range: { type: "numbered", startDate: "2026-01-01", numberOfOccurrences: 3 } })).toEqual([
      "2026-01-30", "2026-02-27", "2026-03-27",
    ]);
    expect(dates({
      pattern: { type: "relativeMonthly", interval: 1, daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], index: "first" },
      range: { type: "numbered", startDate: "2026-02-01", numberOfOccurrences: 2 },
    })).toEqual(["2026-02-02", "2026-03-02"]);
  });

  test("a series with no end stops at the requested horizon", () => {
    expect(dates({ pattern: { type: "weekly", interval: 1, daysOfWeek: ["wednesday"] }, range: { type: "noEnd", startDate: "2026-01-01" } }, "2026-01-31")).toEqual([
      "2026-01-07", "2026-01-14", "2026-01-21", "2026-01-28",
    ]);
  });

  test("occurrences keep their local time across a DST change", () => {
    const rec = normaliseRecurrence({ pattern: { type: "daily", interval: 1 }, range: { type: "numbered", startDate: "2026-10-24", numberOfOccurrences: 3 } }, "America/New_York");
    const start = toInstant("2026-10-24T08:00:00", "Eastern Standard Time")!;
    const starts = occurrenceStarts(rec, start, Date.parse("2026-12-01T00:00:00Z"));
    expect(starts.map((t) => dateTimeTimeZone(t, "America/New_York").dateTime.slice(11, 16))).toEqual(["08:00", "08:00", "08:00"]);
  });

  test("an incomplete pattern is refused", () => {
    expect(() => normaliseRecurrence({ pattern: { type: "weekly", interval: 1 }, range: { type: "noEnd", startDate: "2026-01-01" } }, "UTC")).toThrow(GraphError);
    expect(() => normaliseRecurrence({ pattern: { type: "daily", interval: 1 }, range: { type: "endDate", startDate: "2026-01-02", endDate: "2026-01-01" } }, "UTC")).toThrow(GraphError);
  });
});

describe("time zones", () => {
  test("accepts IANA and Windows names and rejects made-up ones", () => {
    expect(resolveZone("W. Europe Standard Time")).toBe("Europe/Berlin");
    expect(resolveZone("tokyo standard time")).toBe("Asia/Tokyo");
    expect(resolveZone("Europe/Istanbul")).toBe("Europe/Istanbul");
    expect(resolveZone("UTC")).toBe("UTC");
    expect(resolveZone("Mars/Olympus")).toBeUndefined();
  });

  test("wall time in a zone converts to the right instant on both sides of DST", () => {
    expect(new Date(toInstant("2026-01-15T09:00:00", "Pacific Standard Time")!).toISOString()).toBe("2026-01-15T17:00:00.000Z");
    expect(new Date(toInstant("2026-07-15T09:00:00", "Pacific Standard Time")!).toISOString()).toBe("2026-07-15T16:00:00.000Z");
    expect(dateTimeTimeZone(Date.parse("2026-07-15T16:00:00Z"), "Europe/Stockholm")).toEqual({ dateTime: "2026-07-15T18:00:00.0000000", timeZone: "Europe/Stockholm" });
  });
});
