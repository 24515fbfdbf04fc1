import { rescheduleMeeting, RescheduleError, type RescheduleRequest } from "../../../src/scheduling/reschedule";
import { syncHash } from "../../../src/scheduling/sync-hash";
import { NOW } from "./drafts";
import { FakeServiceError, RecordingLogger, type Journal } from "./fakes";
import { FakeLinkRows, FakeMovableCalendar, FakeMovableMeetings } from "./reschedule-fakes";

const WEBEX_ID = "0123456789abcdef0123456789abcdef";

/** Design review, Tue 24 Nov 15:00–15:45 Stockholm, scheduled and linked. */
function setup() {
  const journal: Journal = [];
  const calendar = new FakeMovableCalendar(journal);
  const meetings = new FakeMovableMeetings(journal);
  const links = new FakeLinkRows(journal);
  const logger = new RecordingLogger();
  calendar.events.set("AAMkEvent1", {
    id: "AAMkEvent1",
    iCalUId: "ical-1",
    subject: "Design review",
    start: "2026-11-24T14:00:00.0000000",
    end: "2026-11-24T14:45:00.0000000",
    timeZone: "UTC",
    type: "singleInstance",
    webexMeetingId: WEBEX_ID,
    changeKey: "ck-0",
  });
  meetings.live.set(WEBEX_ID, { start: "2026-11-24T15:00:00+01:00", end: "2026-11-24T15:45:00+01:00", timeZone: "Europe/Stockholm" });
  void links.upsert({ tenantId: "tenant-1", userId: "user-anna", eventId: "AAMkEvent1", iCalUId: "ical-1", webexMeetingId: WEBEX_ID, seriesMasterId: null, originalStart: null, syncedHash: "old-hash" });
  journal.length = 0;
  const deps = { calendar, meetings, links, logger };
  return { journal, calendar, meetings, links, logger, deps };
}

const request = (overrides: Partial<RescheduleRequest> = {}): RescheduleRequest => ({
  tenantId: "tenant-1",
  userId: "user-anna",
  eventId: "AAMkEvent1",
  webexMeetingId: WEBEX_ID,
  hostEmail: "anna.berg@contoso.se",
  date: "2026-11-26",
  startTime: "16:00",
  durationMinutes: 45,
  timeZone: "Europe/Stockholm",
  now: NOW,
  ...overrides,
});

async function rescheduleError(promise: Promise<unknown>): Promise<RescheduleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RescheduleError)) throw new Error(`expected a RescheduleError, got ${String(error)}`);
  return error;
}

