import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, Router, sendJson, type RunningServer } from "../common/http";
import { RequestCounter } from "../common/request-counter";
import type { SandboxTls } from "../common/tls";
import { createSigningKeys, type SigningKeys, type TokenCheck } from "../common/tokens";
import type { Tenant, TenantUser } from "../tenant";
import { adminConsentRoutes } from "./admin-consent";
import { AppRegistry, AppRegistrationError, type AppRegistration, type RegisteredApp } from "./apps";
import { authorizeRoutes } from "./authorize-page";
import {
  BOTFRAMEWORK_AUDIENCE,
  CHANNEL_TOKEN_ISSUER,
  channelJwks,
  channelOpenIdConfiguration,
  issueChannelToken,
  openIdMetadataPath,
  verifyBotToken,
  type ChannelTokenRequest,
} from "./botframework";
import { findUser, issuerFor, type IdentityContext, type IdentitySettings } from "./context";
import { controlRoutes } from "./control";
import { metadataRoutes, msalAuthorityOptions } from "./metadata";
import { canonicalApplication, canonicalDelegated } from "./permissions";
import { GRAPH, parseScope } from "./scopes";
import { IdentityState } from "./state";
import { tokenEndpoint } from "./token-endpoint";
import { mintAppToken, mintUserToken } from "./token-issuer";

/**
 * A wire-level emulator of Microsoft Entra ID v2 (plus the Bot Framework's token pieces), as a
 * real HTTPS server on loopback. See README.md in this folder for routes and behaviour choices.
 */

export interface IdentityEmulatorOptions {
  tenant: Tenant;
  /** Signs every Entra token; the Graph emulator verifies with the same keys. */
  keys: SigningKeys;
  /** Defaults to a fresh key pair: the Bot Framework channel key (published with endorsements). */
  channelKeys?: SigningKeys;
  clock?: () => Date;
  /** Registrations present after start and after every reset(). */
  apps?: AppRegistration[];
  /** Known up front (e.g. the lead listens itself); otherwise set by start() or setBaseUrl(). */
  baseUrl?: string;
  settings?: Partial<IdentitySettings>;
}

export interface IdentityEmulator {
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
  readonly baseUrl: string;
  setBaseUrl(url: string): void;
  start(options?: { tls?: SandboxTls; port?: number }): Promise<RunningServer>;
  /** Forgets consents, codes, refresh tokens and runtime-registered apps. */
  reset(): void;
  readonly apps: AppRegistry;
  readonly state: IdentityState;
  readonly settings: IdentitySettings;
  registerApp(reg: AppRegistration): RegisteredApp;
  /** Admin consent; defaults to everything the app requests. Returns what is now granted. */
  grantAdminConsent(clientId: string, roles?: string[], scopes?: string[]): { clientId: string; roles: string[]; scopes: string[] };
  revokeAdminConsent(clientId: string): void;
  /** `user`: object id, UPN or e-mail. Scope names are canonicalised (unknown ones throw). */
  grantUserConsent(user: string, clientId: string, scopes: string[]): void;
  revokeUserConsent(user: string, clientId: string): void;
  /** Like Graph's revokeSignInSessions: every refresh token of the user stops working. */
  revokeRefreshTokens(user: string): number;
  findUser(idOrUpn: string): TenantUser | undefined;
  /** `https://…/{tenantId}/v2.0` — the `iss` of every Entra token for that tenant. */
  issuer(tenantId?: string): string;
  /** authority + knownAuthorities + discovery JSON for msal-node, so msal never calls the real cloud. */
  msalOptions(tenant?: string): ReturnType<typeof msalAuthorityOptions>;
  /** Mints a delegated token directly (e.g. a Teams SSO token for `api://…/access_as_user`). */
  issueUserToken(args: { user: string; clientId: string; scope: string; lifetimeSeconds?: number }): Promise<string>;
  /** Mints an app-only token directly (roles as given, no consent check). */
  issueAppToken(args: { clientId: string; roles?: string[]; audience?: string; lifetimeSeconds?: number }): Promise<string>;
  issueChannelToken(req: ChannelTokenRequest): Promise<string>;
  verifyBotToken(token: string | undefined): Promise<TokenCheck>;
  /** The settings ConfigurationBotFrameworkAuthentication needs to trust this emulator. */
  botFrameworkAuthConfig(bot: { appId: string; appPassword: string }): Record<string, string>;
  /** Calls answered, by method + route pattern (`POST /:tenant/oauth2/v2.0/token`); cumulative, not cleared by reset(). */
  readonly requests: RequestCounter;
}

