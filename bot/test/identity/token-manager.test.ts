import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyEntry, parseEncryptionKeys } from "../../src/identity/encryption-keys";
import {
  createTokenManager,
  ReauthenticationRequiredError,
  TokenRefreshError,
  type AcquireTokens,
  type RefreshTokens,
  type RevokeRemote,
  type TokenManagerOptions,
} from "../../src/identity/token-manager";
import { TokenAcquisitionError } from "../../src/identity/token-provider";
import { createTokenVault, type TokenSet, type TokenVault } from "../../src/identity/token-vault";
import { openStore } from "../../src/store/open-store";
import type { TokenOwner } from "../../src/store/records";
import type { Store } from "../../src/store/types";
import { TestClock } from "../store/harness";

const MINUTE = 60_000;
const alice: TokenOwner = { tenantId: "tenant-a", userId: "alice" };
const bob: TokenOwner = { tenantId: "tenant-a", userId: "bob" };
const tenantA: TokenOwner = { tenantId: "tenant-a" };

let dir: string;
let store: Store;
let vault: TokenVault;
let clock: TestClock;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "token-manager-"));
  clock = new TestClock();
  store = await openStore({ sqlitePath: join(dir, "store.sqlite"), now: clock.now });
  vault = createTokenVault({ keys: parseEncryptionKeys(generateKeyEntry("k1")), repo: store.tokens });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Tokens as an authorization would hand them out, expiring `lifetimeMs` from the test clock's now. */
/** `refreshToken: null` issues none. */
function issued(accessToken: string, lifetimeMs = 60 * MINUTE, refreshToken: string | null = "refresh-1"): TokenSet {
  return {
    accessToken,
    ...(refreshToken === null ? {} : { refreshToken, refreshTokenExpiresAt: clock.plus(90 * 24 * 60 * MINUTE).toISOString() }),
    expiresAt: clock.plus(lifetimeMs).toISOString(),
    scopes: ["Calendars.ReadWrite", "offline_access"],
  };
}

/** A fake of the gateway's refresh grant: each call hands out access-2, access-3, … */
function fakeRefresh(options: { refreshToken?: (n: number) => string | null } = {}) {
  let n = 1;
  return jest.fn<ReturnType<RefreshTokens>, Parameters<RefreshTokens>>(async () => {
    n += 1;
    const refreshToken = options.refreshToken?.(n) ?? null;
    return { ...issued(`access-${n}`, 60 * MINUTE, refreshToken), scopes: ["Calendars.ReadWrite"] };
  });
}

