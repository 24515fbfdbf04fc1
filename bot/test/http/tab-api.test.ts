/**
 * The tab API, against the sandbox identity emulator's real JWKS over HTTPS: a Teams SSO token
 * is verified (signature, issuer, audience, expiry, tenant, scope) before the accounts service
 * is reached, every bad token is a 401 in our JSON error shape, and a good one gets the user's
 * account status from the real accounts module (SQLite store, Graph and Webex emulators).
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from "jose";
import type { Server } from "restify";
import { startSandbox, type RunningSandbox } from "../../../sandbox";
import { createSigningKeys, type SigningKeys } from "../../../sandbox/common/tokens";
import { createIdentityEmulator, sandboxAppRegistrations, loadSandboxCredentials, SANDBOX_APP_ID, type IdentityEmulator } from "../../../sandbox/identity";
import type { RunningServer } from "../../../sandbox/common/http";
import { ensureSandboxTls } from "../../../sandbox/common/tls";
import { TENANT_ID, createTenant, userByLocal } from "../../../sandbox/tenant";
import { createAccountsModule } from "../../src/accounts/compose";
import { parseConfig } from "../../src/config";
import { tabApiRoutes, type TabMeResponse } from "../../src/http/routes/tab-api";
import { createHttpServer } from "../../src/http/server";
import { TabAuthError, createTabTokenVerifier, type TabAuthFailure, type TabTokenVerifier } from "../../src/http/tab-auth";
import { generateKeyEntry } from "../../src/identity/encryption-keys";
import { createLogger } from "../../src/logger";
import { openStore } from "../../src/store/open-store";
import type { Store } from "../../src/store/types";
import { SchedulerAdapter } from "../../src/teams/adapter";

const APP_ID_URI = `api://localhost/${SANDBOX_APP_ID}`;
const SSO_SCOPE = `${APP_ID_URI}/access_as_user`;
/** The Teams web client's app id: Teams asks for the SSO token on the tab's behalf. */
const TEAMS_WEB_CLIENT = "5e3ce6c0-2b1f-4285-8d4b-75ee78787346";
const OTHER_TENANT = "0f0f0f0f-1111-4222-8333-444455556666";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

const aiko = () => userByLocal(sandbox.tenant, "aiko.tanaka");

function ssoToken(args: { user?: string; scope?: string; lifetimeSeconds?: number } = {}): Promise<string> {
  return sandbox.identity.issueUserToken({
    user: args.user ?? aiko().userPrincipalName,
    clientId: TEAMS_WEB_CLIENT,
    scope: args.scope ?? SSO_SCOPE,
    ...(args.lifetimeSeconds !== undefined ? { lifetimeSeconds: args.lifetimeSeconds } : {}),
  });
}

function verifierFor(options: { now?: () => Date; allowedTenants?: (tid: string) => boolean } = {}): TabTokenVerifier {
  return createTabTokenVerifier({
    authorityHost: sandbox.urls.identity,
    audience: [APP_ID_URI, SANDBOX_APP_ID],
    allowedTenants: options.allowedTenants ?? ((tid) => tid === TENANT_ID),
    ...(options.now ? { now: options.now } : {}),
  });
}

async function failure(verifier: TabTokenVerifier, token: string | undefined): Promise<TabAuthFailure> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (error instanceof TabAuthError) {
      // Whatever went wrong, the message never repeats the token.
      if (token) expect(error.message).not.toContain(token);
      return error.reason;
    }
    throw error;
  }
  throw new Error("the token was accepted");
}

/** A token with the same header and claims as `genuine`, re-signed with a key of our own. */
async function lookAlike(genuine: string, changes: { claims?: Record<string, unknown>; kid?: string } = {}): Promise<string> {
  const { privateKey } = await generateKeyPair("RS256");
  const header = decodeProtectedHeader(genuine);
  return new SignJWT({ ...decodeJwt(genuine), ...changes.claims })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: changes.kid ?? header.kid! })
    .sign(privateKey);
}

