import { cancelMeeting } from "../../../src/scheduling/cancel";
import { CancelError } from "../../../src/scheduling/errors";
import { schedule } from "../../../src/scheduling/schedule";
import { draft, NOW } from "./drafts";
import { FakeServiceError, scheduling } from "./fakes";

async function scheduled() {
  const s = scheduling(NOW.getTime());
  const result = await schedule(s.deps, draft());
  s.journal.length = 0;
  const request = { tenantId: "tenant-1", userId: "user-anna", eventId: result.event.id, webexMeetingId: result.webex.id, hostEmail: "anna.berg@contoso.se" };
  return { s, request };
}

async function cancelError(promise: Promise<unknown>): Promise<CancelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CancelError)) throw new Error(`expected a CancelError, got ${String(error)}`);
  return error;
}

describe("cancelling a meeting", () => {
  test("deletes the Outlook event (which sends the cancellations), then the Webex meeting, then the link", async () => {
    const { s, request } = await scheduled();
    const outcome = await cancelMeeting(s.deps, request);

    expect(s.journal).toEqual(["calendar.deleteEvent", "webex.delete", "links.delete"]);
    expect(s.calendar.events.size).toBe(0);
    expect(s.meetings.live.size).toBe(0);
    expect(s.meetings.deletes).toEqual([{ id: request.webexMeetingId, hostEmail: "anna.berg@contoso.se" }]);
    expect(s.links.rows.size).toBe(0);
    expect(outcome).toEqual({ linkRemoved: true });
  });

  test("cancelling again finds everything gone and still succeeds", async () => {
    const { s, request } = await scheduled();
    await cancelMeeting(s.deps, request);
    await expect(cancelMeeting(s.deps, request)).resolves.toEqual({ linkRemoved: false });
  });

  test("if Outlook refuses, the Webex meeting and the link stay so the invitees' event still works", async () => {
    const { s, request } = await scheduled();
    s.calendar.failDelete = new FakeServiceError("Access denied", 403, "req-403");
    const error = await cancelError(cancelMeeting(s.deps, request));

    expect(error).toMatchObject({ kind: "calendar-failed", requestId: "req-403", status: 403 });
    expect(s.meetings.live.size).toBe(1);
    expect(s.links.rows.size).toBe(1);
  });

  test("if Webex fails after the event is gone, a retry finishes the job", async () => {
    const { s, request } = await scheduled();
    s.meetings.failDelete = new FakeServiceError("Locked", 423, "track-1");
    const error = await cancelError(cancelMeeting(s.deps, request));
    expect(error).toMatchObject({ kind: "webex-failed", requestId: "track-1" });
    expect(s.links.rows.size).toBe(1);

    s.meetings.failDelete = undefined;
    await expect(cancelMeeting(s.deps, request)).resolves.toEqual({ linkRemoved: true });
    expect(s.meetings.live.size).toBe(0);
    expect(s.links.rows.size).toBe(0);
  });
});
