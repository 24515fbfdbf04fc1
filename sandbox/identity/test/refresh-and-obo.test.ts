import { userByLocal } from "../../tenant";
import { SANDBOX_APP_ID } from "../index";
import { aadCode, codeFor, decodeClaims, postForm, redeemFields, startHarness, type Harness } from "./helpers";

let h: Harness;
let aiko: string;
beforeAll(async () => {
  h = await startHarness();
  aiko = userByLocal(h.tenant, "aiko.tanaka").id;
});
afterAll(() => h.close());
beforeEach(() => h.emulator.reset());

async function refreshTokenFor(user: string): Promise<string> {
  const r = await postForm(h.tokenUrl(), redeemFields(h, await codeFor(h, user)));
  return String(r.body.refresh_token);
}

function refreshFields(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { grant_type: "refresh_token", client_id: SANDBOX_APP_ID, client_secret: h.creds.app.clientSecret, refresh_token: token, scope: "openid profile offline_access User.Read Calendars.ReadWrite", ...extra };
}

describe("refresh tokens", () => {
  it("rotate on every use through /common, and the previous one keeps working until it expires", async () => {
    const first = await refreshTokenFor(aiko);
    const r1 = await postForm(h.tokenUrl("common"), refreshFields(first));
    expect(r1.status).toBe(200);
    const second = String(r1.body.refresh_token);
    expect(second).not.toBe(first);
    expect(decodeClaims(String(r1.body.access_token)).scp).toBe("User.Read Calendars.ReadWrite");
    expect((await postForm(h.tokenUrl("common"), refreshFields(first))).status).toBe(200);
    expect((await postForm(h.tokenUrl("common"), refreshFields(second))).status).toBe(200);
  });

  it("stop working once the user's refresh tokens are revoked (AADSTS50173)", async () => {
    const token = await refreshTokenFor(aiko);
    const res = await fetch(`${h.url}/_sandbox/users/aiko.tanaka@contoso.com/revoke-refresh-tokens`, { method: "POST" });
    expect(await res.json()).toEqual({ revoked: 1 });
    const r = await postForm(h.tokenUrl("common"), refreshFields(token));
    expect([r.status, r.body.error, aadCode(r.body)]).toEqual([400, "invalid_grant", 50173]);
    // A fresh sign-in works again.
    expect((await postForm(h.tokenUrl("common"), refreshFields(await refreshTokenFor(aiko)))).status).toBe(200);
  });

  it("expire after 90 days (AADSTS700082)", async () => {
    const token = await refreshTokenFor(aiko);
    h.clock.advance(91 * 24 * 3600);
    try {
      const r = await postForm(h.tokenUrl("common"), refreshFields(token));
      expect([r.status, aadCode(r.body)]).toEqual([400, 700082]);
    } finally {
      h.clock.advance(-91 * 24 * 3600);
    }
  });

  it("are bound to the client they were issued to (AADSTS70000)", async () => {
    const token = await refreshTokenFor(aiko);
    const r = await postForm(h.tokenUrl("common"), refreshFields(token, { client_id: h.creds.bot.appId, client_secret: h.creds.bot.appPassword }));
    expect([r.status, r.body.error, aadCode(r.body)]).toEqual([400, "invalid_grant", 70000]);
  });

  it("cannot reach a scope the user never consented to (AADSTS65001, consent_required)", async () => {
    const token = await refreshTokenFor(aiko);
    const r = await postForm(h.tokenUrl("common"), refreshFields(token, { scope: "offline_access Contacts.Read" }));
    expect([r.status, r.body.error, aadCode(r.body), r.body.suberror]).toEqual([400, "invalid_grant", 65001, "consent_required"]);
  });

  it("are refused once the user's account is disabled (AADSTS50057)", async () => {
    const token = await refreshTokenFor(aiko);
    const user = userByLocal(h.tenant, "aiko.tanaka");
    user.accountEnabled = false;
    try {
      const r = await postForm(h.tokenUrl("common"), refreshFields(token));
      expect(aadCode(r.body)).toBe(50057);
    } finally {
      user.accountEnabled = true;
    }
  });

  it("refuse garbage with invalid_grant (AADSTS9002313)", async () => {
    const r = await postForm(h.tokenUrl("common"), refreshFields("not-a-refresh-token"));
    expect([r.status, r.body.error, aadCode(r.body)]).toEqual([400, "invalid_grant", 9002313]);
  });
});

