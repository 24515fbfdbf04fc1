/**
 * Connecting Webex through the browser, end to end: our connect link → our start route → the Webex
 * emulator's real authorize page → our callback → encrypted tokens in SQLite → Webex calls as the
 * user. Nothing of ours is faked.
 */
import { ReauthenticationRequiredError } from "../../../src/identity/token-manager";
import { getMe } from "../../../src/webex/people";
import { AIKO, aiko, connectInBrowser, databaseText, startFixture, startSandbox, unescapeHtml, type Fixture } from "./harness";
import type { RunningSandbox } from "../../../../sandbox";

let sandbox: RunningSandbox;
let f: Fixture;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  f = await startFixture(sandbox);
});
afterEach(() => f.close());

describe("connecting Webex from a connect link", () => {
  it("takes the user through Webex's consent page and back, then acts as them in Webex", async () => {
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(false);

    const start = await fetch(await f.accounts.connectUrl(aiko, "en-US"), { redirect: "manual" });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location")!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sandbox.urls.webex}/v1/authorize`);
    expect(authorize.searchParams.get("scope")).toBe("spark:people_read meeting:schedules_read meeting:schedules_write");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${f.baseUrl}/api/auth/webex/callback`);

    const outcome = await connectInBrowser(f, aiko, AIKO);
    expect(outcome.status).toBe(200);
    expect(outcome.html).toContain("Webex is connected. Return to Teams.");
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(true);

    const access = await f.accounts.accessFor(aiko, "individual");
    expect(access.via).toBe("user-token");
    expect(access.hostEmail).toBeUndefined();
    expect((await getMe(access.client)).emails).toEqual([AIKO]);
    expect((await getMe(await f.accounts.directoryClientFor(aiko, "individual"))).emails).toEqual([AIKO]);
  });

  it("keeps the tokens encrypted: neither the database nor the logs contain them", async () => {
    await connectInBrowser(f, aiko, AIKO);
    const stored = await f.vault.get(aiko, "webex-user");
    expect(stored?.refreshToken).toBeDefined();
    expect(Date.parse(stored!.refreshTokenExpiresAt!)).toBeGreaterThan(Date.parse(stored!.expiresAt));
    const everything = databaseText(f.sqlitePath) + JSON.stringify(f.logs);
    expect(everything).not.toContain(stored!.accessToken);
    expect(everything).not.toContain(stored!.refreshToken);
    expect(everything).not.toContain(f.config.webex.clientSecret);
  });

  it("answers in the language the user connected from", async () => {
    const outcome = await connectInBrowser(f, aiko, AIKO, { locale: "sv-SE" });
    expect(outcome.status).toBe(200);
    expect(outcome.html).toContain('lang="sv"');
    expect(outcome.html).toContain("Webex är anslutet. Gå tillbaka till Teams.");
  });
});

describe("links that must not work", () => {
  it("refuses to use a connect link twice", async () => {
    const outcome = await connectInBrowser(f, aiko, AIKO);
    expect(outcome.status).toBe(200);

    const replay = await fetch(outcome.callbackUrl);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("expired or was already used");
    const restart = await fetch(outcome.connectUrl, { redirect: "manual" });
    expect(restart.status).toBe(400);
  });

  it("answers an unknown state with a page, not a redirect", async () => {
    for (const path of ["/api/auth/webex/callback?code=abc&state=not-ours", "/api/auth/webex/start?state=not-ours", "/api/auth/webex/callback"]) {
      const res = await fetch(`${f.baseUrl}${path}`, { redirect: "manual", headers: { "accept-language": "ja-JP,ja;q=0.9" } });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toContain("このリンクは使用できません");
    }
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(false);
  });

  it("lets a connect link lapse after ten minutes", async () => {
    const link = await f.accounts.connectUrl(aiko);
    f.clock.advance(10 * 60 * 1000 + 1);
    expect((await fetch(link, { redirect: "manual" })).status).toBe(400);
  });

  it("explains a declined consent, stores nothing, and offers a fresh link that works", async () => {
    const outcome = await connectInBrowser(f, aiko, AIKO, { decision: "decline" });
    expect(new URL(outcome.callbackUrl).searchParams.get("error")).toBe("access_denied");
    expect(outcome.status).toBe(200);
    expect(outcome.html).toContain("The connection to Webex was cancelled");
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(false);
    expect(await f.store.tokens.get("webex-user", aiko)).toBeUndefined();

    const retry = /<a href="([^"]+)">Connect Webex again<\/a>/.exec(outcome.html)?.[1];
    expect(retry).toBeDefined();
    const again = await fetch(unescapeHtml(retry!), { redirect: "manual" });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toContain(`${sandbox.urls.webex}/v1/authorize?`);
  });

  it("shows a failure page when Webex refuses the code, and keeps nothing", async () => {
    const link = await f.accounts.connectUrl(aiko);
    const state = new URL(link).searchParams.get("state")!;
    const res = await fetch(`${f.baseUrl}/api/auth/webex/callback?code=forged-code&state=${encodeURIComponent(state)}`);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain("Webex did not complete the connection");
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(false);
  });
});

describe("disconnecting", () => {
  it("forgets the user's Webex tokens, so Webex asks for a new connection", async () => {
    await connectInBrowser(f, aiko, AIKO);
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(true);

    await f.accounts.disconnect(aiko);

    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(false);
    expect(await f.store.tokens.get("webex-user", aiko)).toBeUndefined();
    const access = await f.accounts.accessFor(aiko, "individual");
    const error = await getMe(access.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect((error as ReauthenticationRequiredError).reason).toBe("not-connected");
  });
});