describe("the tab token verifier", () => {
  test("accepts a Teams SSO token for our API and says who it is for", async () => {
    const identity = await verifierFor().verify(await ssoToken());
    expect(identity).toEqual({ tenantId: TENANT_ID, userId: aiko().id, upn: aiko().userPrincipalName, name: aiko().displayName });
  });

  test("refuses no token, and something that is not a JWT", async () => {
    const verifier = verifierFor();
    expect(await failure(verifier, undefined)).toBe("missing");
    expect(await failure(verifier, "")).toBe("missing");
    expect(await failure(verifier, "not-a-token")).toBe("malformed");
    expect(await failure(verifier, "a.b.c")).toBe("malformed");
  });

  test("refuses a token whose signature was tampered with", async () => {
    const [h, p, s] = (await ssoToken()).split(".");
    const flipped = `${s!.slice(0, 10)}${s![10] === "A" ? "B" : "A"}${s!.slice(11)}`;
    expect(await failure(verifierFor(), `${h}.${p}.${flipped}`)).toBe("signature");
  });

  test("refuses a token whose claims were edited after signing (another user)", async () => {
    const [h, p, s] = (await ssoToken()).split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString("utf8")) as Record<string, unknown>;
    const edited = Buffer.from(JSON.stringify({ ...claims, oid: userByLocal(sandbox.tenant, "sven.karlsson").id })).toString("base64url");
    expect(await failure(verifierFor(), `${h}.${edited}.${s}`)).toBe("signature");
  });

  test("refuses a look-alike token signed with another key, under the issuer's key id or its own", async () => {
    const genuine = await ssoToken();
    expect(await failure(verifierFor(), await lookAlike(genuine))).toBe("signature");
    expect(await failure(verifierFor(), await lookAlike(genuine, { kid: "attacker-key-1" }))).toBe("signature");
  });

  test("refuses unsigned and HMAC-signed tokens (only RS256 is accepted)", async () => {
    const genuine = await ssoToken();
    const [, p] = genuine.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
    expect(await failure(verifierFor(), none)).toBe("signature");
    const hmac = await new SignJWT(decodeJwt(genuine)).setProtectedHeader({ alg: "HS256", kid: decodeProtectedHeader(genuine).kid! }).sign(new TextEncoder().encode("a-shared-secret-of-32-bytes-long!"));
    expect(await failure(verifierFor(), hmac)).toBe("signature");
  });

  test("refuses an expired token", async () => {
    expect(await failure(verifierFor(), await ssoToken({ lifetimeSeconds: -600 }))).toBe("expired");
  });

  test("allows up to five minutes of clock skew past expiry, and no more", async () => {
    const token = await ssoToken({ lifetimeSeconds: 600 });
    const exp = decodeJwt(token).exp! * 1000;
    await expect(verifierFor({ now: () => new Date(exp + 4 * 60_000) }).verify(token)).resolves.toMatchObject({ userId: aiko().id });
    expect(await failure(verifierFor({ now: () => new Date(exp + 6 * 60_000) }), token)).toBe("expired");
  });

  test("refuses a token for another audience (Microsoft Graph)", async () => {
    const graphToken = await ssoToken({ scope: "https://graph.microsoft.com/User.Read" });
    expect(decodeJwt(graphToken).aud).toBe("https://graph.microsoft.com");
    expect(await failure(verifierFor(), graphToken)).toBe("audience");
  });

  test("refuses a token from a tenant that may not use the app", async () => {
    const onlyOthers = verifierFor({ allowedTenants: (tid) => tid === OTHER_TENANT });
    expect(await failure(onlyOthers, await ssoToken())).toBe("tenant");
  });

  test("refuses a token naming a tenant the identity provider does not know", async () => {
    // Re-signed (the tid is covered by the signature); the provider has no keys for that tenant.
    const forged = await lookAlike(await ssoToken(), { claims: { tid: OTHER_TENANT, iss: `${sandbox.urls.identity}/${OTHER_TENANT}/v2.0` } });
    const anyTenant = createTabTokenVerifier({ authorityHost: sandbox.urls.identity, audience: [APP_ID_URI, SANDBOX_APP_ID] });
    expect(await failure(anyTenant, forged)).toBe("tenant");
  });

  test("refuses a tid that is not a tenant id before using it anywhere", async () => {
    const forged = await lookAlike(await ssoToken(), { claims: { tid: "../../evil.example/x" } });
    expect(await failure(verifierFor({ allowedTenants: () => true }), forged)).toBe("malformed");
  });

  test("says the identity provider is unavailable (not that the token is bad) when its keys cannot be fetched", async () => {
    const unreachable = createTabTokenVerifier({ authorityHost: "https://127.0.0.1:9", audience: [SANDBOX_APP_ID] });
    expect(await failure(unreachable, await ssoToken())).toBe("unavailable");
  });
});

/**
 * Claims only the issuer can sign: an identity emulator whose signing key this test holds,
 * so tokens with a wrong issuer or scope carry a genuine signature.
 */
