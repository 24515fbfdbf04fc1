import { generateKeyPairSync } from "node:crypto";
import { verifyAccessToken, GRAPH_AUDIENCE } from "../../common/tokens";
import { TENANT_ID } from "../../tenant";
import { SANDBOX_APP_ID } from "../index";
import { aadCode, assertionFields, clientAssertion, decodeClaims, postForm, startHarness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.reset());

describe("client credentials with a certificate assertion", () => {
  it("issues a Graph app token for an RS256 assertion carrying x5t, without roles while no admin has consented", async () => {
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h)));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600 });
    const claims = decodeClaims(String(r.body.access_token));
    expect(claims).toMatchObject({ aud: GRAPH_AUDIENCE, tid: TENANT_ID, appid: SANDBOX_APP_ID, azp: SANDBOX_APP_ID, idtyp: "app", iss: `${h.url}/${TENANT_ID}/v2.0`, appidacr: "2" });
    expect(claims.roles).toBeUndefined();
    expect(claims.scp).toBeUndefined();
  });

  it("puts the admin-consented application permissions into roles", async () => {
    h.emulator.grantAdminConsent(SANDBOX_APP_ID);
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h)));
    expect(decodeClaims(String(r.body.access_token)).roles).toEqual(["Calendars.ReadWrite", "Contacts.Read", "Directory.Read.All", "Group.Read.All", "User.Read.All"]);
  });

  it("accepts a PS256 assertion identified by x5t#S256", async () => {
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h, { alg: "PS256" })));
    expect(r.status).toBe(200);
  });

  it("accepts the tenant named by a verified domain, with the assertion addressed to that endpoint", async () => {
    const url = h.tokenUrl("contoso.se");
    const r = await postForm(url, assertionFields(await clientAssertion(h, { aud: url })));
    expect(r.status).toBe(200);
    expect(decodeClaims(String(r.body.access_token)).tid).toBe(TENANT_ID);
  });

  it("issues tokens that verify with the shared keys and expire by the emulator's clock", async () => {
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h)));
    const token = String(r.body.access_token);
    const expected = { audience: GRAPH_AUDIENCE, issuer: (tid: string) => `${h.url}/${tid}/v2.0`, tenantId: TENANT_ID };
    expect((await verifyAccessToken(h.keys, token, { ...expected, now: h.clock.now })).ok).toBe(true);
    const later = new Date(h.clock.now.getTime() + 3601 * 1000);
    expect(await verifyAccessToken(h.keys, token, { ...expected, now: later })).toMatchObject({ ok: false, reason: "expired" });
  });

  it("honours a configured token lifetime", async () => {
    const short = await startHarness({ accessTokenLifetimeSeconds: 300 });
    try {
      const r = await postForm(short.tokenUrl(), assertionFields(await clientAssertion(short)));
      const c = decodeClaims(String(r.body.access_token));
      expect(r.body.expires_in).toBe(300);
      expect(Number(c.exp) - Number(c.iat)).toBe(300);
    } finally {
      await short.close();
    }
  });
});

