/**
 * The two writes a reschedule makes, through the real gateways against the sandbox over HTTPS:
 * Graph PATCH of the event's start/end (tenant-mode app token) and Webex PATCH /v1/meetings/{id}
 * (a user's token, and the admin token acting for a host with hostEmail).
 */
import { randomUUID } from "node:crypto";
import { startSandbox, type RunningSandbox } from "../../../../sandbox";
import { userByLocal } from "../../../../sandbox/tenant";
import { SCOPES } from "../../../../sandbox/webex";
import { createGraphCalendar } from "../../../src/graph/calendar";
import { graphDateTimeToInstant } from "../../../src/scheduling/time";
import { createWebexClient, WebexError } from "../../../src/webex/client";
import { createWebexMeetings } from "../../../src/webex/meetings";
import { sandboxAppGraphClient } from "../../support/graph";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

function calendarOf(local: string) {
  return createGraphCalendar(sandboxAppGraphClient(sandbox), { userId: userByLocal(sandbox.tenant, local).id });
}

function meetingsAs(email: string, scopes: string[]) {
  const token = sandbox.webex.issueToken(email, scopes);
  return createWebexMeetings(createWebexClient({ baseUrl: sandbox.urls.webex, tokens: { getAccessToken: async () => token } }));
}

describe("moving a meeting through the gateways", () => {
  it("Outlook: PATCHing start and end moves the event, keeps its id and gives a new changeKey", async () => {
    const aiko = userByLocal(sandbox.tenant, "aiko.tanaka");
    const calendar = calendarOf("aiko.tanaka");
    const created = await calendar.createEvent({
      transactionId: randomUUID(),
      subject: "Roadmap review",
      start: { dateTime: "2031-03-10T10:00:00", timeZone: "Europe/Stockholm" },
      end: { dateTime: "2031-03-10T10:30:00", timeZone: "Europe/Stockholm" },
      attendees: [{ email: "lars.berg@contoso.se" }],
      location: "Webex",
      bodyHtml: "<p>Join</p>",
      webexMeetingId: "0123456789abcdef0123456789abcdef",
    });

    const moved = await calendar.updateEvent(created.id, {
      start: { dateTime: "2031-03-12T16:00:00.0000000", timeZone: "Europe/Stockholm" },
      end: { dateTime: "2031-03-12T16:45:00.0000000", timeZone: "Europe/Stockholm" },
    });
    expect(moved.id).toBe(created.id);
    expect(moved.changeKey).toEqual(expect.any(String));
    expect(moved.changeKey).not.toBe(created.changeKey);

    const stored = sandbox.graph.state.events(aiko.id).find((e) => e["id"] === created.id) as { start: { dateTime: string; timeZone: string } };
    expect(graphDateTimeToInstant(stored.start.dateTime, stored.start.timeZone)?.toISOString()).toBe("2031-03-12T15:00:00.000Z");
    const read = await calendar.getEvent(created.id, "Europe/Stockholm");
    expect(read).toMatchObject({ start: expect.stringMatching(/^2031-03-12T16:00:00/), end: expect.stringMatching(/^2031-03-12T16:45:00/), changeKey: moved.changeKey, webexMeetingId: "0123456789abcdef0123456789abcdef" });
  });

  it("Webex: PATCH moves the meeting's start and end, as the host and as an admin with hostEmail", async () => {
    const own = meetingsAs("aiko.tanaka@contoso.com", [SCOPES.schedulesRead, SCOPES.schedulesWrite]);
    const created = await own.create({ title: "Roadmap review", start: "2031-03-10T10:00:00+01:00", end: "2031-03-10T10:30:00+01:00", timeZone: "Europe/Stockholm", invitees: [] });

    const moved = await own.update(created.id, { start: "2031-03-12T16:00:00+01:00", end: "2031-03-12T16:45:00+01:00", timeZone: "Europe/Stockholm" });
    expect(new Date(moved.start).toISOString()).toBe("2031-03-12T15:00:00.000Z");
    expect(sandbox.webex.meetings.get(created.id)).toMatchObject({ start: "2031-03-12T15:00:00.000Z", end: "2031-03-12T15:45:00.000Z", timezone: "Europe/Stockholm" });

    const admin = meetingsAs("daniel.okafor@contoso.com", [SCOPES.adminSchedulesRead, SCOPES.adminSchedulesWrite]);
    await admin.update(created.id, { start: "2031-03-13T09:00:00+01:00", end: "2031-03-13T09:30:00+01:00", timeZone: "Europe/Stockholm" }, "aiko.tanaka@contoso.com");
    expect(sandbox.webex.meetings.get(created.id)?.start).toBe("2031-03-13T08:00:00.000Z");
  });

  it("Webex: a meeting that does not exist is a WebexError 404 (the reschedule then puts Outlook back)", async () => {
    const own = meetingsAs("aiko.tanaka@contoso.com", [SCOPES.schedulesRead, SCOPES.schedulesWrite]);
    const error = await own.update("f".repeat(32), { start: "2031-03-12T16:00:00+01:00", end: "2031-03-12T16:45:00+01:00", timeZone: "Europe/Stockholm" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexError);
    expect((error as WebexError).status).toBe(404);
  });
});