describe("the tab token verifier, with tokens signed by the issuer's own key", () => {
  let keys: SigningKeys;
  let identity: IdentityEmulator;
  let server: RunningServer;

  beforeAll(async () => {
    keys = createSigningKeys();
    identity = createIdentityEmulator({ tenant: createTenant(), keys, apps: sandboxAppRegistrations(loadSandboxCredentials()) });
    server = await identity.start({ tls: ensureSandboxTls() });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function signed(claims: Record<string, unknown>): Promise<string> {
    const genuine = decodeJwt(await identity.issueUserToken({ user: "aiko.tanaka@contoso.com", clientId: TEAMS_WEB_CLIENT, scope: SSO_SCOPE }));
    return new SignJWT({ ...genuine, ...claims }).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: keys.kid }).sign(keys.privateKey);
  }
  const verifier = () => createTabTokenVerifier({ authorityHost: server.url, audience: [APP_ID_URI, SANDBOX_APP_ID], allowedTenants: (tid) => tid === TENANT_ID });

  test("a genuinely signed token passes (the control for the cases below)", async () => {
    await expect(verifier().verify(await signed({}))).resolves.toMatchObject({ tenantId: TENANT_ID });
  });

  test("accepts the Application ID URI as audience as well as the client id", async () => {
    await expect(verifier().verify(await signed({ aud: APP_ID_URI }))).resolves.toMatchObject({ tenantId: TENANT_ID });
    expect(await failure(verifier(), await signed({ aud: "api://localhost/another-app" }))).toBe("audience");
  });

  test("refuses a token from another issuer", async () => {
    expect(await failure(verifier(), await signed({ iss: `https://login.example.invalid/${TENANT_ID}/v2.0` }))).toBe("issuer");
  });

  test("refuses a token without the access_as_user scope, and an app-only token", async () => {
    expect(await failure(verifier(), await signed({ scp: "User.Read" }))).toBe("scope");
    expect(await failure(verifier(), await signed({ scp: undefined, roles: ["User.Read.All"], idtyp: "app" }))).toBe("scope");
  });

  test("refuses a token that is not valid yet", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await failure(verifier(), await signed({ nbf: now + 3600, exp: now + 7200 }))).toBe("expired");
  });
});

/**
 * The routes on the real restify server, with the real accounts module (SQLite store, token
 * vault, Microsoft and Webex sides against the sandbox) — what the composition root wires.
 */
describe("GET /api/tab/me and POST /api/tab/disconnect", () => {
  let world: TabWorld;

  beforeAll(async () => {
    world = await startTabWorld(sandbox);
  });
  afterAll(async () => {
    await world?.close();
  });

  function me(token?: string): Promise<Response> {
    return fetch(`${world.url}/api/tab/me`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  }
  function disconnect(token: string): Promise<Response> {
    return fetch(`${world.url}/api/tab/disconnect`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  }

  async function expectUnauthorized(res: Response, challenge: RegExp): Promise<void> {
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(challenge);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: { code: "Unauthorized", message: expect.stringContaining("Sign in again") } });
  }

  test("a valid Teams SSO token: 200 with the user's Microsoft identity, mode, steps and Webex match", async () => {
    const res = await me(await ssoToken());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as TabMeResponse;
    expect(body.user).toEqual({ tenantId: TENANT_ID, userId: aiko().id, displayName: "Aiko Tanaka", userPrincipalName: aiko().userPrincipalName });
    // The demo tenant's admin consented and Webex has a service token: nothing left to do.
    expect(body).toMatchObject({
      mode: "tenant",
      ready: true,
      steps: [],
      match: { kind: "matched", webexEmail: "aiko.tanaka@contoso.com", address: "aiko.tanaka@contoso.com", source: "mail" },
      webex: { via: "service-token", email: "aiko.tanaka@contoso.com" },
    });
  });

  test("each token is answered for its own user", async () => {
    const res = await me(await ssoToken({ user: "lars.berg@contoso.se" }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as TabMeResponse).user).toMatchObject({ userId: userByLocal(sandbox.tenant, "lars.berg").id, displayName: "Lars Berg" });
  });

  test("no token: 401 with a bearer challenge", async () => {
    await expectUnauthorized(await me(), /^Bearer realm="webex-scheduler"$/);
  });

  test("a token under another scheme counts as no token", async () => {
    const res = await fetch(`${world.url}/api/tab/me`, { headers: { authorization: `Basic ${Buffer.from("aiko:pw").toString("base64")}` } });
    await expectUnauthorized(res, /^Bearer realm=/);
  });

  test("a forged token: 401 invalid_token", async () => {
    await expectUnauthorized(await me(await lookAlike(await ssoToken())), /error="invalid_token"/);
  });

  test("an expired token: 401 invalid_token", async () => {
    await expectUnauthorized(await me(await ssoToken({ lifetimeSeconds: -600 })), /error="invalid_token"/);
  });

  test("a token for Microsoft Graph instead of our API: 401 invalid_token", async () => {
    await expectUnauthorized(await me(await ssoToken({ scope: "https://graph.microsoft.com/User.Read" })), /error="invalid_token"/);
  });

  test("a token from a tenant that may not use the app: 401 invalid_token", async () => {
    const forged = await lookAlike(await ssoToken(), { claims: { tid: OTHER_TENANT, iss: `${sandbox.urls.identity}/${OTHER_TENANT}/v2.0` } });
    await expectUnauthorized(await me(forged), /error="invalid_token"/);
  });

  test("disconnect with a forged token is refused and removes nothing; with the real token it removes the account link", async () => {
    // After /me the store holds Aiko's account link (the match is remembered).
    expect((await me(await ssoToken())).status).toBe(200);
    expect(await world.store.accounts.get(TENANT_ID, aiko().id)).toBeDefined();

    await expectUnauthorized(await disconnect(await lookAlike(await ssoToken())), /error="invalid_token"/);
    expect(await world.store.accounts.get(TENANT_ID, aiko().id)).toBeDefined();

    const res = await disconnect(await ssoToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ removedLink: true, removedTokens: expect.any(Number), removedSubscriptions: expect.any(Number) });
    expect(await world.store.accounts.get(TENANT_ID, aiko().id)).toBeUndefined();
  });

  test("GET on the disconnect route is not a way to disconnect", async () => {
    const res = await fetch(`${world.url}/api/tab/disconnect`, { headers: { authorization: `Bearer ${await ssoToken()}` } });
    expect(res.status).toBe(405);
  });
});

