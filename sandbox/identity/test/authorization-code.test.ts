import { userByLocal } from "../../tenant";
import { SANDBOX_APP_ID } from "../index";
import {
  aadCode,
  authorizeUrl,
  codeFor,
  decodeClaims,
  getPage,
  parseHtmlForm,
  pkcePair,
  postForm,
  redeemFields,
  redirectParams,
  REDIRECT_URI,
  signIn,
  startHarness,
  submitForm,
  type Harness,
} from "./helpers";

let h: Harness;
let aiko: string;
beforeAll(async () => {
  h = await startHarness();
  aiko = userByLocal(h.tenant, "aiko.tanaka").id;
});
afterAll(() => h.close());
beforeEach(() => h.emulator.reset());

describe("the authorize page", () => {
  it("lets a user pick themself, consent, and returns a code with the state", async () => {
    const first = await getPage(authorizeUrl(h, {}));
    expect(first.status).toBe(200);
    const pick = parseHtmlForm(first.html);
    expect(pick.radios.user_id).toContain(aiko);
    const consent = await submitForm(h.url, pick, { user_id: aiko });
    expect(consent.html).toContain("Calendars.ReadWrite");
    expect(consent.html).toContain("Maintain access to data you have given it access to");
    const done = await submitForm(h.url, parseHtmlForm(consent.html), { decision: "accept" });
    const params = redirectParams(done);
    expect(done.location?.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(params.get("code")).toBeTruthy();
    expect(params.get("state")).toBe("st-123");
  });

  it("does not list disabled users, and refuses one who signs in anyway (AADSTS50057)", async () => {
    const ingrid = userByLocal(h.tenant, "ingrid.wallin");
    const first = await getPage(authorizeUrl(h, {}));
    expect(parseHtmlForm(first.html).radios.user_id).not.toContain(ingrid.id);
    const refused = await submitForm(h.url, parseHtmlForm(first.html), { login: ingrid.userPrincipalName });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("AADSTS50057");
  });

  it("skips the account picker for a login_hint, and the consent page once everything is consented", async () => {
    await codeFor(h, aiko);
    const again = await getPage(authorizeUrl(h, { login_hint: "aiko.tanaka@contoso.com" }));
    expect(again.status).toBe(302);
    expect(redirectParams(again).get("code")).toBeTruthy();
  });

  it("shows the picker despite login_hint with prompt=select_account, and consent again with prompt=consent", async () => {
    await codeFor(h, aiko);
    const select = await getPage(authorizeUrl(h, { login_hint: "aiko.tanaka@contoso.com", prompt: "select_account" }));
    expect(select.html).toContain('id="pick"');
    const consent = await getPage(authorizeUrl(h, { login_hint: "aiko.tanaka@contoso.com", prompt: "consent" }));
    expect(consent.html).toContain('id="consent"');
  });

  it("answers prompt=none with login_required without a hint, and consent_required before consent", async () => {
    const noHint = redirectParams(await getPage(authorizeUrl(h, { prompt: "none" })));
    expect(noHint.get("error")).toBe("login_required");
    const noConsent = redirectParams(await getPage(authorizeUrl(h, { prompt: "none", login_hint: "aiko.tanaka@contoso.com" })));
    expect(noConsent.get("error")).toBe("consent_required");
    expect(noConsent.get("error_description")).toMatch(/^AADSTS65001:/);
  });

  it("sends access_denied back to the app when the user cancels consent", async () => {
    const params = redirectParams(await signIn(h, {}, aiko, "cancel"));
    expect(params.get("error")).toBe("access_denied");
    expect(params.get("error_subcode")).toBe("cancel");
    expect(params.get("state")).toBe("st-123");
  });

  it("shows 'Need admin approval' (AADSTS90094) when a non-admin is asked for an admin-only permission", async () => {
    const page = await signIn(h, { scope: "openid User.Read.All" }, aiko);
    expect(page.status).toBe(403);
    expect(page.html).toContain("AADSTS90094");
  });

  it("lets an admin consent for the whole organisation, which then covers other users", async () => {
    const admin = userByLocal(h.tenant, "daniel.okafor").id;
    await codeFor(h, admin, { scope: "openid offline_access User.Read.All" });
    expect(h.emulator.state.adminGrants.get(SANDBOX_APP_ID)).toBeUndefined();
    const org = await signIn(h, { scope: "openid offline_access User.Read.All", prompt: "consent" }, admin, "accept", { consent_org: "1" });
    expect(redirectParams(org).get("code")).toBeTruthy();
    const other = await getPage(authorizeUrl(h, { scope: "openid offline_access User.Read.All", login_hint: "aiko.tanaka@contoso.com" }));
    expect(redirectParams(other).get("code")).toBeTruthy();
  });

  it("shows errors about the client and the reply URL on the page instead of redirecting", async () => {
    const unknown = await getPage(authorizeUrl(h, { client_id: "99999999-9999-4999-8999-999999999999" }));
    expect([unknown.status, unknown.html.includes("AADSTS700016")]).toEqual([400, true]);
    const badReply = await getPage(authorizeUrl(h, { redirect_uri: "https://evil.example/cb" }));
    expect([badReply.status, badReply.html.includes("AADSTS50011"), badReply.location]).toEqual([400, true, undefined]);
  });

  it("redirects an invalid scope back to the app as invalid_scope", async () => {
    const params = redirectParams(await getPage(authorizeUrl(h, { scope: "openid Made.Up" })));
    expect(params.get("error")).toBe("invalid_scope");
    expect(params.get("error_description")).toMatch(/^AADSTS70011:/);
  });
});

describe("redeeming the code", () => {
  it("returns access, refresh and id tokens; scp holds only the consented Graph scopes", async () => {
    const code = await codeFor(h, aiko, { nonce: "n-1" });
    const r = await postForm(h.tokenUrl("common"), redeemFields(h, code));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(String(r.body.scope).split(" ").sort()).toEqual(["Calendars.ReadWrite", "User.Read", "offline_access", "openid", "profile"]);
    const at = decodeClaims(String(r.body.access_token));
    expect(at).toMatchObject({ aud: "https://graph.microsoft.com", scp: "User.Read Calendars.ReadWrite", oid: aiko, upn: "aiko.tanaka@contoso.com", preferred_username: "aiko.tanaka@contoso.com", name: "Aiko Tanaka", idtyp: "user", appid: SANDBOX_APP_ID });
    expect(at.roles).toBeUndefined();
    const id = decodeClaims(String(r.body.id_token));
    expect(id).toMatchObject({ aud: SANDBOX_APP_ID, oid: aiko, nonce: "n-1", iss: `${h.url}/${h.tenant.id}/v2.0` });
    expect(typeof r.body.refresh_token).toBe("string");
  });

  it("issues no refresh token without offline_access and no id_token without openid", async () => {
    const code = await codeFor(h, aiko, { scope: "User.Read" });
    const r = await postForm(h.tokenUrl(), redeemFields(h, code));
    expect(r.status).toBe(200);
    expect(r.body.refresh_token).toBeUndefined();
    expect(r.body.id_token).toBeUndefined();
  });

  it("accepts a code only once (AADSTS54005)", async () => {
    const code = await codeFor(h, aiko);
    expect((await postForm(h.tokenUrl(), redeemFields(h, code))).status).toBe(200);
    const again = await postForm(h.tokenUrl(), redeemFields(h, code));
    expect([again.status, again.body.error, aadCode(again.body)]).toEqual([400, "invalid_grant", 54005]);
  });

  it("refuses a code older than ten minutes (AADSTS70008)", async () => {
    const code = await codeFor(h, aiko);
    h.clock.advance(601);
    try {
      const r = await postForm(h.tokenUrl(), redeemFields(h, code));
      expect([r.status, aadCode(r.body)]).toEqual([400, 70008]);
    } finally {
      h.clock.advance(-601);
    }
  });

  it("binds the code to its reply URL and its client", async () => {
    const code = await codeFor(h, aiko);
    const reply = await postForm(h.tokenUrl(), redeemFields(h, code, { redirect_uri: "https://localhost:3978/other" }));
    expect([reply.status, reply.body.error]).toEqual([400, "invalid_grant"]);
    const code2 = await codeFor(h, aiko);
    const bot = await postForm(h.tokenUrl(), redeemFields(h, code2, { client_id: h.creds.bot.appId, client_secret: h.creds.bot.appPassword }));
    expect([bot.status, bot.body.error, aadCode(bot.body)]).toEqual([400, "invalid_grant", 70000]);
  });

  it("checks an S256 PKCE verifier (AADSTS501481 on mismatch)", async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(h, aiko, { code_challenge: challenge, code_challenge_method: "S256" });
    const wrong = await postForm(h.tokenUrl(), redeemFields(h, code, { code_verifier: `${verifier}x` }));
    expect([wrong.status, aadCode(wrong.body)]).toEqual([400, 501481]);
    const code2 = await codeFor(h, aiko, { code_challenge: challenge, code_challenge_method: "S256" });
    expect((await postForm(h.tokenUrl(), redeemFields(h, code2, { code_verifier: verifier }))).status).toBe(200);
  });

  it("checks a plain PKCE verifier and requires it when a challenge was sent", async () => {
    const code = await codeFor(h, aiko, { code_challenge: "plain-challenge-value-1234567890-abcdefghijk" });
    const missing = await postForm(h.tokenUrl(), redeemFields(h, code));
    expect(aadCode(missing.body)).toBe(501481);
    const code2 = await codeFor(h, aiko, { code_challenge: "plain-challenge-value-1234567890-abcdefghijk" });
    expect((await postForm(h.tokenUrl(), redeemFields(h, code2, { code_verifier: "plain-challenge-value-1234567890-abcdefghijk" }))).status).toBe(200);
  });

  it("requires the client's credential to redeem a code (AADSTS7000218) and refuses a wrong one (AADSTS7000215)", async () => {
    const code = await codeFor(h, aiko);
    const fields = redeemFields(h, code);
    delete fields.client_secret;
    const none = await postForm(h.tokenUrl(), fields);
    expect([none.status, aadCode(none.body)]).toEqual([401, 7000218]);
    const wrong = await postForm(h.tokenUrl(), redeemFields(h, code, { client_secret: "wrong" }));
    expect([wrong.status, aadCode(wrong.body)]).toEqual([401, 7000215]);
  });

  it("refuses an unknown code with invalid_grant", async () => {
    const r = await postForm(h.tokenUrl(), redeemFields(h, "1.AXkAnot-a-code"));
    expect([r.status, r.body.error]).toEqual([400, "invalid_grant"]);
  });
});
