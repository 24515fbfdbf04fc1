import { createSigningKeys } from "../../common/tokens";
import { startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("authentication on every call", () => {
  test("a call without a token is refused with 401 InvalidAuthenticationToken and Graph's error body", async () => {
    const r = await h.call("/v1.0/users", { headers: { "client-request-id": "abc-123" } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("InvalidAuthenticationToken");
    expect(r.json.error.innerError["client-request-id"]).toBe("abc-123");
    expect(r.json.error.innerError["request-id"]).toBe(r.headers.get("request-id"));
    expect(r.json.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(r.headers.get("client-request-id")).toBe("abc-123");
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  test("a token signed by another key is refused", async () => {
    const token = await h.appToken(["User.Read.All"], { keys: createSigningKeys() });
    const r = await h.call("/v1.0/users", { token });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("InvalidAuthenticationToken");
  });

  test("a token for another audience is refused", async () => {
    const token = await h.appToken(["User.Read.All"], { audience: "api://something-else" });
    const r = await h.call("/v1.0/users", { token });
    expect(r.status).toBe(401);
    expect(r.json.error.message).toMatch(/audience/i);
  });

  test("an expired token is refused", async () => {
    const token = await h.appToken(["User.Read.All"], { lifetimeSeconds: -600 });
    const r = await h.call("/v1.0/users", { token });
    expect(r.status).toBe(401);
    expect(r.json.error.message).toMatch(/expired/);
  });

  test("a token from another tenant is refused", async () => {
    const token = await h.appToken(["User.Read.All"], { tid: "11111111-2222-3333-4444-555555555555" });
    const r = await h.call("/v1.0/users", { token });
    expect(r.status).toBe(401);
  });

  test("every response carries request-id and client-request-id headers", async () => {
    const token = await h.appToken(["User.Read.All"]);
    const r = await h.call("/v1.0/users?$top=1", { token });
    expect(r.status).toBe(200);
    expect(r.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get("client-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("paths are matched case-insensitively and an unknown segment is a 400", async () => {
    const token = await h.appToken(["User.Read.All"]);
    expect((await h.call("/V1.0/USERS?$top=1", { token })).status).toBe(200);
    const r = await h.call("/v1.0/usrs", { token });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("Resource not found for the segment 'usrs'.");
  });

  test("an unknown API version is a 400", async () => {
    const r = await h.call("/v9.9/users");
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("Invalid version: v9.9");
  });
});

describe("permissions Microsoft documents per call", () => {
  test("an app token without a directory role cannot list users (403 Authorization_RequestDenied)", async () => {
    const token = await h.appToken(["Calendars.ReadWrite"]);
    const r = await h.call("/v1.0/users", { token });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." });
  });

  test("a delegated token with only User.Read cannot list users or read someone else", async () => {
    const token = await h.userToken("lars.berg", "User.Read Calendars.ReadWrite offline_access");
    expect((await h.call("/v1.0/users", { token })).status).toBe(403);
    const other = h.tenant.users.find((u) => u.userPrincipalName.startsWith("aiko."))!;
    expect((await h.call(`/v1.0/users/${other.id}`, { token })).status).toBe(403);
  });

  test("a delegated token with User.Read can read its own user by id and by /me", async () => {
    const token = await h.userToken("lars.berg", "User.Read");
    const self = h.tenant.users.find((u) => u.userPrincipalName.startsWith("lars.berg"))!;
    expect((await h.call(`/v1.0/users/${self.id}`, { token })).status).toBe(200);
    const me = await h.call("/v1.0/me", { token });
    expect(me.status).toBe(200);
    expect(me.json.userPrincipalName).toBe("lars.berg@contoso.se");
  });

  test("/me with an application token is a 400, as Graph answers", async () => {
    const token = await h.appToken(["User.Read.All"]);
    const r = await h.call("/v1.0/me", { token });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("/me request is only valid with delegated authentication flow.");
  });

  test("a delegated token cannot read another user's calendar (403 ErrorAccessDenied)", async () => {
    const token = await h.userToken("lars.berg", "User.Read Calendars.ReadWrite");
    const aiko = h.tenant.users.find((u) => u.userPrincipalName.startsWith("aiko."))!;
    const r = await h.call(`/v1.0/users/${aiko.id}/events`, { token });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("ErrorAccessDenied");
  });

  test("Calendars.ReadWrite covers the reads documented as Calendars.Read", async () => {
    const token = await h.appToken(["Calendars.ReadWrite"]);
    const aiko = h.tenant.users.find((u) => u.userPrincipalName.startsWith("aiko."))!;
    const list = await h.call(`/v1.0/users/${aiko.id}/events`, { token });
    expect(list.status).toBe(200);
    const first = list.json.value[0];
    expect((await h.call(`/v1.0/users/${aiko.id}/events/${first.id}`, { token })).status).toBe(200);
  });

  test("Calendars.Read alone cannot create events", async () => {
    const token = await h.appToken(["Calendars.Read"]);
    const aiko = h.tenant.users.find((u) => u.userPrincipalName.startsWith("aiko."))!;
    const r = await h.call(`/v1.0/users/${aiko.id}/events`, {
      token, method: "POST",
      body: { subject: "x", start: { dateTime: "2030-01-01T10:00:00", timeZone: "UTC" }, end: { dateTime: "2030-01-01T11:00:00", timeZone: "UTC" } },
    });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("ErrorAccessDenied");
  });

  test("team and channel members need TeamMember/ChannelMember permissions the app never holds", async () => {
    const token = await h.appToken(["User.Read.All", "Directory.Read.All", "Group.Read.All", "Calendars.ReadWrite", "Contacts.Read"]);
    const team = h.tenant.teams[0]!;
    const t = await h.call(`/v1.0/teams/${team.id}/members`, { token });
    expect(t.status).toBe(403);
    const c = await h.call(`/v1.0/teams/${team.id}/channels/${encodeURIComponent(team.channels[0]!.id)}/members`, { token });
    expect(c.status).toBe(403);
  });
});