describe("GET /api/tab/me in individual mode (no admin consent, no Webex service token)", () => {
  let individual: RunningSandbox;
  let world: TabWorld;

  beforeAll(async () => {
    individual = await startSandbox({ adminConsent: false, webexServiceToken: false });
    world = await startTabWorld(individual);
  });
  afterAll(async () => {
    await world?.close();
    await individual?.close();
  });

  test("lists the steps still to take, each with a link on this service", async () => {
    const token = await individual.identity.issueUserToken({ user: "aiko.tanaka@contoso.com", clientId: TEAMS_WEB_CLIENT, scope: SSO_SCOPE });
    const res = await fetch(`${world.url}/api/tab/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TabMeResponse;
    expect(body).toMatchObject({ mode: "individual", ready: false, user: { tenantId: TENANT_ID, userId: aiko().id, displayName: "Aiko Tanaka" } });
    expect(body.steps.map((s) => s.kind)).toEqual(["microsoft-sign-in", "webex-connect"]);
    for (const step of body.steps) expect(step.url.startsWith(`${world.url}/api/auth/`)).toBe(true);
  });
});

interface TabWorld {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** The real restify server with the accounts module's routes and the tab API, on loopback. */
async function startTabWorld(running: RunningSandbox): Promise<TabWorld> {
  const dir = mkdtempSync(join(tmpdir(), "tab-api-"));
  const config = parseConfig({
    ...running.botEnv,
    LOG_LEVEL: "silent",
    SQLITE_PATH: join(dir, "store.sqlite"),
    TOKEN_ENCRYPTION_KEY: generateKeyEntry("k1"),
  });
  const logger = createLogger("silent");
  const store = await openStore({ sqlitePath: config.storage.kind === "sqlite" ? config.storage.sqlitePath : join(dir, "store.sqlite") });
  // Routes are registered once the port (the module's public URL) is known.
  const server: Server = createHttpServer({
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    tabDir: dir,
    adapter: new SchedulerAdapter(config.bot, logger),
    botLogic: async () => undefined,
    health: () => ({ status: "ok", version: "test", mode: config.mode, storage: store.kind }),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  const accounts = createAccountsModule({ config, store, logger, publicBaseUrl: url });
  if (!accounts) throw new Error("the sandbox environment configures no Entra app");
  for (const register of accounts.routes) register(server);
  const verifier = createTabTokenVerifier({
    authorityHost: config.microsoft.authorityHost,
    audience: [config.microsoft.appIdUri!, config.microsoft.clientId!],
    allowedTenants: (tid) => tid === TENANT_ID,
  });
  tabApiRoutes({ verifier, accounts: accounts.service, logger })(server);
  return {
    url,
    store,
    async close() {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
