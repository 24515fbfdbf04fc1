import type { Config } from "../../config";
import type { Client } from "@microsoft/microsoft-graph-client";
import { createGraphClient } from "../../graph/client";
import type { AccessTokenProvider } from "../../identity/token-provider";
import type { TokenManager } from "../../identity/token-manager";
import type { Store } from "../../store/types";
import type { AuthorizationMode, GraphAccess, MicrosoftAccounts, UserRef } from "../types";
import { describeMicrosoftFailure, type MicrosoftFailure } from "./failure";
import { msalSettingsFrom } from "./msal-clients";
import { MICROSOFT_AUTH_PATHS, microsoftAuthRoutes, type RoutesLogger } from "./routes";
import { createSignInStates } from "./sign-in-state";
import { createTenantModes, type ModeTimings } from "./tenant-mode";

/**
 * The Microsoft side of accounts (SPEC.md "Two authorization modes"): per tenant, tenant mode
 * (app-only Graph tokens, certificate assertion) when an admin consented, else individual mode
 * (each user signs in: authorization code + PKCE + offline_access, tokens in the encrypted vault).
 * Delegated tokens are renewed by the shared token manager through microsoftTokenHooks().
 */
export interface MicrosoftAccountsDeps {
  config: Config;
  /** This service's public URL (config.publicBaseUrl, or its own loopback URL in sandbox mode). */
  publicBaseUrl: string;
  store: Store;
  /** The one token manager, built with microsoftTokenHooks() among its refresh hooks. */
  tokens: TokenManager;
  logger: RoutesLogger;
  now?: () => Date;
  /** When to re-ask Entra about a tenant's mode (defaults: 1 h individual, 24 h tenant). */
  modeTimings?: Partial<ModeTimings>;
}

export interface MicrosoftAccountsService extends MicrosoftAccounts {
  /** Forget the tenant's recorded mode, e.g. after Graph answered 403 in tenant mode. */
  invalidateMode(tenantId: string): Promise<void>;
  /** describeMicrosoftFailure with this tenant's admin consent link filled in. */
  describeFailure(error: unknown, tenantId: string, mode?: AuthorizationMode): MicrosoftFailure;
}

export function createMicrosoftAccounts(deps: MicrosoftAccountsDeps): MicrosoftAccountsService {
  const now = deps.now ?? (() => new Date());
  const settings = msalSettingsFrom(deps.config);
  const publicBaseUrl = deps.publicBaseUrl.replace(/\/+$/, "");
  // Tenant mode needs app-only tokens, which this app only takes with a certificate (config.ts).
  const tenantModeAllowed = deps.config.mode !== "individual" && settings.credential.kind === "certificate";
  const modes = createTenantModes({ store: deps.store, settings, tenantModeAllowed, now, timings: deps.modeTimings });
  const states = createSignInStates(deps.store, now);
  const graphBaseUrl = deps.config.microsoft.graphBaseUrl;
  const ownerOf = (user: UserRef) => ({ tenantId: user.tenantId, userId: user.userId });
  // The app-only client of a tenant is the same for every user of it: built once on the tenant's
  // one token provider (modes.appTokens keeps one per tenant, across invalidations).
  const appClients = new Map<string, Client>();
  const appClientFor = (tenantId: string, provider: AccessTokenProvider): Client => {
    let client = appClients.get(tenantId);
    if (!client) {
      client = createGraphClient({ baseUrl: graphBaseUrl, tokens: provider });
      appClients.set(tenantId, client);
    }
    return client;
  };

  const signInUrl = async (user: UserRef, locale?: string): Promise<string> => {
    const state = await states.create(user, locale);
    return `${publicBaseUrl}${MICROSOFT_AUTH_PATHS.start}?state=${encodeURIComponent(state)}`;
  };

  const adminConsentUrl = (tenantId: string): string => {
    const query = new URLSearchParams({ client_id: settings.clientId, redirect_uri: `${publicBaseUrl}${MICROSOFT_AUTH_PATHS.adminConsent}` });
    return `${settings.authorityHost}/${encodeURIComponent(tenantId)}/adminconsent?${query.toString()}`;
  };

  return {
    modeFor: (tenantId) => modes.modeFor(tenantId),
    invalidateMode: (tenantId) => modes.invalidate(tenantId),

    async graphFor(user) {
      const mode = await modes.modeFor(user.tenantId);
      const provider = mode === "tenant" ? modes.appTokens(user.tenantId) : deps.tokens.providerFor(ownerOf(user), "graph-user");
      // Fetch once up front: token failures surface here with their own type (ReauthenticationRequiredError,
      // TokenAcquisitionError); inside the Graph SDK they would be flattened into a GraphError.
      await provider.getAccessToken();
      const client = mode === "tenant" ? appClientFor(user.tenantId, provider) : createGraphClient({ baseUrl: graphBaseUrl, tokens: provider });
      return { client, mode, self: mode === "tenant" ? { userId: user.userId } : "me" } satisfies GraphAccess;
    },

    async isSignedIn(user) {
      if ((await modes.modeFor(user.tenantId)) === "tenant") return true;
      // The row's presence is enough; opening it would need the key and say nothing more.
      return (await deps.store.tokens.get("graph-user", ownerOf(user))) !== undefined;
    },

    signInUrl,
    adminConsentUrl,

    async signOut(user) {
      await deps.tokens.revoke(ownerOf(user), "graph-user");
    },

    describeFailure: (error, tenantId, mode) => describeMicrosoftFailure(error, { mode, adminConsentUrl: adminConsentUrl(tenantId) }),

    routes: microsoftAuthRoutes({ publicBaseUrl, settings, states, tokens: deps.tokens, modes, signInUrl, now, logger: deps.logger }),
  };
}

export { describeMicrosoftFailure, type MicrosoftFailure, type MicrosoftFailureKind, type FailureContext } from "./failure";
export { microsoftTokenHooks, type MicrosoftTokenHooksDeps } from "./delegated-tokens";
export { MICROSOFT_AUTH_PATHS } from "./routes";
export { MicrosoftConfigurationError } from "./msal-clients";
export { TENANT_MODE_ROLES, DEFAULT_MODE_TIMINGS, type ModeTimings } from "./tenant-mode";
