import { syncHash, type SyncedFields } from "../../../src/scheduling/sync-hash";
import { graphDateTimeToInstant } from "../../../src/scheduling/time";

const fields: SyncedFields = {
  subject: "Design review",
  start: new Date("2026-11-24T14:00:00Z"),
  end: new Date("2026-11-24T14:45:00Z"),
  timeZone: "Europe/Stockholm",
  recurrence: { frequency: "weekly", interval: 1, daysOfWeek: ["monday", "wednesday"], count: 10 },
};

describe("the sync hash", () => {
  test("stays what it was for series stored before the nth weekday existed, and tells the nth weekday apart", () => {
    // The value this code computed before weekOfMonth was added: a changed hash would make every
    // stored series look edited in Outlook.
    expect(syncHash(fields)).toBe("aee69c13180ab3f1bb7c4065dc42be186ae87314f4e634a346c3ae247f73bad5");
    const firstTuesday: SyncedFields = { ...fields, recurrence: { frequency: "monthly", interval: 1, daysOfWeek: ["tuesday"], weekOfMonth: 1 } };
    expect(syncHash(firstTuesday)).not.toBe(syncHash({ ...firstTuesday, recurrence: { frequency: "monthly", interval: 1, daysOfWeek: ["tuesday"], weekOfMonth: -1 } }));
  });

  test("is a sha256 hex that does not change between runs", () => {
    expect(syncHash(fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(syncHash(fields)).toBe(syncHash({ ...fields }));
  });

  test("recognises our own write when Graph reports it back in UTC with its own spelling", () => {
    const start = graphDateTimeToInstant("2026-11-24T14:00:00.0000000", "UTC");
    const end = graphDateTimeToInstant("2026-11-24T14:45:00.0000000", "UTC");
    if (!start || !end) throw new Error("Graph times must parse");
    const echoed: SyncedFields = {
      subject: "Design review ",
      start,
      end,
      timeZone: "Europe/Stockholm",
      recurrence: { count: 10, daysOfWeek: ["wednesday", "monday"], interval: 1, frequency: "weekly" },
    };
    expect(syncHash(echoed)).toBe(syncHash(fields));
  });

  test("changes when any synced field changes", () => {
    const base = syncHash(fields);
    expect(syncHash({ ...fields, subject: "Design review 2" })).not.toBe(base);
    expect(syncHash({ ...fields, start: new Date("2026-11-24T14:30:00Z") })).not.toBe(base);
    expect(syncHash({ ...fields, end: new Date("2026-11-24T15:00:00Z") })).not.toBe(base);
    expect(syncHash({ ...fields, timeZone: "Asia/Tokyo" })).not.toBe(base);
    expect(syncHash({ ...fields, recurrence: null })).not.toBe(base);
    expect(syncHash({ ...fields, recurrence: { frequency: "weekly", interval: 1, daysOfWeek: ["monday"], count: 10 } })).not.toBe(base);
    expect(syncHash({ ...fields, recurrence: { frequency: "weekly", interval: 1, daysOfWeek: ["monday", "wednesday"], count: 11 } })).not.toBe(base);
  });
});