describe("rescheduling a meeting", () => {
  test("moves the Outlook event first (Outlook mails the update), then the Webex meeting, then refreshes the link", async () => {
    const s = setup();
    const moved = await rescheduleMeeting(s.deps, request());

    expect(s.journal).toEqual(["calendar.getEvent", "calendar.updateEvent", "webex.update", "links.upsert"]);
    expect(s.calendar.updates[0]).toEqual({
      eventId: "AAMkEvent1",
      start: { dateTime: "2026-11-26T16:00:00.0000000", timeZone: "Europe/Stockholm" },
      end: { dateTime: "2026-11-26T16:45:00.0000000", timeZone: "Europe/Stockholm" },
    });
    expect(s.meetings.updates).toEqual([{ id: WEBEX_ID, start: "2026-11-26T16:00:00+01:00", end: "2026-11-26T16:45:00+01:00", timeZone: "Europe/Stockholm", hostEmail: "anna.berg@contoso.se" }]);
    expect(moved).toMatchObject({ subject: "Design review", start: new Date("2026-11-26T15:00:00Z"), end: new Date("2026-11-26T15:45:00Z"), changeKey: "ck-1" });
  });

  test("stores the new sync hash so the calendar sync recognises the move as its own write", async () => {
    const s = setup();
    await rescheduleMeeting(s.deps, request());
    const link = await s.links.get("tenant-1", "user-anna", "AAMkEvent1");
    expect(link).toMatchObject({ iCalUId: "ical-1", webexMeetingId: WEBEX_ID, seriesMasterId: null });
    expect(link?.syncedHash).toBe(
      syncHash({ subject: "Design review", start: new Date("2026-11-26T15:00:00Z"), end: new Date("2026-11-26T15:45:00Z"), timeZone: "Europe/Stockholm", recurrence: null }),
    );
  });

  test("repeating the same reschedule sends no second Outlook update and leaves everything where it is", async () => {
    const s = setup();
    await rescheduleMeeting(s.deps, request());
    s.journal.length = 0;
    const again = await rescheduleMeeting(s.deps, request());
    expect(s.journal).toEqual(["calendar.getEvent", "webex.update", "links.upsert"]);
    expect(s.calendar.updates).toHaveLength(1);
    expect(s.calendar.startOf("AAMkEvent1")).toBe("2026-11-26T15:00:00.000Z");
    expect(again.start).toEqual(new Date("2026-11-26T15:00:00Z"));
  });

  test("if Webex refuses, the Outlook event is put back at its old time and the error says so", async () => {
    const s = setup();
    s.meetings.failUpdate = new FakeServiceError("Locked", 423, "track-423");
    const error = await rescheduleError(rescheduleMeeting(s.deps, request()));

    expect(error).toMatchObject({ kind: "webex-failed", restore: "restored", requestId: "track-423", status: 423 });
    expect(s.journal).toEqual(["calendar.getEvent", "calendar.updateEvent", "webex.update", "calendar.updateEvent"]);
    expect(s.calendar.startOf("AAMkEvent1")).toBe("2026-11-24T14:00:00.000Z");
    expect((await s.links.get("tenant-1", "user-anna", "AAMkEvent1"))?.syncedHash).toBe("old-hash");
  });

  test("if putting the event back fails too, the error says the event shows the new time", async () => {
    const s = setup();
    s.meetings.failUpdate = new FakeServiceError("Locked", 423, "track-423");
    s.calendar.failUpdate = [{ nth: 2, error: new FakeServiceError("Busy", 503, "req-503") }];
    const error = await rescheduleError(rescheduleMeeting(s.deps, request()));
    expect(error).toMatchObject({ kind: "webex-failed", restore: "failed" });
    expect(s.logger.entries.some((e) => e.level === "error")).toBe(true);
  });

  test("if Outlook refuses, Webex is not touched", async () => {
    const s = setup();
    s.calendar.failUpdate = [{ nth: 1, error: new FakeServiceError("Access denied", 403, "req-403") }];
    const error = await rescheduleError(rescheduleMeeting(s.deps, request()));
    expect(error).toMatchObject({ kind: "calendar-failed", requestId: "req-403", status: 403 });
    expect(s.meetings.updates).toHaveLength(0);
  });

  test.each([
    ["a time that has passed", { date: "2026-11-23", startTime: "09:00" }, { field: "startTime", code: "in-past" }],
    ["a day that has passed", { date: "2026-11-20" }, { field: "date", code: "in-past" }],
    ["fewer than 10 minutes", { durationMinutes: 5 }, { field: "durationMinutes", code: "too-short", min: 10 }],
    ["a whole day", { durationMinutes: 1440 }, { field: "durationMinutes", code: "too-long", max: 1439 }],
    ["an unreadable duration", { durationMinutes: Number.NaN }, { field: "durationMinutes", code: "invalid" }],
    ["a date that does not exist", { date: "2026-02-30" }, { field: "date", code: "invalid" }],
    ["a time in the spring-forward gap", { date: "2027-03-28", startTime: "02:30" }, { field: "startTime", code: "nonexistent-local-time" }],
  ])("refuses %s without touching Outlook or Webex", async (_name, overrides, problem) => {
    const s = setup();
    const error = await rescheduleError(rescheduleMeeting(s.deps, request(overrides)));
    expect(error.kind).toBe("invalid");
    expect(error.problems).toContainEqual(problem);
    expect(s.journal).toEqual([]);
  });

  test("accepts 23 h 59 min", async () => {
    const s = setup();
    await expect(rescheduleMeeting(s.deps, request({ durationMinutes: 1439 }))).resolves.toMatchObject({ end: new Date("2026-11-27T14:59:00Z") });
  });

  test("a deleted event, or one carrying another meeting, is reported as gone", async () => {
    const s = setup();
    expect((await rescheduleError(rescheduleMeeting(s.deps, request({ webexMeetingId: "f".repeat(32) })))).kind).toBe("not-found");
    s.calendar.events.clear();
    expect((await rescheduleError(rescheduleMeeting(s.deps, request()))).kind).toBe("not-found");
    expect(s.meetings.updates).toHaveLength(0);
  });

  test("a series is refused before anything changes", async () => {
    const s = setup();
    s.calendar.events.set("AAMkEvent1", { ...s.calendar.events.get("AAMkEvent1")!, type: "seriesMaster" });
    expect((await rescheduleError(rescheduleMeeting(s.deps, request()))).kind).toBe("series");
    expect(s.calendar.updates).toHaveLength(0);
  });
});
