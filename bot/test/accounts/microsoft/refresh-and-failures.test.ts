/**
 * What happens after sign-in: the token manager renews an expired delegated token through the
 * Microsoft refresh hook (rotated refresh token stored), a dead refresh token turns into "sign in
 * again", and Graph's real 403 in tenant mode without consent becomes a clear message with the
 * admin consent link.
 */
import { startSandbox, type RunningSandbox } from "../../../../sandbox";
import { TENANT_ID, userByLocal } from "../../../../sandbox/tenant";
import { describeMicrosoftFailure } from "../../../src/accounts/microsoft";
import type { UserRef } from "../../../src/accounts/types";
import { getUser } from "../../../src/graph/directory";
import { ReauthenticationRequiredError, TokenRefreshError } from "../../../src/identity/token-manager";
import { TokenAcquisitionError } from "../../../src/identity/token-provider";
import { signInInBrowser, startWorld, type World } from "./harness";

let sandbox: RunningSandbox;
let world: World;
let lars: UserRef;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  sandbox = await startSandbox({ adminConsent: false });
});
afterAll(() => sandbox?.close());
beforeEach(async () => {
  sandbox.reset();
  world = await startWorld(sandbox);
  lars = { tenantId: TENANT_ID, userId: userByLocal(sandbox.tenant, "lars.berg").id };
});
afterEach(() => world.close());

async function signInLars(): Promise<void> {
  const trail = await signInInBrowser(sandbox, await world.accounts.signInUrl(lars), lars.userId);
  expect(trail.final.status).toBe(200);
}

describe("refresh after expiry", () => {
  it("renews the expired access token with the refresh token, stores the rotated one, and Graph keeps working", async () => {
    await signInLars();
    const before = await world.vault.get(lars, "graph-user");
    world.clock.advance(2 * HOUR);

    const access = await world.accounts.graphFor(lars);
    expect((await getUser(access.client, access.self)).mail).toBe("lars.berg@contoso.se");

    const after = await world.vault.get(lars, "graph-user");
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).toBeTruthy();
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(Date.parse(after!.expiresAt)).toBeGreaterThan(world.clock.now().getTime());
  });

  it("uses the stored token while it is fresh, without a refresh", async () => {
    await signInLars();
    const before = await world.vault.get(lars, "graph-user");
    world.clock.advance(30 * 60 * 1000);
    await world.accounts.graphFor(lars);
    expect(await world.vault.get(lars, "graph-user")).toEqual(before);
  });

  it("asks the user to sign in again when Entra rejects the refresh token (sessions revoked)", async () => {
    await signInLars();
    sandbox.identity.revokeRefreshTokens(lars.userId);
    world.clock.advance(2 * HOUR);
    const error = await world.accounts.graphFor(lars).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect(describeMicrosoftFailure(error, { mode: "individual" })).toEqual({ kind: "sign-in-required" });
    expect(await world.accounts.isSignedIn(lars)).toBe(false);
  });

  it("keeps the sign-in when Entra cannot be reached during a refresh (a transient failure)", async () => {
    await signInLars();
    const offline = await startWorld(sandbox, { AUTHORITY_HOST: "https://localhost:1" });
    try {
      // The same stored tokens, read by an instance whose Entra is unreachable.
      await offline.store.tenants.upsert({ tenantId: TENANT_ID, mode: "individual", adminConsentGrantedAt: null });
      const stored = (await world.vault.get(lars, "graph-user"))!;
      await offline.tokens.saveTokens(lars, "graph-user", { ...stored, expiresAt: offline.clock.now().toISOString() });
      const error = await offline.accounts.graphFor(lars).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenRefreshError);
      expect(describeMicrosoftFailure(error, { mode: "individual" })).toEqual({ kind: "unavailable" });
      expect(await offline.accounts.isSignedIn(lars)).toBe(true);
    } finally {
      await offline.close();
    }
  });
});

describe("consent missing", () => {
  it("maps Graph's 403 in tenant mode without admin consent to 'ask your admin', with the consent link", async () => {
    sandbox.identity.grantAdminConsent(sandbox.credentials.app.clientId);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    // The admin withdraws consent; another instance (fresh msal cache) still has "tenant" on record.
    sandbox.identity.revokeAdminConsent(sandbox.credentials.app.clientId);
    const other = world.anotherInstance();
    const access = await other.graphFor(lars);
    expect(access).toMatchObject({ mode: "tenant", self: { userId: lars.userId } });

    const error = await getUser(access.client, access.self).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 403, code: "Authorization_RequestDenied" });
    const failure = other.describeFailure(error, TENANT_ID, access.mode);
    expect(failure).toEqual({ kind: "admin-consent-missing", adminConsentUrl: other.adminConsentUrl(TENANT_ID) });
    expect(failure.adminConsentUrl).toMatch(new RegExp(`^${sandbox.urls.identity}/${TENANT_ID}/adminconsent\\?client_id=`));

    // On that 403 the caller invalidates the mode; the tenant falls back to individual mode.
    await other.invalidateMode(TENANT_ID);
    expect(await other.modeFor(TENANT_ID)).toBe("individual");
  });

  it("reads tenant-mode Graph with the app token once consent is in place", async () => {
    sandbox.identity.grantAdminConsent(sandbox.credentials.app.clientId);
    const access = await world.accounts.graphFor(lars);
    expect(access).toMatchObject({ mode: "tenant", self: { userId: lars.userId } });
    expect((await getUser(access.client, access.self)).displayName).toBe("Lars Berg");
  });

  it("maps AADSTS65001 on a delegated refresh to user consent, and on an app token to admin consent", () => {
    const consent = new TokenAcquisitionError("AADSTS65001: consent required", { error: "invalid_grant", errorCodes: [65001] });
    const reauth = new ReauthenticationRequiredError(lars, "graph-user", "grant-rejected", { cause: consent });
    expect(describeMicrosoftFailure(reauth)).toEqual({ kind: "user-consent-missing" });
    expect(describeMicrosoftFailure(consent, { mode: "tenant", adminConsentUrl: "https://consent" })).toEqual({ kind: "admin-consent-missing", adminConsentUrl: "https://consent" });
    expect(describeMicrosoftFailure(new TokenAcquisitionError("no service principal", { errorCodes: [7000229] }))).toEqual({ kind: "admin-consent-missing" });
    expect(describeMicrosoftFailure(new Error("socket hang up"))).toEqual({ kind: "unavailable" });
  });
});
