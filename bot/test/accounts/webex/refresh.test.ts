/**
 * Renewal of a connected user's Webex tokens by the one token manager with the Webex refresh hook,
 * against the emulator's real /v1/access_token. Time moves on the manager's clock only.
 */
import type { RunningSandbox } from "../../../../sandbox";
import { webexTokenHooks } from "../../../src/accounts/webex";
import { createTokenManager, ReauthenticationRequiredError, TokenRefreshError } from "../../../src/identity/token-manager";
import { getMe } from "../../../src/webex/people";
import { AIKO, aiko, connectInBrowser, revokeAtWebex, startFixture, startSandbox, type Fixture } from "./harness";

const DAY = 24 * 3600 * 1000;

let sandbox: RunningSandbox;
let f: Fixture;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  f = await startFixture(sandbox);
  await connectInBrowser(f, aiko, AIKO);
});
afterEach(() => f.close());

describe("renewing Webex tokens", () => {
  it("keeps working after the access token expires, by redeeming the refresh token", async () => {
    const before = (await f.vault.get(aiko, "webex-user"))!;
    f.clock.advance(15 * DAY); // Webex access tokens last 14 days
    // Webex would no longer take the old token: only a renewed one can answer below.
    await revokeAtWebex(sandbox, before.accessToken);

    const access = await f.accounts.accessFor(aiko, "individual");
    expect((await getMe(access.client)).emails).toEqual([AIKO]);

    const after = (await f.vault.get(aiko, "webex-user"))!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(f.clock.now().getTime() + 13 * DAY);
    expect(after.scopes).toEqual(["spark:people_read", "meeting:schedules_read", "meeting:schedules_write"]);
    expect(JSON.stringify(f.logs)).not.toContain(after.accessToken);
  });

  it("asks the user to connect again once Webex has revoked the refresh token, and forgets it", async () => {
    const before = (await f.vault.get(aiko, "webex-user"))!;
    await revokeAtWebex(sandbox, before.refreshToken!);
    f.clock.advance(15 * DAY);

    const access = await f.accounts.accessFor(aiko, "individual");
    const error = await getMe(access.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect((error as ReauthenticationRequiredError).reason).toBe("grant-rejected");
    expect(await f.store.tokens.get("webex-user", aiko)).toBeUndefined();
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(false);
  });

  it("keeps the tokens through a Webex outage at the token endpoint, and renews once it is back", async () => {
    const fault = await fetch(`${sandbox.urls.webex}/_sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "POST", path: "/v1/access_token", status: 503, count: 1 }),
    });
    expect(fault.ok).toBe(true);
    f.clock.advance(15 * DAY);

    const access = await f.accounts.accessFor(aiko, "individual");
    expect(await getMe(access.client).catch((e: unknown) => e)).toBeInstanceOf(TokenRefreshError);
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(true);
    expect((await getMe(access.client)).emails).toEqual([AIKO]);
  });

  it("does not forget users' tokens when Webex refuses the app's own client secret", async () => {
    const misconfigured = { webex: { ...f.config.webex, clientSecret: "rotated-wrong" } };
    const manager = createTokenManager({ vault: f.vault, now: f.clock.now, refresh: webexTokenHooks({ config: misconfigured, now: f.clock.now }).refresh });
    f.clock.advance(15 * DAY);

    expect(await manager.getAccessToken(aiko, "webex-user").catch((e: unknown) => e)).toBeInstanceOf(TokenRefreshError);
    expect(await f.store.tokens.get("webex-user", aiko)).toBeDefined();
    const access = await f.accounts.accessFor(aiko, "individual");
    expect((await getMe(access.client)).emails).toEqual([AIKO]);
  });
});
