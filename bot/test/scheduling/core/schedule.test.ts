import { ScheduleError } from "../../../src/scheduling/errors";
import { DEFAULT_SCHEDULE_CLAIM_TTL_MS, schedule, scheduleKey } from "../../../src/scheduling/schedule";
import { syncHash } from "../../../src/scheduling/sync-hash";
import { draft, NOW } from "./drafts";
import { FakeServiceError, scheduling } from "./fakes";

/** Lets pending promise chains run until `done()` holds (no timers, no wall time). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!done()) throw new Error("condition never became true");
}

async function scheduleError(promise: Promise<unknown>): Promise<ScheduleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ScheduleError)) throw new Error(`expected a ScheduleError, got ${String(error)}`);
  return error;
}

const KEY = scheduleKey(draft().organizer, "draft-1");

describe("scheduling a meeting", () => {
  test("creates the Webex meeting, then the Outlook event carrying it, then the link", async () => {
    const s = scheduling(NOW.getTime());
    const result = await schedule(s.deps, draft(), { hostEmail: "anna.berg@contoso.se" });

    expect(s.journal).toEqual(["idempotency.claim", "webex.create", "calendar.createEvent", "links.upsert", "idempotency.complete"]);
    const webexId = [...s.meetings.live.keys()][0];
    expect(s.meetings.creates[0]).toEqual({
      title: "Design review",
      start: "2026-11-24T15:00:00+01:00",
      end: "2026-11-24T15:45:00+01:00",
      timeZone: "Europe/Stockholm",
      invitees: [
        { email: "aiko.tanaka@contoso.com", displayName: "Aiko Tanaka" },
        { email: "lars.berg@contoso.se", displayName: "Lars Berg" },
      ],
      hostEmail: "anna.berg@contoso.se",
    });
    const event = s.calendar.creates[0];
    expect(event).toMatchObject({
      transactionId: "draft-1",
      webexMeetingId: webexId,
      subject: "Design review",
      start: { dateTime: "2026-11-24T15:00:00.0000000", timeZone: "Europe/Stockholm" },
      end: { dateTime: "2026-11-24T15:45:00.0000000", timeZone: "Europe/Stockholm" },
      location: "Webex",
      attendees: [{ email: "aiko.tanaka@contoso.com", displayName: "Aiko Tanaka" }, { email: "lars.berg@contoso.se", displayName: "Lars Berg" }],
    });
    expect(event?.recurrence).toBeUndefined();
    expect(event?.bodyHtml).toContain(`https://contoso.webex.com/contoso/j.php?MTID=m${webexId}`);

    expect([...s.links.rows.values()]).toEqual([
      {
        tenantId: "tenant-1",
        userId: "user-anna",
        eventId: result.event.id,
        iCalUId: result.event.iCalUId,
        webexMeetingId: webexId,
        seriesMasterId: null,
        originalStart: null,
        syncedHash: syncHash({
          subject: "Design review",
          start: new Date("2026-11-24T14:00:00Z"),
          end: new Date("2026-11-24T14:45:00Z"),
          timeZone: "Europe/Stockholm",
          recurrence: null,
        }),
      },
    ]);
    expect(result).toMatchObject({ draftId: "draft-1", start: "2026-11-24T15:00:00+01:00", inviteeCount: 2, webex: { id: webexId } });
    expect(s.scratch.entries.size).toBe(0);
  });

  test("a series sends the RRULE to Webex and the pattern to Outlook, and links the series master", async () => {
    const s = scheduling(NOW.getTime());
    const weekly = draft({ recurrence: { frequency: "weekly", interval: 1, daysOfWeek: ["tuesday"], count: 10 } });
    const result = await schedule(s.deps, weekly);

    expect(s.meetings.creates[0]?.recurrence).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=10");
    expect(s.meetings.creates[0]?.hostEmail).toBeUndefined();
    expect(s.calendar.creates[0]?.recurrence).toEqual({
      recurrence: { frequency: "weekly", interval: 1, daysOfWeek: ["tuesday"], count: 10 },
      startDate: "2026-11-24",
    });
    expect([...s.links.rows.values()][0]).toMatchObject({ eventId: result.event.id, seriesMasterId: null, originalStart: null });
    expect(result.recurrence).toEqual({ frequency: "weekly", interval: 1, daysOfWeek: ["tuesday"], count: 10 });
  });
});

describe("nothing doubled", () => {
  test("a second submit of the same draft returns the first result and creates nothing", async () => {
    const s = scheduling(NOW.getTime());
    const first = await schedule(s.deps, draft());
    s.clock.advance(60 * 60_000);
    const second = await schedule(s.deps, draft());

    expect(second).toEqual(first);
    expect(s.meetings.creates).toHaveLength(1);
    expect(s.calendar.creates).toHaveLength(1);
  });

  test("a double click while the first submit is running is told it is in progress", async () => {
    const s = scheduling(NOW.getTime());
    const [a, b] = await Promise.allSettled([schedule(s.deps, draft()), schedule(s.deps, draft())]);

    expect(a.status).toBe("fulfilled");
    expect(b.status === "rejected" && b.reason).toMatchObject({ name: "ScheduleError", kind: "in-progress" });
    expect(s.meetings.creates).toHaveLength(1);
  });

  test("a claim held by another instance is reported as in progress, with when it lapses", async () => {
    const s = scheduling(NOW.getTime());
    await s.idempotency.claim(KEY, 30_000);
    const error = await scheduleError(schedule(s.deps, draft()));

    expect(error.kind).toBe("in-progress");
    expect(error.claimExpiresAt?.toISOString()).toBe(new Date(NOW.getTime() + 30_000).toISOString());
    expect(s.meetings.creates).toHaveLength(0);
  });

  test("a restart between the Webex and the calendar step reuses the Webex meeting", async () => {
    const s = scheduling(NOW.getTime());
    s.calendar.hangCreate = true;
    void schedule(s.deps, draft()); // the process dies while Graph is being called
    await until(() => s.calendar.creates.length === 1);
    const webexId = s.calendar.creates[0]?.webexMeetingId;

    s.calendar.hangCreate = false;
    s.clock.advance(DEFAULT_SCHEDULE_CLAIM_TTL_MS + 1); // the dead attempt's claim lapses
    const result = await schedule(s.deps, draft());

    expect(s.meetings.creates).toHaveLength(1);
    expect(result.webex.id).toBe(webexId);
    expect(s.calendar.creates[1]).toMatchObject({ transactionId: "draft-1", webexMeetingId: webexId });
    expect(s.scratch.entries.size).toBe(0);
  });

  test("a restart after the event was written ends with one event, one meeting and the link", async () => {
    const s = scheduling(NOW.getTime());
    s.links.hangUpsert = true;
    void schedule(s.deps, draft());
    await until(() => s.journal.includes("links.upsert"));

    s.links.hangUpsert = false;
    s.clock.advance(DEFAULT_SCHEDULE_CLAIM_TTL_MS + 1);
    const result = await schedule(s.deps, draft());

    expect(s.meetings.creates).toHaveLength(1);
    expect(s.calendar.events.size).toBe(1);
    expect([...s.links.rows.values()].map((l) => l.eventId)).toEqual([result.event.id]);
  });

  test("a draft edited after a crashed attempt does not inherit that attempt's meeting", async () => {
    const s = scheduling(NOW.getTime());
    s.calendar.hangCreate = true;
    void schedule(s.deps, draft());
    await until(() => s.calendar.creates.length === 1);
    const stale = s.calendar.creates[0]?.webexMeetingId;

    s.calendar.hangCreate = false;
    s.clock.advance(DEFAULT_SCHEDULE_CLAIM_TTL_MS + 1);
    const result = await schedule(s.deps, draft({ startTime: "16:00" }));

    expect(s.meetings.deletes.map((d) => d.id)).toEqual([stale]);
    expect(result.webex.id).not.toBe(stale);
    expect(s.meetings.live.size).toBe(1);
  });
});

describe("nothing orphaned", () => {
  test("when the calendar write fails, the Webex meeting is deleted, nothing is linked and a retry can run", async () => {
    const s = scheduling(NOW.getTime());
    s.calendar.failCreate = new FakeServiceError("Outlook is throttling", 429, "req-42");
    const error = await scheduleError(schedule(s.deps, draft(), { hostEmail: "anna.berg@contoso.se" }));

    expect(error).toMatchObject({ kind: "calendar-failed", webexCleanup: "deleted", requestId: "req-42", status: 429 });
    expect(error.cause).toBe(s.calendar.failCreate);
    expect(s.meetings.live.size).toBe(0);
    expect(s.meetings.deletes).toEqual([{ id: s.calendar.creates[0]?.webexMeetingId, hostEmail: "anna.berg@contoso.se" }]);
    expect(s.links.rows.size).toBe(0);
    expect(s.scratch.entries.size).toBe(0);

    s.calendar.failCreate = undefined;
    const retried = await schedule(s.deps, draft());
    expect(retried.event.id).toBeDefined();
    expect(s.meetings.live.size).toBe(1);
    expect(s.links.rows.size).toBe(1);
  });

  test("if the Webex meeting cannot be deleted either, the error says so and the log names it", async () => {
    const s = scheduling(NOW.getTime());
    s.calendar.failCreate = new FakeServiceError("Service unavailable", 503, "req-1");
    s.meetings.failDelete = new FakeServiceError("Webex is down", 502, "track-9");
    const error = await scheduleError(schedule(s.deps, draft()));

    expect(error).toMatchObject({ kind: "calendar-failed", webexCleanup: "failed", requestId: "req-1" });
    const orphan = s.calendar.creates[0]?.webexMeetingId;
    expect(s.logger.entries.filter((e) => e.level === "error").map((e) => e.obj)).toEqual([expect.objectContaining({ webexMeetingId: orphan, draftId: "draft-1" })]);
    expect(s.idempotency.records.has(KEY)).toBe(false);
  });

  test("a Webex failure writes nothing to the calendar and frees the draft for a retry", async () => {
    const s = scheduling(NOW.getTime());
    s.meetings.failCreate = new FakeServiceError("quota exceeded", 429, "track-7");
    const error = await scheduleError(schedule(s.deps, draft()));

    expect(error).toMatchObject({ kind: "webex-failed", requestId: "track-7", status: 429 });
    expect(s.calendar.creates).toHaveLength(0);
    expect(s.idempotency.records.has(KEY)).toBe(false);
  });

  test("an invalid draft is refused with the fields to fix, before anything is created", async () => {
    const s = scheduling(NOW.getTime());
    const error = await scheduleError(schedule(s.deps, draft({ title: null, durationMinutes: 5 })));

    expect(error.kind).toBe("invalid");
    expect(error.problems.map((p) => p.field)).toEqual(["title", "durationMinutes"]);
    expect(s.meetings.creates).toHaveLength(0);
    expect(s.idempotency.records.has(KEY)).toBe(false);
  });

  test("a crashed attempt whose start has passed by the rerun has its Webex meeting removed", async () => {
    const s = scheduling(NOW.getTime());
    s.calendar.hangCreate = true;
    void schedule(s.deps, draft());
    await until(() => s.calendar.creates.length === 1);

    s.clock.advance(2 * 24 * 60 * 60_000);
    const error = await scheduleError(schedule(s.deps, draft()));

    expect(error.problems).toEqual([{ field: "date", code: "in-past" }]);
    expect(s.meetings.live.size).toBe(0);
    expect(s.scratch.entries.size).toBe(0);
  });
});