describe("client credentials failures, in Entra's error shape", () => {
  it("refuses an assertion signed by a key whose certificate is not registered (AADSTS700027, 401)", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h, { keyPem: other })));
    expect(r.status).toBe(401);
    expect(r.body.error).toBe("invalid_client");
    expect(aadCode(r.body)).toBe(700027);
    expect(String(r.body.error_description)).toMatch(/^AADSTS700027: .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s);
    expect(r.body).toEqual(expect.objectContaining({ timestamp: expect.any(String), trace_id: expect.any(String), correlation_id: expect.any(String), error_uri: expect.any(String) }));
  });

  it("refuses an assertion whose thumbprint matches no registered certificate (AADSTS700027)", async () => {
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h, { header: { x5t: Buffer.alloc(20, 7).toString("base64url") } })));
    expect([r.status, aadCode(r.body)]).toEqual([401, 700027]);
    expect(String(r.body.error_description)).toContain("The key was not found.");
  });

  it("refuses an assertion issued for another client id (AADSTS700021)", async () => {
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h, { iss: h.creds.bot.appId })));
    expect([r.status, aadCode(r.body)]).toEqual([401, 700021]);
  });

  it("refuses an assertion addressed to another token endpoint (AADSTS700023)", async () => {
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h, { aud: "https://login.microsoftonline.com/other/oauth2/v2.0/token" })));
    expect([r.status, aadCode(r.body)]).toEqual([401, 700023]);
  });

  it("refuses an expired assertion and one not yet valid (AADSTS700024)", async () => {
    const now = Math.floor(h.clock.now.getTime() / 1000);
    const expired = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h, { iat: now - 3600, nbf: now - 3600, exp: now - 1200 })));
    expect([expired.status, aadCode(expired.body)]).toEqual([401, 700024]);
    const early = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h, { nbf: now + 1200, exp: now + 1800 })));
    expect([early.status, aadCode(early.body)]).toEqual([401, 700024]);
  });

  it("refuses a once-valid assertion after the clock moves past its expiry", async () => {
    const assertion = await clientAssertion(h);
    h.clock.advance(16 * 60);
    try {
      const r = await postForm(h.tokenUrl(), assertionFields(assertion));
      expect(aadCode(r.body)).toBe(700024);
    } finally {
      h.clock.advance(-16 * 60);
    }
  });

  it("refuses a malformed assertion (AADSTS50027)", async () => {
    const r = await postForm(h.tokenUrl(), assertionFields("not.a.jwt"));
    expect([r.status, r.body.error, aadCode(r.body)]).toEqual([400, "invalid_request", 50027]);
  });

  it("accepts the same assertion twice by default, as Entra does for msal's cached assertion", async () => {
    const assertion = await clientAssertion(h);
    expect((await postForm(h.tokenUrl(), assertionFields(assertion))).status).toBe(200);
    expect((await postForm(h.tokenUrl(), assertionFields(assertion))).status).toBe(200);
  });

  it("refuses a reused jti when replay protection is switched on", async () => {
    const strict = await startHarness({ rejectReusedAssertionJti: true });
    try {
      const assertion = await clientAssertion(strict);
      expect((await postForm(strict.tokenUrl(), assertionFields(assertion))).status).toBe(200);
      const again = await postForm(strict.tokenUrl(), assertionFields(assertion));
      expect([again.status, again.body.error]).toEqual([401, "invalid_client"]);
      expect(String(again.body.error_description)).toContain("jti");
    } finally {
      await strict.close();
    }
  });

  it("refuses a delegated scope (AADSTS1002012) and a missing scope (AADSTS900144)", async () => {
    const named = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h), "https://graph.microsoft.com/User.Read.All"));
    expect([named.status, named.body.error, aadCode(named.body)]).toEqual([400, "invalid_scope", 1002012]);
    const fields = assertionFields(await clientAssertion(h));
    delete fields.scope;
    const missing = await postForm(h.tokenUrl(), fields);
    expect([missing.status, aadCode(missing.body)]).toEqual([400, 900144]);
  });

  it("refuses an unknown scope on an app token request with AADSTS70011", async () => {
    const r = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h), "https://graph.microsoft.com/Nope.Nothing"));
    expect([r.status, r.body.error, aadCode(r.body)]).toEqual([400, "invalid_scope", 70011]);
  });

  it("refuses an unknown tenant (AADSTS90002) and a tenant-less authority (AADSTS50059)", async () => {
    const unknown = await postForm(h.tokenUrl("fabrikam.com"), assertionFields(await clientAssertion(h)));
    expect([unknown.status, unknown.body.error, aadCode(unknown.body)]).toEqual([400, "invalid_request", 90002]);
    const common = await postForm(h.tokenUrl("common"), assertionFields(await clientAssertion(h, { aud: h.tokenUrl("common") })));
    expect(aadCode(common.body)).toBe(50059);
  });

  it("echoes msal's client-request-id as the correlation id", async () => {
    const res = await fetch(h.tokenUrl(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "client-request-id": "11111111-2222-3333-4444-555555555555" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: SANDBOX_APP_ID, client_secret: "wrong", scope: "https://graph.microsoft.com/.default" }).toString(),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.correlation_id).toBe("11111111-2222-3333-4444-555555555555");
  });
});

describe("client credentials with a client secret", () => {
  it("issues an app token for the right secret", async () => {
    const r = await postForm(h.tokenUrl(), { grant_type: "client_credentials", client_id: SANDBOX_APP_ID, client_secret: h.creds.app.clientSecret, scope: "https://graph.microsoft.com/.default" });
    expect(r.status).toBe(200);
    expect(decodeClaims(String(r.body.access_token)).appidacr).toBe("1");
  });

  it("accepts the secret through HTTP Basic authentication too", async () => {
    const basic = Buffer.from(`${SANDBOX_APP_ID}:${encodeURIComponent(h.creds.app.clientSecret)}`).toString("base64");
    const res = await fetch(h.tokenUrl(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" }).toString(),
    });
    expect(res.status).toBe(200);
  });

  it("refuses a wrong secret (AADSTS7000215, 401) and an unknown app (AADSTS700016)", async () => {
    const wrong = await postForm(h.tokenUrl(), { grant_type: "client_credentials", client_id: SANDBOX_APP_ID, client_secret: "nope", scope: "https://graph.microsoft.com/.default" });
    expect([wrong.status, wrong.body.error, aadCode(wrong.body)]).toEqual([401, "invalid_client", 7000215]);
    const unknown = await postForm(h.tokenUrl(), { grant_type: "client_credentials", client_id: "99999999-9999-4999-8999-999999999999", client_secret: "x", scope: "https://graph.microsoft.com/.default" });
    expect([unknown.status, unknown.body.error, aadCode(unknown.body)]).toEqual([400, "unauthorized_client", 700016]);
  });

  it("refuses a request without any credential (AADSTS7000218) and an unknown grant type (AADSTS70003)", async () => {
    const none = await postForm(h.tokenUrl(), { grant_type: "client_credentials", client_id: SANDBOX_APP_ID, scope: "https://graph.microsoft.com/.default" });
    expect([none.status, aadCode(none.body)]).toEqual([401, 7000218]);
    const grant = await postForm(h.tokenUrl(), { grant_type: "password", client_id: SANDBOX_APP_ID });
    expect([grant.status, grant.body.error, aadCode(grant.body)]).toEqual([400, "unsupported_grant_type", 70003]);
  });
});