function managerWith(options: Partial<TokenManagerOptions>) {
  return createTokenManager({ vault, now: clock.now, ...options });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A refresh that signals when it has been entered and waits for the test to let it finish. */
function gatedRefresh() {
  const entered = deferred<void>();
  const gate = deferred<void>();
  const inner = fakeRefresh();
  const refresh = jest.fn<ReturnType<RefreshTokens>, Parameters<RefreshTokens>>(async (tokenSet, context) => {
    entered.resolve();
    await gate.promise;
    return inner(tokenSet, context);
  });
  return { refresh, entered: entered.promise, release: () => gate.resolve() };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
}

describe("token manager: renewal", () => {
  test("uses the stored access token while it is more than five minutes from expiry", async () => {
    const refresh = fakeRefresh();
    const manager = managerWith({ refresh: { "graph-user": refresh } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(54 * MINUTE);
    await expect(manager.getAccessToken(alice, "graph-user")).resolves.toBe("access-1");
    expect(refresh).not.toHaveBeenCalled();
  });

  test("refreshes five minutes before expiry and stores the new tokens", async () => {
    const refresh = fakeRefresh({ refreshToken: () => "refresh-2" });
    const manager = managerWith({ refresh: { "graph-user": refresh } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(55 * MINUTE);

    await expect(manager.getAccessToken(alice, "graph-user")).resolves.toBe("access-2");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh.mock.calls[0]![0]).toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1" });
    expect(refresh.mock.calls[0]![1]).toEqual({ owner: alice, kind: "graph-user" });
    await expect(vault.get(alice, "graph-user")).resolves.toMatchObject({ accessToken: "access-2", refreshToken: "refresh-2" });

    // The renewed token is used from then on.
    await expect(manager.getAccessToken(alice, "graph-user")).resolves.toBe("access-2");
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  test("refreshes a token that has already expired", async () => {
    const refresh = fakeRefresh();
    const manager = managerWith({ refresh: { "webex-user": refresh } });
    await manager.saveTokens(alice, "webex-user", issued("access-1"));
    clock.advance(3 * 60 * MINUTE);
    await expect(manager.getAccessToken(alice, "webex-user")).resolves.toBe("access-2");
  });

  test("honours a custom refresh margin", async () => {
    const refresh = fakeRefresh();
    const manager = managerWith({ refresh: { "graph-user": refresh }, refreshMarginMs: 20 * MINUTE });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(41 * MINUTE);
    await expect(manager.getAccessToken(alice, "graph-user")).resolves.toBe("access-2");
  });

  test("five concurrent callers share exactly one refresh", async () => {
    const { refresh, entered, release } = gatedRefresh();
    const manager = managerWith({ refresh: { "graph-user": refresh } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(58 * MINUTE);

    const callers = Array.from({ length: 5 }, () => manager.getAccessToken(alice, "graph-user"));
    await entered;
    release();
    await expect(Promise.all(callers)).resolves.toEqual(Array(5).fill("access-2"));
    expect(refresh).toHaveBeenCalledTimes(1);

    // The shared refresh is forgotten once settled: the next expiry refreshes again.
    clock.advance(58 * MINUTE);
    await expect(manager.getAccessToken(alice, "graph-user")).resolves.toBe("access-3");
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  test("different users refresh independently", async () => {
    const refresh = fakeRefresh();
    const manager = managerWith({ refresh: { "graph-user": refresh } });
    await manager.saveTokens(alice, "graph-user", issued("alice-1"));
    await manager.saveTokens(bob, "graph-user", issued("bob-1"));
    clock.advance(58 * MINUTE);
    await Promise.all([manager.getAccessToken(alice, "graph-user"), manager.getAccessToken(bob, "graph-user")]);
    expect(refresh.mock.calls.map(([, context]) => context.owner.userId).sort()).toEqual(["alice", "bob"]);
  });

  test("keeps the old refresh token when the provider returns none", async () => {
    const manager = managerWith({ refresh: { "webex-user": fakeRefresh({ refreshToken: () => null }) } });
    const original = issued("access-1");
    await manager.saveTokens(alice, "webex-user", original);
    clock.advance(58 * MINUTE);
    await manager.getAccessToken(alice, "webex-user");
    await expect(vault.get(alice, "webex-user")).resolves.toMatchObject({
      accessToken: "access-2",
      refreshToken: "refresh-1",
      refreshTokenExpiresAt: original.refreshTokenExpiresAt,
    });
  });

  test("stores the absolute expiry of the renewed token", async () => {
    const manager = managerWith({ refresh: { "graph-user": fakeRefresh() } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(58 * MINUTE);
    await manager.getAccessToken(alice, "graph-user");
    const row = await store.tokens.get("graph-user", alice);
    expect(row!.expiresAt).toEqual(clock.plus(60 * MINUTE));
  });
});

describe("token manager: failures", () => {
  test.each([
    ["a TokenAcquisitionError", new TokenAcquisitionError("AADSTS70008: the refresh token has expired", { error: "invalid_grant", errorCodes: [70008] })],
    ["an msal-node error", Object.assign(new Error("AADSTS50173: the grant was revoked"), { errorCode: "invalid_grant" })],
    ["a token-endpoint body", { error: "invalid_grant", error_description: "revoked" }],
  ])("a rejected refresh token (invalid_grant as %s) deletes the record and asks to reconnect", async (_how, failure) => {
    const manager = managerWith({ refresh: { "graph-user": jest.fn().mockRejectedValue(failure) } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(58 * MINUTE);

    const error = await rejection(manager.getAccessToken(alice, "graph-user"));
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect(error).toBeInstanceOf(TokenAcquisitionError);
    expect(error).toMatchObject({ reason: "grant-rejected", kind: "graph-user", owner: alice });
    expect((error as Error).cause).toBe(failure);
    await expect(vault.get(alice, "graph-user")).resolves.toBeUndefined();
  });

  test("keeps the AADSTS details of a rejected grant for the caller", async () => {
    const failure = new TokenAcquisitionError("consent", { error: "invalid_grant", errorCodes: [65001] });
    const manager = managerWith({ refresh: { "graph-user": jest.fn().mockRejectedValue(failure) } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(58 * MINUTE);
    const error = (await rejection(manager.getAccessToken(alice, "graph-user"))) as ReauthenticationRequiredError;
    expect(error.consentRequired).toBe(true);
  });

  test.each([
    ["a network failure", Object.assign(new Error("connect ECONNRESET"), { code: "ECONNRESET" })],
    ["a 503 from the token endpoint", new TokenAcquisitionError("Service unavailable", { error: "temporarily_unavailable" })],
  ])("%s keeps the record so that the next call can retry", async (_what, failure) => {
    const refresh = jest
      .fn<ReturnType<RefreshTokens>, Parameters<RefreshTokens>>()
      .mockRejectedValueOnce(failure)
      .mockResolvedValueOnce(issued("access-2"));
    const manager = managerWith({ refresh: { "webex-user": refresh } });
    await manager.saveTokens(alice, "webex-user", issued("access-1"));
    clock.advance(58 * MINUTE);

    const error = await rejection(manager.getAccessToken(alice, "webex-user"));
    expect(error).toBeInstanceOf(TokenRefreshError);
    expect((error as Error).cause).toBe(failure);
    await expect(vault.get(alice, "webex-user")).resolves.toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1" });

    await expect(manager.getAccessToken(alice, "webex-user")).resolves.toBe("access-2");
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  test("every concurrent caller sees the failure of the shared refresh", async () => {
    const refresh = jest.fn().mockRejectedValue(new Error("socket hang up"));
    const manager = managerWith({ refresh: { "graph-user": refresh } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(58 * MINUTE);
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => manager.getAccessToken(alice, "graph-user")));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  test("asks to connect when nothing is stored", async () => {
    const manager = managerWith({ refresh: { "webex-user": fakeRefresh() } });
    const error = await rejection(manager.getAccessToken(bob, "webex-user"));
    expect(error).toBeInstanceOf(ReauthenticationRequiredError);
    expect(error).toMatchObject({ reason: "not-connected" });
  });

  test("an expired token without a refresh token is forgotten and the user asked to reconnect", async () => {
    const manager = managerWith({ refresh: { "graph-user": fakeRefresh() } });
    await manager.saveTokens(alice, "graph-user", issued("access-1", 60 * MINUTE, null));
    clock.advance(57 * MINUTE);
    // Inside the margin but still valid: used while it lasts.
    await expect(manager.getAccessToken(alice, "graph-user")).resolves.toBe("access-1");
    clock.advance(4 * MINUTE);
    await expect(rejection(manager.getAccessToken(alice, "graph-user"))).resolves.toMatchObject({ reason: "expired" });
    await expect(vault.get(alice, "graph-user")).resolves.toBeUndefined();
  });
});

describe("token manager: app-only tokens", () => {
  test("acquires a tenant's app token once for concurrent callers and reuses it until it nears expiry", async () => {
    let n = 0;
    const acquire = jest.fn<ReturnType<AcquireTokens>, Parameters<AcquireTokens>>(async () => {
      n += 1;
      return { accessToken: `app-${n}`, expiresAt: clock.plus(60 * MINUTE).toISOString(), scopes: ["https://graph.microsoft.com/.default"] };
    });
    const manager = managerWith({ acquire: { "graph-app": acquire } });

    const tokens = await Promise.all(Array.from({ length: 5 }, () => manager.getAccessToken(tenantA, "graph-app")));
    expect(tokens).toEqual(Array(5).fill("app-1"));
    expect(acquire).toHaveBeenCalledTimes(1);
    expect(acquire).toHaveBeenCalledWith({ owner: tenantA, kind: "graph-app" });

    clock.advance(56 * MINUTE);
    await expect(manager.getAccessToken(tenantA, "graph-app")).resolves.toBe("app-2");
  });

  test("hands out tokens through the AccessTokenProvider interface", async () => {
    const manager = managerWith({});
    await manager.saveTokens(alice, "webex-user", issued("access-1"));
    await expect(manager.providerFor(alice, "webex-user").getAccessToken()).resolves.toBe("access-1");
  });
});

describe("token manager: revoke", () => {
  test("forgets one kind of an owner's tokens and tells the provider", async () => {
    const revokeRemote = jest.fn<ReturnType<RevokeRemote>, Parameters<RevokeRemote>>().mockResolvedValue();
    const manager = managerWith({ revokeRemote });
    await manager.saveTokens(alice, "graph-user", issued("graph-1"));
    await manager.saveTokens(alice, "webex-user", issued("webex-1"));

    await expect(manager.revoke(alice, "webex-user")).resolves.toEqual({ removed: 1, remoteFailed: [] });
    await expect(vault.get(alice, "webex-user")).resolves.toBeUndefined();
    await expect(vault.get(alice, "graph-user")).resolves.toMatchObject({ accessToken: "graph-1" });
    expect(revokeRemote).toHaveBeenCalledTimes(1);
    expect(revokeRemote.mock.calls[0]![0]).toMatchObject({ accessToken: "webex-1" });
    expect(revokeRemote.mock.calls[0]![1]).toEqual({ owner: alice, kind: "webex-user" });
  });

  test("signing out forgets every kind of the user's tokens but nobody else's", async () => {
    const manager = managerWith({});
    await manager.saveTokens(alice, "graph-user", issued("graph-1"));
    await manager.saveTokens(alice, "webex-user", issued("webex-1"));
    await manager.saveTokens(bob, "webex-user", issued("bob-1"));
    await manager.saveTokens(tenantA, "graph-app", issued("app-1", 60 * MINUTE, null));

    await expect(manager.revoke(alice)).resolves.toEqual({ removed: 2, remoteFailed: [] });
    await expect(rejection(manager.getAccessToken(alice, "webex-user"))).resolves.toBeInstanceOf(ReauthenticationRequiredError);
    await expect(manager.getAccessToken(bob, "webex-user")).resolves.toBe("bob-1");
    await expect(manager.getAccessToken(tenantA, "graph-app")).resolves.toBe("app-1");
  });

  test("forgets tokens locally even when the provider's revocation fails", async () => {
    const warn = jest.fn();
    const manager = managerWith({ revokeRemote: jest.fn().mockRejectedValue(new Error("503")), logger: { warn } });
    await manager.saveTokens(alice, "webex-user", issued("webex-1"));
    await expect(manager.revoke(alice)).resolves.toEqual({ removed: 1, remoteFailed: ["webex-user"] });
    await expect(vault.get(alice, "webex-user")).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).not.toContain("webex-1");
  });

  test("a refresh still in flight when the user signs out does not bring the tokens back", async () => {
    const { refresh, entered, release } = gatedRefresh();
    const manager = managerWith({ refresh: { "graph-user": refresh } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(58 * MINUTE);

    const pending = manager.getAccessToken(alice, "graph-user");
    await entered;
    await manager.revoke(alice);
    release();
    await expect(rejection(pending)).resolves.toMatchObject({ reason: "revoked" });
    await expect(vault.get(alice, "graph-user")).resolves.toBeUndefined();
  });

  test("tokens saved from a new authorization win over a refresh that was in flight", async () => {
    const { refresh, entered, release } = gatedRefresh();
    const manager = managerWith({ refresh: { "graph-user": refresh } });
    await manager.saveTokens(alice, "graph-user", issued("access-1"));
    clock.advance(58 * MINUTE);

    const pending = manager.getAccessToken(alice, "graph-user");
    await entered;
    await manager.saveTokens(alice, "graph-user", issued("reconnected", 60 * MINUTE, "refresh-new"));
    release();
    await expect(pending).resolves.toBe("reconnected");
    await expect(vault.get(alice, "graph-user")).resolves.toMatchObject({ accessToken: "reconnected", refreshToken: "refresh-new" });
  });
});
