import { personIdFor, SCOPES } from "../index";
import { ADMIN_SCOPE_SET, AIKO, call, DANIEL_ADMIN, expectWebexError, EXTERNAL, LARS, meetingBody, startHarness, TOM_NO_WEBEX, USER_SCOPES, type Harness } from "./harness";

let h: Harness;
let aiko: string;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emu.reset();
  aiko = h.emu.issueToken(AIKO, USER_SCOPES);
});

describe("POST /v1/meetings", () => {
  it("answers 200 with a meeting series carrying join details", async () => {
    const r = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ agenda: "Walk through the mock-ups" }));
    expect(r.status).toBe(200);
    const m = r.body;
    expect(m.id).toMatch(/^[0-9a-f]{32}$/);
    expect(m.meetingNumber).toMatch(/^\d{10}$/);
    expect(m).toMatchObject({
      title: "Design review",
      agenda: "Walk through the mock-ups",
      meetingType: "meetingSeries",
      state: "active",
      timezone: "Europe/Stockholm",
      start: "2026-11-24T15:00:00+01:00",
      end: "2026-11-24T16:00:00+01:00",
      hostUserId: personIdFor(AIKO),
      hostDisplayName: "Aiko Tanaka",
      hostEmail: AIKO,
      siteUrl: "contoso-sandbox.webex.com",
    });
    expect(m.webLink).toMatch(/^https:\/\/contoso-sandbox\.webex\.com\/contoso-sandbox\/j\.php\?MTID=m[0-9a-f]{32}$/);
    expect(m.sipAddress).toBe(`${m.meetingNumber}@contoso-sandbox.webex.com`);
    expect(m.password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}$/);
    expect(m.phoneAndVideoSystemPassword).toMatch(/^\d{8}$/);
    expect(m.hostKey).toMatch(/^\d{6}$/);
    expect(m.telephony.accessCode).toBe(m.meetingNumber);
    expect(m.telephony.callInNumbers[0]).toEqual(expect.objectContaining({ tollType: "toll" }));
    expect(m.recurrence).toBeUndefined();
  });

  it("keeps invitees and sendEmail, which the response does not echo", async () => {
    const r = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ invitees: [{ email: LARS }, { email: "guest@partner.example", displayName: "Guest", coHost: true }], sendEmail: false }));
    const stored = h.emu.meetings.get(r.body.id)!;
    expect(stored.invitees).toEqual([
      { email: LARS, displayName: "Lars Berg", coHost: false, panelist: false },
      { email: "guest@partner.example", displayName: "Guest", coHost: true, panelist: false },
    ]);
    expect(stored.sendEmail).toBe(false);
  });

  it("reads a start without offset in the meeting's time zone, and rounds to the minute", async () => {
    const r = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ start: "2026-11-24 09:00:41", end: "2026-11-24T09:30:59", timezone: "Asia/Tokyo" }));
    expect(r.body.start).toBe("2026-11-24T09:00:00+09:00");
    expect(r.body.end).toBe("2026-11-24T09:30:00+09:00");
  });

  it("moves a start within the current minute to the next minute", async () => {
    const r = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ start: "2026-11-20T08:00:20Z", end: "2026-11-20T09:00:00Z", timezone: "UTC" }));
    expect(r.status).toBe(200);
    expect(r.body.start).toBe("2026-11-20T08:01:00Z");
  });

  it("stores a recurrence and starts the series at its first occurrence", async () => {
    const r = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ recurrence: "FREQ=WEEKLY;BYDAY=WE;COUNT=4" }));
    expect(r.body.recurrence).toBe("FREQ=WEEKLY;BYDAY=WE;COUNT=4");
    expect(r.body.start).toBe("2026-11-25T15:00:00+01:00");
  });

  it("uses the host's own time zone when none is given", async () => {
    const r = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ timezone: undefined }));
    expect(r.body.timezone).toBe("Asia/Tokyo");
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["a missing title", { title: undefined }, "title"],
    ["a title over 128 characters", { title: "x".repeat(129) }, "128"],
    ["a missing start", { start: undefined }, "start"],
    ["a start that is not ISO 8601", { start: "next tuesday" }, "ISO 8601"],
    ["a start in the past", { start: "2026-11-19T14:00:00Z", end: "2026-11-19T15:00:00Z" }, "before the current"],
    ["an end before the start", { end: "2026-11-24T13:00:00Z" }, "before the start"],
    ["a duration under 10 minutes", { end: "2026-11-24T14:09:00Z" }, "10 minutes"],
    ["a duration over 23 h 59 min", { end: "2026-11-25T14:00:00Z" }, "23 hours and 59 minutes"],
    ["an agenda over 1300 characters", { agenda: "a".repeat(1301) }, "1300"],
    ["more than 1000 invitees", { invitees: Array.from({ length: 1001 }, (_, i) => ({ email: `p${i}@partner.example` })) }, "1000"],
    ["an invitee without a valid e-mail", { invitees: [{ email: "not-an-email" }] }, "not a valid email"],
    ["an invalid recurrence", { recurrence: "FREQ=SOMETIMES" }, "recurrence"],
    ["more than 3 integration tags", { integrationTags: ["a", "b", "c", "d"] }, "integrationTags"],
    ["an integration tag over 64 characters", { integrationTags: ["t".repeat(65)] }, "64"],
    ["an unknown time zone", { timezone: "Mars/Olympus" }, "time zone"],
    ["a weak password", { password: "password" }, "password"],
    ["a title of the wrong type", { title: 42 }, "title"],
  ];
  it.each(invalid)("answers 400 for %s", async (_what, overrides, fragment) => {
    const r = await call(h, "POST", "/v1/meetings", aiko, meetingBody(overrides));
    expectWebexError(r, 400);
    expect(r.body.errors.map((e: { description: string }) => e.description).join(" ")).toContain(fragment);
    expect(h.emu.meetings.list()).toHaveLength(0);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await fetch(`${h.url}/v1/meetings`, { method: "POST", headers: { authorization: `Bearer ${aiko}`, "content-type": "application/json" }, body: "{oops" });
    expect(res.status).toBe(400);
  });
});

