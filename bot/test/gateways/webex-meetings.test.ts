/**
 * The Webex meetings gateway against the Webex emulator over HTTPS with real tokens: a user's own
 * token, and the admin (service) token that schedules on a host's behalf.
 */
import { startSandbox, type RunningSandbox } from "../../../sandbox";
import { SCOPES } from "../../../sandbox/webex";
import { createWebexClient, WebexError } from "../../src/webex/client";
import { createWebexMeetings, WEBEX_INTEGRATION_TAG } from "../../src/webex/meetings";
import type { MeetingsPort } from "../../src/scheduling/ports";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

const USER_SCOPES = [SCOPES.schedulesRead, SCOPES.schedulesWrite, SCOPES.peopleRead];
const ADMIN_SCOPES = [SCOPES.adminSchedulesRead, SCOPES.adminSchedulesWrite, SCOPES.peopleRead];

function meetingsAs(email: string, scopes: string[] = USER_SCOPES) {
  const token = sandbox.webex.issueToken(email, scopes);
  return createWebexMeetings(createWebexClient({ baseUrl: sandbox.urls.webex, tokens: { getAccessToken: async () => token } }));
}

type MeetingInput = Parameters<MeetingsPort["create"]>[0];

function request(overrides: Partial<MeetingInput> = {}): MeetingInput {
  return {
    title: "Roadmap review",
    start: "2031-03-10T10:00:00+01:00",
    end: "2031-03-10T10:30:00+01:00",
    timeZone: "Europe/Stockholm",
    agenda: "Q2 priorities",
    invitees: [{ email: "lars.berg@contoso.se", displayName: "Lars Berg" }, { email: "partner@fabrikam.com" }],
    ...overrides,
  };
}

describe("Webex meetings gateway", () => {
  it("schedules a meeting hosted by the token's owner and returns its join details", async () => {
    const meetings = meetingsAs("aiko.tanaka@contoso.com");
    const created = await meetings.create(request());

    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.meetingNumber).toMatch(/^\d+$/);
    expect(created.webLink).toMatch(/^https:\/\//);
    expect(created.sipAddress).toBe(`${created.meetingNumber}@contoso-sandbox.webex.com`);
    expect(created.password).toEqual(expect.any(String));
    expect(created.accessCode).toBe(created.meetingNumber);
    expect(created.callInNumbers?.[0]).toEqual({ label: expect.any(String), number: expect.stringMatching(/^\+/) });

    const stored = sandbox.webex.meetings.get(created.id);
    expect(stored).toMatchObject({
      title: "Roadmap review",
      agenda: "Q2 priorities",
      timezone: "Europe/Stockholm",
      start: "2031-03-10T09:00:00.000Z",
      hostEmail: "aiko.tanaka@contoso.com",
      sendEmail: false,
      integrationTags: [WEBEX_INTEGRATION_TAG],
      invitees: [
        { email: "lars.berg@contoso.se", displayName: "Lars Berg", coHost: false },
        { email: "partner@fabrikam.com", coHost: false },
      ],
    });
    expect(stored?.recurrence).toBeUndefined();
  });

  it("schedules a recurring series from an RRULE and reads it back, also in the list of our meetings", async () => {
    const meetings = meetingsAs("aiko.tanaka@contoso.com");
    const created = await meetings.create(request({ recurrence: "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4" }));
    expect(sandbox.webex.meetings.get(created.id)?.recurrence).toBe("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4");

    const read = await meetings.get(created.id);
    expect(read).toMatchObject({ id: created.id, meetingType: "meetingSeries", recurrence: "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4", integrationTags: [WEBEX_INTEGRATION_TAG] });

    const listed = await meetings.list({ from: new Date("2031-03-01T00:00:00Z"), to: new Date("2031-04-30T00:00:00Z"), max: 10, integrationTag: WEBEX_INTEGRATION_TAG });
    expect(listed.map((m) => m.id)).toEqual([created.id]);
  });

  it("deletes a meeting, and deleting it again is not an error", async () => {
    const meetings = meetingsAs("aiko.tanaka@contoso.com");
    const created = await meetings.create(request());
    await meetings.delete(created.id);
    expect(sandbox.webex.meetings.get(created.id)).toBeUndefined();
    expect(await meetings.get(created.id)).toBeUndefined();
    await expect(meetings.delete(created.id)).resolves.toBeUndefined();
  });

  it("an admin token schedules and deletes on a host's behalf with hostEmail", async () => {
    const service = meetingsAs("daniel.okafor@contoso.com", ADMIN_SCOPES);
    const created = await service.create(request({ hostEmail: "aiko.tanaka@contoso.com" }));
    expect(sandbox.webex.meetings.get(created.id)?.hostEmail).toBe("aiko.tanaka@contoso.com");
    expect((await service.get(created.id, "aiko.tanaka@contoso.com"))?.hostEmail).toBe("aiko.tanaka@contoso.com");

    await service.delete(created.id, "aiko.tanaka@contoso.com");
    expect(sandbox.webex.meetings.get(created.id)).toBeUndefined();
  });

  it("refuses hostEmail for a user token without the admin scope, with Webex's tracking id", async () => {
    const meetings = meetingsAs("lars.berg@contoso.se");
    const error = await meetings.create(request({ hostEmail: "aiko.tanaka@contoso.com" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexError);
    expect((error as WebexError).status).toBe(403);
    expect((error as WebexError).trackingId).toEqual(expect.any(String));
    expect(sandbox.webex.meetings.list()).toHaveLength(0);
  });
});
