import { toGraphRecurrence } from "../../../src/scheduling/graph-recurrence";
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