const DEFAULTS: IdentitySettings = {
  accessTokenLifetimeSeconds: 3600,
  idTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeSeconds: 90 * 24 * 3600,
  codeLifetimeSeconds: 600,
  channelTokenLifetimeSeconds: 3600,
  clockSkewSeconds: 300,
  rejectReusedAssertionJti: false,
  channelEndorsements: ["msteams"],
};

export function createIdentityEmulator(options: IdentityEmulatorOptions): IdentityEmulator {
  let baseUrl = options.baseUrl?.replace(/\/+$/, "") ?? "";
  const channelKeys = options.channelKeys ?? createSigningKeys();
  const apps = new AppRegistry(options.apps ?? []);
  const state = new IdentityState();
  const settings: IdentitySettings = { ...DEFAULTS, ...options.settings };
  const ctx: IdentityContext = {
    tenant: options.tenant,
    keys: options.keys,
    now: options.clock ?? (() => new Date()),
    baseUrl: () => {
      if (!baseUrl) throw new Error("identity emulator: base URL unknown — call start() or setBaseUrl() first");
      return baseUrl;
    },
    apps,
    state,
    settings,
  };

  const requireApp = (clientId: string): RegisteredApp => {
    const app = apps.get(clientId);
    if (!app) throw new AppRegistrationError(`no app registered with client id ${clientId}`);
    return app;
  };
  /** Accepts an object id, UPN or e-mail. */
  const userIdOf = (who: string): string => findUser(options.tenant, who)?.id ?? who;
  const canon = (names: string[], fn: (n: string) => string | undefined, kind: string) =>
    names.map((n) => {
      const c = fn(n);
      if (!c) throw new AppRegistrationError(`unknown Graph ${kind} permission '${n}'`);
      return c;
    });

  const requests = new RequestCounter();
  const emulator: IdentityEmulator = {
    requests,
    listener: (req, res) => router.listener(req, res),
    get baseUrl() {
      return ctx.baseUrl();
    },
    setBaseUrl(url) {
      baseUrl = url.replace(/\/+$/, "");
    },
    async start(opts = {}) {
      const server = await listen(router.listener, { tls: opts.tls, port: opts.port });
      baseUrl = server.url;
      return server;
    },
    reset() {
      state.reset();
      apps.reset();
    },
    apps,
    state,
    settings,
    registerApp: (reg) => apps.register(reg),
    grantAdminConsent(clientId, roles, scopes) {
      const app = requireApp(clientId);
      state.grantAdmin(app.clientId, canon(roles ?? app.applicationPermissions, canonicalApplication, "application"), canon(scopes ?? app.delegatedPermissions, canonicalDelegated, "delegated"));
      const g = state.adminGrant(app.clientId);
      return { clientId: app.clientId, roles: [...g.roles].sort(), scopes: [...g.scopes].sort() };
    },
    revokeAdminConsent: (clientId) => state.revokeAdmin(clientId.toLowerCase()),
    grantUserConsent(user, clientId, scopes) {
      state.grantUser(userIdOf(user), requireApp(clientId).clientId, canon(scopes, canonicalDelegated, "delegated"));
    },
    revokeUserConsent: (user, clientId) => state.revokeUser(userIdOf(user), clientId.toLowerCase()),
    revokeRefreshTokens: (user) => state.revokeRefreshTokens(userIdOf(user), ctx.now().getTime()),
    findUser: (q) => findUser(options.tenant, q),
    issuer: (tenantId = options.tenant.id) => issuerFor(ctx.baseUrl(), tenantId),
    msalOptions: (tenant = options.tenant.id) => msalAuthorityOptions(ctx, tenant),
    async issueUserToken(args) {
      const user = findUser(options.tenant, args.user);
      if (!user) throw new Error(`no user ${args.user} in the tenant`);
      const scope = parseScope(args.scope, apps, options.tenant.id);
      const app = apps.get(args.clientId);
      return mintUserToken(ctx, {
        tenantId: options.tenant.id,
        appId: args.clientId,
        appName: app?.displayName ?? args.clientId,
        user,
        resource: scope.resource,
        scopes: scope.isDefault && scope.resource.kind === "app" ? scope.resource.app.exposedScopes : scope.names,
        method: "none",
        lifetimeSeconds: args.lifetimeSeconds,
      });
    },
    async issueAppToken(args) {
      const app = requireApp(args.clientId);
      const resource = args.audience ? { ...GRAPH, audience: args.audience } : GRAPH;
      return mintAppToken(ctx, { tenantId: options.tenant.id, app, resource, roles: args.roles ?? [], method: "certificate", lifetimeSeconds: args.lifetimeSeconds });
    },
    issueChannelToken: (req) => issueChannelToken(ctx, channelKeys, req),
    verifyBotToken: (token) => verifyBotToken(ctx, token),
    botFrameworkAuthConfig: (bot) => ({
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.appPassword,
      MicrosoftAppType: "MultiTenant",
      ToBotFromChannelTokenIssuer: CHANNEL_TOKEN_ISSUER,
      ToBotFromChannelOpenIdMetadataUrl: `${ctx.baseUrl()}${openIdMetadataPath()}`,
      ToChannelFromBotLoginUrl: `${ctx.baseUrl()}/botframework.com`,
      ToChannelFromBotOAuthScope: BOTFRAMEWORK_AUDIENCE,
      ValidateAuthority: "false",
    }),
  };

  const router = buildRouter(ctx, emulator, channelKeys);
  return emulator;
}

