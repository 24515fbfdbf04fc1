import { SANDBOX_WEBEX_INTEGRATION } from "../index";
import { ADMIN_SCOPE_SET, AIKO, call, DANIEL_ADMIN, expectWebexError, LARS, meetingBody, startHarness, USER_SCOPES, type Harness } from "./harness";

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

const createMeeting = (token: string, overrides: Record<string, unknown> = {}) => call(h, "POST", "/v1/meetings", token, meetingBody(overrides));

describe("injected faults", () => {
  it("answers 429 with Retry-After for the next N matching calls, then recovers", async () => {
    const added = await call(h, "POST", "/_sandbox/faults", undefined, { method: "POST", path: "/v1/meetings", status: 429, retryAfter: 7, count: 2 });
    expect(added.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const r = await createMeeting(aiko);
      expectWebexError(r, 429);
      expect(r.headers.get("retry-after")).toBe("7");
    }
    expect((await createMeeting(aiko)).status).toBe(200);
    expect(h.emu.meetings.list()).toHaveLength(1);
  });

  it("matches only the route it names", async () => {
    await call(h, "POST", "/_sandbox/faults", undefined, { method: "GET", path: "/v1/people/*", status: 503, retryAfter: 2 });
    expect((await createMeeting(aiko)).status).toBe(200);
    const r = await call(h, "GET", "/v1/people/me", aiko);
    expectWebexError(r, 503);
    expect(r.headers.get("retry-after")).toBe("2");
    expect((await call(h, "GET", "/v1/people/me", aiko)).status).toBe(200);
  });

  it("injects 5xx, 423 and latency, and can be listed and cleared", async () => {
    await call(h, "POST", "/_sandbox/faults", undefined, {
      faults: [
        { path: "/v1/meetings", method: "POST", status: 502 },
        { path: "/v1/meetings", method: "POST", status: 423 },
        { path: "/v1/people/me", latencyMs: 50 },
        { path: "/v1/people", status: 500, count: 5 },
      ],
    });
    expect((await call(h, "GET", "/_sandbox/faults")).body.faults).toHaveLength(4);
    expectWebexError(await createMeeting(aiko), 502);
    expectWebexError(await createMeeting(aiko), 423);
    expect((await call(h, "GET", "/v1/people/me", aiko)).status).toBe(200);
    expect((await call(h, "DELETE", "/_sandbox/faults")).status).toBe(204);
    expect((await call(h, "GET", `/v1/people?email=${LARS}`, aiko)).status).toBe(200);
  });

  it("refuses a malformed fault", async () => {
    expect((await call(h, "POST", "/_sandbox/faults", undefined, { path: "no-slash", status: 429 })).status).toBe(400);
  });
});

describe("meeting-creation quota", () => {
  it("lets a user create 100 meetings in 24 hours, then answers 429 until the oldest ages out", async () => {
    for (let i = 0; i < 100; i++) expect((await createMeeting(aiko, { title: `Meeting ${i}` })).status).toBe(200);
    const refused = await createMeeting(aiko);
    expectWebexError(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBe(24 * 3600);
    h.emu.advanceClock(24 * 3600 * 1000 + 1000);
    expect((await createMeeting(aiko, { start: "2026-11-25T14:00:00Z", end: "2026-11-25T15:00:00Z" })).status).toBe(200);
  });

  it("counts per user, and other calls stay allowed", async () => {
    await call(h, "PUT", "/_sandbox/quota", undefined, { perUser: 2 });
    await createMeeting(aiko);
    await createMeeting(aiko);
    expectWebexError(await createMeeting(aiko), 429);
    expect((await call(h, "GET", "/v1/meetings", aiko)).status).toBe(200);
    expect((await createMeeting(h.emu.issueToken(LARS, USER_SCOPES))).status).toBe(200);
  });

  it("gives an admin a larger quota, capped per host", async () => {
    await call(h, "PUT", "/_sandbox/quota", undefined, { perUser: 1, perAdmin: 3, perHostViaAdmin: 2 });
    const admin = h.emu.issueToken(DANIEL_ADMIN, ADMIN_SCOPE_SET);
    expect((await createMeeting(admin, { hostEmail: LARS })).status).toBe(200);
    expect((await createMeeting(admin, { hostEmail: LARS })).status).toBe(200);
    expectWebexError(await createMeeting(admin, { hostEmail: LARS }), 429);
    expect((await createMeeting(admin, { hostEmail: AIKO })).status).toBe(200);
    expectWebexError(await createMeeting(admin, { hostEmail: "mia.holm@contoso.se" }), 429);
  });
});

describe("sandbox controls", () => {
  it("issues a service token for the tenant-mode path", async () => {
    const r = await call(h, "POST", "/_sandbox/tokens", undefined, { email: DANIEL_ADMIN, scopes: ADMIN_SCOPE_SET });
    expect(r.status).toBe(200);
    expect(r.body.token_type).toBe("Bearer");
    const created = await createMeeting(r.body.access_token, { hostEmail: AIKO });
    expect(created.body.hostEmail).toBe(AIKO);
    expect((await call(h, "POST", "/_sandbox/tokens", undefined, { email: "tom.baker@contoso.com", scopes: USER_SCOPES })).status).toBe(404);
  });

  it("revokes a token", async () => {
    expect((await call(h, "DELETE", `/_sandbox/tokens/${encodeURIComponent(aiko)}`)).status).toBe(204);
    expectWebexError(await call(h, "GET", "/v1/people/me", aiko), 401);
  });

  it("resets meetings and tokens", async () => {
    await createMeeting(aiko);
    expect((await call(h, "GET", "/_sandbox/meetings")).body.items).toHaveLength(1);
    expect((await call(h, "POST", "/_sandbox/reset")).status).toBe(204);
    expect((await call(h, "GET", "/_sandbox/meetings")).body.items).toHaveLength(0);
    expectWebexError(await call(h, "GET", "/v1/people/me", aiko), 401);
  });

  it("moves the emulator's clock", async () => {
    const r = await call(h, "POST", "/_sandbox/clock", undefined, { advanceSeconds: 3600 });
    expect(r.body.now).toBe("2026-11-20T09:00:00.000Z");
    expectWebexError(await createMeeting(aiko, { start: "2026-11-20T08:30:00Z", end: "2026-11-20T09:30:00Z" }), 400);
  });

  it("publishes the registered integration", async () => {
    const r = await call(h, "GET", "/_sandbox/integration");
    expect(r.body).toMatchObject({ clientId: SANDBOX_WEBEX_INTEGRATION.clientId, clientSecret: SANDBOX_WEBEX_INTEGRATION.clientSecret });
    expect(r.body.clientId).toMatch(/^C[0-9a-f]{64}$/);
  });

  it("answers unknown Webex routes with Webex's 404 body", async () => {
    expectWebexError(await call(h, "GET", "/v1/rooms", aiko), 404);
  });
});
