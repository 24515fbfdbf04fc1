import { toGraphRecurrence } from "../../../src/scheduling/graph-recurrence";
import { normaliseRecurrence } from "../../../src/scheduling/recurrence-rules";
import { toRRule } from "../../../src/scheduling/rrule";

describe("recurrence as the RRULE Webex takes", () => {
  test("every Monday, ten times", () => {
    expect(toRRule({ frequency: "weekly", interval: 1, daysOfWeek: ["monday"], count: 10 }, "Europe/Stockholm")).toBe(
      "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=10",
    );
  });

  test("several weekdays are listed Monday first, whatever order the draft has", () => {
    expect(toRRule({ frequency: "weekly", interval: 2, daysOfWeek: ["friday", "sunday", "monday"] }, "UTC")).toBe(
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR,SU",
    );
  });

  test("daily and monthly-on-a-date series", () => {
    expect(toRRule({ frequency: "daily", interval: 1 }, "Asia/Tokyo")).toBe("FREQ=DAILY;INTERVAL=1");
    expect(toRRule({ frequency: "monthly", interval: 3, dayOfMonth: 15, count: 4 }, "Asia/Tokyo")).toBe("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;COUNT=4");
  });

  test("a last date ends at the end of that local day, written in UTC", () => {
    expect(toRRule({ frequency: "daily", interval: 1, until: "2026-12-31" }, "Europe/Stockholm")).toBe("FREQ=DAILY;INTERVAL=1;UNTIL=20261231T225959Z");
    expect(toRRule({ frequency: "daily", interval: 1, until: "2026-12-31" }, "America/Los_Angeles")).toBe("FREQ=DAILY;INTERVAL=1;UNTIL=20270101T075959Z");
    expect(toRRule({ frequency: "daily", interval: 1, until: "2026-12-31" }, "Asia/Tokyo")).toBe("FREQ=DAILY;INTERVAL=1;UNTIL=20261231T145959Z");
  });
});

describe("recurrence as Graph's patternedRecurrence", () => {
  test("weekly with a number of occurrences, in the meeting's zone", () => {
    expect(toGraphRecurrence({ frequency: "weekly", interval: 1, daysOfWeek: ["wednesday", "monday"], count: 10 }, "2026-11-23", "Europe/Stockholm")).toEqual({
      pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday", "wednesday"], firstDayOfWeek: "monday" },
      range: { type: "numbered", startDate: "2026-11-23", numberOfOccurrences: 10, recurrenceTimeZone: "Europe/Stockholm" },
    });
  });

  test("daily until a date, and monthly on a date with no end", () => {
    expect(toGraphRecurrence({ frequency: "daily", interval: 2, until: "2026-12-31" }, "2026-11-24", "Asia/Tokyo")).toEqual({
      pattern: { type: "daily", interval: 2 },
      range: { type: "endDate", startDate: "2026-11-24", endDate: "2026-12-31", recurrenceTimeZone: "Asia/Tokyo" },
    });
    expect(toGraphRecurrence({ frequency: "monthly", interval: 1, dayOfMonth: 24 }, "2026-11-24", "America/Los_Angeles")).toEqual({
      pattern: { type: "absoluteMonthly", interval: 1, dayOfMonth: 24 },
      range: { type: "noEnd", startDate: "2026-11-24", recurrenceTimeZone: "America/Los_Angeles" },
    });
  });

  test("a weekly series without days or a monthly one without a date is a programming error, not a guess", () => {
    expect(() => toGraphRecurrence({ frequency: "weekly", interval: 1 }, "2026-11-24", "UTC")).toThrow(RangeError);
    expect(() => toGraphRecurrence({ frequency: "monthly", interval: 1 }, "2026-11-24", "UTC")).toThrow(RangeError);
  });
});

describe("monthly on the nth weekday", () => {
  const firstTuesday = { frequency: "monthly", interval: 1, daysOfWeek: ["tuesday"], weekOfMonth: 1 } as const;
  const lastFriday = { frequency: "monthly", interval: 2, daysOfWeek: ["friday"], weekOfMonth: -1, count: 6 } as const;

  test("is BYDAY with an ordinal in the RRULE, never BYMONTHDAY", () => {
    expect(toRRule({ ...firstTuesday, daysOfWeek: [...firstTuesday.daysOfWeek] }, "Europe/Stockholm")).toBe("FREQ=MONTHLY;INTERVAL=1;BYDAY=1TU");
    expect(toRRule({ ...lastFriday, daysOfWeek: [...lastFriday.daysOfWeek] }, "Europe/Stockholm")).toBe("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=6");
  });

  test("is relativeMonthly with Graph's index", () => {
    expect(toGraphRecurrence({ ...lastFriday, daysOfWeek: [...lastFriday.daysOfWeek] }, "2026-11-27", "Europe/Stockholm").pattern).toEqual({
      type: "relativeMonthly",
      interval: 2,
      daysOfWeek: ["friday"],
      index: "last",
    });
  });

  test("starts on such a day: the 1st of December 2026 is its first Tuesday, the 8th is not; the 27th of November is its last Friday", () => {
    expect(normaliseRecurrence({ ...firstTuesday, daysOfWeek: ["tuesday"] }, "2026-12-01")).toEqual({ ok: true, recurrence: { ...firstTuesday, daysOfWeek: ["tuesday"] } });
    expect(normaliseRecurrence({ ...firstTuesday, daysOfWeek: ["tuesday"] }, "2026-12-08")).toEqual({ ok: false, problems: ["start-not-in-pattern"] });
    expect(normaliseRecurrence({ ...lastFriday, daysOfWeek: ["friday"] }, "2026-11-27")).toMatchObject({ ok: true });
    expect(normaliseRecurrence({ ...lastFriday, daysOfWeek: ["friday"] }, "2026-11-20")).toEqual({ ok: false, problems: ["start-not-in-pattern"] });
  });

  test("needs exactly one weekday", () => {
    expect(normaliseRecurrence({ frequency: "monthly", interval: 1, daysOfWeek: ["monday", "tuesday"], weekOfMonth: 1 }, "2026-12-01")).toEqual({ ok: false, problems: ["invalid-days"] });
  });
});