describe("on-behalf-of", () => {
  async function ssoToken(user = "aiko.tanaka@contoso.com", lifetimeSeconds?: number): Promise<string> {
    return h.emulator.issueUserToken({ user, clientId: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", scope: `api://localhost/${SANDBOX_APP_ID}/access_as_user`, lifetimeSeconds });
  }
  function oboFields(assertion: string, scope = "https://graph.microsoft.com/User.Read offline_access"): Record<string, string> {
    return {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      client_id: SANDBOX_APP_ID,
      client_secret: h.creds.app.clientSecret,
      assertion,
      scope,
    };
  }

  it("exchanges a user's token for the middle tier into a Graph token once the user has consented", async () => {
    h.emulator.grantUserConsent(aiko, SANDBOX_APP_ID, ["User.Read", "Calendars.ReadWrite", "offline_access"]);
    const r = await postForm(h.tokenUrl(), oboFields(await ssoToken()));
    expect(r.status).toBe(200);
    const at = decodeClaims(String(r.body.access_token));
    expect(at).toMatchObject({ aud: "https://graph.microsoft.com", oid: aiko, scp: "User.Read", appid: SANDBOX_APP_ID });
    expect(typeof r.body.refresh_token).toBe("string");
    expect(r.body.id_token).toBeUndefined();
  });

  it("grants every consented scope for /.default, including an admin's tenant-wide grant", async () => {
    h.emulator.grantAdminConsent(SANDBOX_APP_ID);
    const r = await postForm(h.tokenUrl(), oboFields(await ssoToken(), "https://graph.microsoft.com/.default"));
    expect(r.status).toBe(200);
    expect(decodeClaims(String(r.body.access_token)).scp).toBe("Calendars.ReadWrite User.Read");
  });

  it("answers consent_required (AADSTS65001) when nobody has consented", async () => {
    const r = await postForm(h.tokenUrl(), oboFields(await ssoToken()));
    expect([r.status, r.body.error, aadCode(r.body), r.body.suberror]).toEqual([400, "invalid_grant", 65001, "consent_required"]);
  });

  it("refuses an assertion meant for another app (AADSTS50013)", async () => {
    h.emulator.grantUserConsent(aiko, SANDBOX_APP_ID, ["User.Read"]);
    const graphToken = await h.emulator.issueUserToken({ user: aiko, clientId: SANDBOX_APP_ID, scope: "User.Read" });
    const r = await postForm(h.tokenUrl(), oboFields(graphToken));
    expect([r.status, r.body.error, aadCode(r.body)]).toEqual([400, "invalid_grant", 50013]);
  });

  it("refuses an expired assertion (AADSTS500133) and a forged one (AADSTS50013)", async () => {
    h.emulator.grantUserConsent(aiko, SANDBOX_APP_ID, ["User.Read"]);
    const token = await ssoToken(undefined, 60);
    h.clock.advance(120);
    try {
      const r = await postForm(h.tokenUrl(), oboFields(token));
      expect([r.status, aadCode(r.body)]).toEqual([400, 500133]);
    } finally {
      h.clock.advance(-120);
    }
    const [head, body] = token.split(".");
    const forged = await postForm(h.tokenUrl(), oboFields(`${head}.${body}.${Buffer.alloc(256, 1).toString("base64url")}`));
    expect([forged.status, aadCode(forged.body)]).toEqual([400, 50013]);
  });

  it("requires requested_token_use=on_behalf_of and a client credential", async () => {
    const fields = oboFields(await ssoToken());
    delete fields.requested_token_use;
    expect(aadCode((await postForm(h.tokenUrl(), fields)).body)).toBe(900144);
    const noSecret = oboFields(await ssoToken());
    delete noSecret.client_secret;
    expect(aadCode((await postForm(h.tokenUrl(), noSecret)).body)).toBe(7000218);
  });
});
