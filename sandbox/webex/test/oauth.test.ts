import { SANDBOX_WEBEX_INTEGRATION, SCOPES } from "../index";
import { AIKO, call, DANIEL_ADMIN, expectWebexError, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emu.reset());

const CLIENT = SANDBOX_WEBEX_INTEGRATION;
const REDIRECT = "https://localhost:3978/api/webex/callback";
const USER_SCOPE = `${SCOPES.peopleRead} ${SCOPES.schedulesRead} ${SCOPES.schedulesWrite}`;

function authorizeQuery(overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({ client_id: CLIENT.clientId, response_type: "code", redirect_uri: REDIRECT, scope: USER_SCOPE, state: "xyz-123", ...overrides });
}

/** Submits the consent form as the person with `email` would. */
async function consent(email: string, decision = "accept", overrides: Record<string, string> = {}): Promise<URL> {
  const form = authorizeQuery(overrides);
  form.set("email", email);
  form.set("decision", decision);
  const res = await fetch(`${h.url}/v1/authorize`, { method: "POST", body: form, redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

async function token(form: Record<string, string>): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${h.url}/v1/access_token`, { method: "POST", body: new URLSearchParams(form) });
  return { status: res.status, body: await res.json() };
}

const codeGrant = (code: string): Record<string, string> => ({
  grant_type: "authorization_code",
  client_id: CLIENT.clientId,
  client_secret: CLIENT.clientSecret,
  code,
  redirect_uri: REDIRECT,
});

describe("authorization-code flow", () => {
  it("shows a sign-in page listing sandbox people who have Webex accounts", async () => {
    const res = await fetch(`${h.url}/v1/authorize?${authorizeQuery().toString()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain(AIKO);
    expect(html).not.toContain("tom.baker@contoso.com");
    expect(html).toContain(CLIENT.name);
  });

  it("redirects with a code and the state, and the code buys tokens that act as the chosen person", async () => {
    const back = await consent(AIKO);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get("state")).toBe("xyz-123");
    const t = await token(codeGrant(back.searchParams.get("code")!));
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: "Bearer", expires_in: 1209599, refresh_token_expires_in: 7775999, scope: USER_SCOPE });
    expect(t.body.access_token).toMatch(/_PF84_[0-9a-f-]{36}$/);
    const me = await call(h, "GET", "/v1/people/me", t.body.access_token);
    expect(me.body.emails).toEqual([AIKO]);
  });

  it("accepts a code only once", async () => {
    const code = (await consent(AIKO)).searchParams.get("code")!;
    expect((await token(codeGrant(code))).status).toBe(200);
    const again = await token(codeGrant(code));
    expect(again.status).toBe(400);
    expect(again.body.trackingId).toMatch(/^ROUTER_/);
  });

  it("refuses a wrong client secret with 401", async () => {
    const code = (await consent(AIKO)).searchParams.get("code")!;
    const r = await token({ ...codeGrant(code), client_secret: "wrong" });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].description).toContain("client");
  });

  it("refuses a redirect_uri that differs from the authorization request", async () => {
    const code = (await consent(AIKO)).searchParams.get("code")!;
    expect((await token({ ...codeGrant(code), redirect_uri: "https://localhost:3978/other" })).status).toBe(400);
  });

  it("refreshes: a new access token, the same refresh token", async () => {
    const code = (await consent(AIKO)).searchParams.get("code")!;
    const first = (await token(codeGrant(code))).body;
    h.emu.advanceClock(15 * 24 * 3600 * 1000);
    expectWebexError(await call(h, "GET", "/v1/people/me", first.access_token), 401);
    const refreshed = await token({ grant_type: "refresh_token", client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    expect((await call(h, "GET", "/v1/people/me", refreshed.body.access_token)).status).toBe(200);
  });

  it("refuses an unknown refresh token and an unsupported grant type with 400", async () => {
    const bad = await token({ grant_type: "refresh_token", client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, refresh_token: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("refresh token");
    expect((await token({ grant_type: "password", client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret })).status).toBe(400);
  });
});

describe("consent outcomes", () => {
  it("redirects with error=access_denied when the person declines", async () => {
    const back = await consent(AIKO, "decline");
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("xyz-123");
    expect(back.searchParams.has("code")).toBe(false);
  });

  it("grants admin scopes to a Webex admin but not to anyone else", async () => {
    const scope = `${SCOPES.peopleRead} ${SCOPES.adminSchedulesWrite}`;
    expect((await consent(AIKO, "accept", { scope })).searchParams.get("error")).toBe("access_denied");
    const code = (await consent(DANIEL_ADMIN, "accept", { scope })).searchParams.get("code")!;
    expect((await token(codeGrant(code))).body.scope).toBe(scope);
  });

  it("redirects with invalid_scope for a scope the integration is not registered for", async () => {
    const res = await fetch(`${h.url}/v1/authorize?${authorizeQuery({ scope: "spark:messages_write" }).toString()}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!).searchParams.get("error")).toBe("invalid_scope");
  });

  it("never redirects to an unregistered redirect URI or for an unknown client", async () => {
    const evil = await fetch(`${h.url}/v1/authorize?${authorizeQuery({ redirect_uri: "https://evil.example/cb" }).toString()}`, { redirect: "manual" });
    expect(evil.status).toBe(400);
    expect(evil.headers.get("location")).toBeNull();
    const unknown = await fetch(`${h.url}/v1/authorize?${authorizeQuery({ client_id: "Cnope" }).toString()}`, { redirect: "manual" });
    expect(unknown.status).toBe(400);
  });
});
