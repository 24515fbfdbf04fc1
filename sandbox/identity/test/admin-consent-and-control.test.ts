import { userByLocal, TENANT_ID } from "../../tenant";
import { SANDBOX_APP_ID } from "../index";
import { aadCode, assertionFields, clientAssertion, decodeClaims, getPage, parseHtmlForm, postForm, REDIRECT_URI, redirectParams, startHarness, submitForm, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.reset());

async function appRoles(): Promise<unknown> {
  const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h)));
  return decodeClaims(String(r.body.access_token)).roles;
}

function adminConsentUrl(path: string, extra: Record<string, string> = {}): string {
  return `${h.url}/${path}?${new URLSearchParams({ client_id: SANDBOX_APP_ID, redirect_uri: REDIRECT_URI, state: "adm-1", ...extra }).toString()}`;
}

describe("admin consent", () => {
  it("lets an admin grant the app's application permissions tenant-wide, which then appear as roles", async () => {
    expect(await appRoles()).toBeUndefined();
    const page = await getPage(adminConsentUrl("organizations/adminconsent"));
    expect(page.html).toContain("User.Read.All");
    const admin = userByLocal(h.tenant, "daniel.okafor").id;
    const done = await submitForm(h.url, parseHtmlForm(page.html), { user_id: admin, decision: "accept" });
    const params = redirectParams(done);
    expect(Object.fromEntries(params)).toEqual({ admin_consent: "True", tenant: TENANT_ID, state: "adm-1" });
    expect(await appRoles()).toEqual(["Calendars.ReadWrite", "Contacts.Read", "Directory.Read.All", "Group.Read.All", "User.Read.All"]);
  });

  it("supports the v2 endpoint with an explicit permission list and echoes the scope", async () => {
    const page = await getPage(adminConsentUrl(`${TENANT_ID}/v2.0/adminconsent`, { scope: "https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/Calendars.ReadWrite" }));
    const admin = userByLocal(h.tenant, "daniel.okafor").id;
    const params = redirectParams(await submitForm(h.url, parseHtmlForm(page.html), { user_id: admin, decision: "accept" }));
    expect(params.get("admin_consent")).toBe("True");
    expect(params.get("scope")).toBe("https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/Calendars.ReadWrite");
    expect(await appRoles()).toEqual(["Calendars.ReadWrite", "User.Read.All"]);
  });

  it("refuses a non-admin with AADSTS90094 and grants nothing", async () => {
    const page = await getPage(adminConsentUrl("common/adminconsent"));
    const done = await submitForm(h.url, parseHtmlForm(page.html), { user_id: userByLocal(h.tenant, "aiko.tanaka").id, decision: "accept" });
    expect(done.status).toBe(403);
    expect(done.html).toContain("AADSTS90094");
    expect(await appRoles()).toBeUndefined();
  });

  it("returns access_denied when the admin cancels", async () => {
    const page = await getPage(adminConsentUrl("common/adminconsent"));
    const params = redirectParams(await submitForm(h.url, parseHtmlForm(page.html), { user_id: userByLocal(h.tenant, "daniel.okafor").id, decision: "cancel" }));
    expect([params.get("error"), params.get("state")]).toEqual(["access_denied", "adm-1"]);
  });

  it("refuses an unregistered reply URL on the page (AADSTS50011)", async () => {
    const page = await getPage(adminConsentUrl("common/adminconsent", { redirect_uri: "https://evil.example/x" }));
    expect([page.status, page.html.includes("AADSTS50011")]).toEqual([400, true]);
  });
});

describe("control endpoints", () => {
  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${h.url}${path}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  }

  it("grant and revoke admin consent", async () => {
    const granted = await call("POST", "/_sandbox/admin-consent", { clientId: SANDBOX_APP_ID, roles: ["User.Read.All"] });
    expect(granted).toMatchObject({ status: 200, json: { clientId: SANDBOX_APP_ID, roles: ["User.Read.All"] } });
    expect(await appRoles()).toEqual(["User.Read.All"]);
    expect((await call("DELETE", `/_sandbox/admin-consent/${SANDBOX_APP_ID}`)).status).toBe(204);
    expect(await appRoles()).toBeUndefined();
  });

  it("register an app with a secret, which reset() forgets again", async () => {
    const clientId = "12345678-1234-4234-8234-123456789abc";
    const created = await call("POST", "/_sandbox/apps", { clientId, clientSecret: "s3cret~value", applicationPermissions: ["User.Read.All"] });
    expect(created.status).toBe(201);
    const ok = await postForm(h.tokenUrl(), { grant_type: "client_credentials", client_id: clientId, client_secret: "s3cret~value", scope: "https://graph.microsoft.com/.default" });
    expect(ok.status).toBe(200);
    expect((await call("POST", "/_sandbox/reset")).status).toBe(204);
    const gone = await postForm(h.tokenUrl(), { grant_type: "client_credentials", client_id: clientId, client_secret: "s3cret~value", scope: "https://graph.microsoft.com/.default" });
    expect(aadCode(gone.body)).toBe(700016);
  });

  it("register an app with a certificate whose key then signs valid assertions", async () => {
    const clientId = "22345678-1234-4234-8234-123456789abc";
    expect((await call("POST", "/_sandbox/apps", { clientId, certificatePem: h.creds.app.certificatePem })).status).toBe(201);
    const assertion = await clientAssertion(h, { iss: clientId, sub: clientId });
    const r = await postForm(h.tokenUrl(), { ...assertionFields(assertion), client_id: clientId });
    expect(r.status).toBe(200);
  });

  it("grant and revoke a user's consent, and refuse bad input with 400/404", async () => {
    const granted = await call("POST", "/_sandbox/user-consent", { user: "aiko.tanaka@contoso.com", clientId: SANDBOX_APP_ID, scopes: ["user.read"] });
    expect(granted).toMatchObject({ status: 200, json: { scopes: ["User.Read"] } });
    const consents = await call("GET", "/_sandbox/consents");
    expect(consents.json).toMatchObject({ users: [{ userId: userByLocal(h.tenant, "aiko.tanaka").id, clientId: SANDBOX_APP_ID, scopes: ["User.Read"] }] });
    expect((await call("DELETE", `/_sandbox/user-consent/${SANDBOX_APP_ID}/aiko.tanaka@contoso.com`)).status).toBe(204);
    expect((await call("POST", "/_sandbox/user-consent", { user: "nobody@contoso.com", clientId: SANDBOX_APP_ID, scopes: ["User.Read"] })).status).toBe(404);
    expect((await call("POST", "/_sandbox/user-consent", { user: "aiko.tanaka@contoso.com", clientId: SANDBOX_APP_ID, scopes: ["Made.Up"] })).status).toBe(400);
    expect((await call("POST", "/_sandbox/admin-consent", { nope: true })).status).toBe(400);
  });

  it("list the registered apps without their secrets", async () => {
    const list = await call("GET", "/_sandbox/apps");
    const text = JSON.stringify(list.json);
    expect(text).toContain(SANDBOX_APP_ID);
    expect(text).not.toContain(h.creds.app.clientSecret);
  });
});