function buildRouter(ctx: IdentityContext, emulator: IdentityEmulator, channelKeys: SigningKeys): Router {
  const router = new Router({
    onDispatch: (method, pattern) => emulator.requests.add(`${method} ${pattern ?? "(no route)"}`),
    notFound: (_req, res) => sendJson(res, 404, { error: "not_found", error_description: "The sandbox identity emulator has no such endpoint." }),
  });
  // Control routes first: `/_sandbox/x` would otherwise match `/:tenant/adminconsent`-shaped routes.
  controlRoutes(router, emulator);
  const meta = metadataRoutes(ctx);
  const authorize = authorizeRoutes(ctx);
  const admin = adminConsentRoutes(ctx);
  router.get("/common/discovery/instance", meta.instanceDiscovery);
  router.get("/botframework/v1/.well-known/openidconfiguration", (_req, res) => sendJson(res, 200, channelOpenIdConfiguration(ctx)));
  router.get("/botframework/v1/.well-known/keys", (_req, res) => sendJson(res, 200, channelJwks(ctx, channelKeys)));
  router.get("/botframework/v1/keys", (_req, res) => sendJson(res, 200, channelJwks(ctx, channelKeys)));
  router.get("/:tenant/v2.0/.well-known/openid-configuration", meta.openIdConfiguration);
  router.get("/:tenant/discovery/v2.0/keys", meta.jwks);
  router.post("/:tenant/oauth2/v2.0/token", tokenEndpoint(ctx));
  router.get("/:tenant/oauth2/v2.0/authorize", authorize.start);
  router.post("/:tenant/oauth2/v2.0/authorize", authorize.submit);
  router.get("/:tenant/adminconsent", admin.start(false));
  router.post("/:tenant/adminconsent", admin.submit);
  router.get("/:tenant/v2.0/adminconsent", admin.start(true));
  router.post("/:tenant/v2.0/adminconsent", admin.submit);
  return router;
}

export { BOTFRAMEWORK_AUDIENCE, CHANNEL_TOKEN_ISSUER } from "./botframework";
export type { ChannelTokenRequest } from "./botframework";
export { BOTFRAMEWORK_TENANT_ID, issuerFor } from "./context";
export type { IdentitySettings } from "./context";
export type { AppRegistration, RegisteredApp } from "./apps";
export { GRAPH_APP_ID, GRAPH_RESOURCE, BOTFRAMEWORK_RESOURCE } from "./permissions";
export {
  SANDBOX_APP_ID,
  SANDBOX_BOT_APP_ID,
  SANDBOX_APP_REDIRECT_URIS,
  loadSandboxCredentials,
  sandboxAppRegistrations,
  type SandboxCredentials,
  type SandboxAppCredentials,
  type SandboxBotCredentials,
} from "./sandbox-credentials";