describe("hosts and scopes", () => {
  it("answers 403 when the token cannot write meetings", async () => {
    const readOnly = h.emu.issueToken(AIKO, [SCOPES.schedulesRead]);
    expectWebexError(await call(h, "POST", "/v1/meetings", readOnly, meetingBody()), 403);
  });

  it("refuses hostEmail for someone else without the admin scope", async () => {
    expectWebexError(await call(h, "POST", "/v1/meetings", aiko, meetingBody({ hostEmail: LARS })), 403);
  });

  it("accepts the caller's own address as hostEmail", async () => {
    expect((await call(h, "POST", "/v1/meetings", aiko, meetingBody({ hostEmail: AIKO }))).status).toBe(200);
  });

  it("lets an admin-scoped token schedule for a host of the organisation", async () => {
    const admin = h.emu.issueToken(DANIEL_ADMIN, ADMIN_SCOPE_SET);
    const r = await call(h, "POST", "/v1/meetings", admin, meetingBody({ hostEmail: LARS }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ hostEmail: LARS, hostDisplayName: "Lars Berg", hostUserId: personIdFor(LARS) });
  });

  it.each([
    ["someone without a Webex account", TOM_NO_WEBEX],
    ["a Webex user of another organisation", EXTERNAL],
    ["a deactivated Webex account", "ingrid.wallin@contoso.se"],
  ])("refuses %s as host with 400", async (_what, email) => {
    const admin = h.emu.issueToken(DANIEL_ADMIN, ADMIN_SCOPE_SET);
    expectWebexError(await call(h, "POST", "/v1/meetings", admin, meetingBody({ hostEmail: email })), 400);
  });
});
