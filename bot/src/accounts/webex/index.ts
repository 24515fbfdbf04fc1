import type { Config } from "../../config";
import type { TokenManager } from "../../identity/token-manager";
import type { TokenOwner } from "../../store/records";
import type { Store } from "../../store/types";
import { createWebexClient, type WebexClient } from "../../webex/client";
import type { AuthorizationMode, UserRef, WebexAccess, WebexAccounts } from "../types";
import { createOAuthStates } from "./oauth-state";
import { CALLBACK_PATH, START_PATH, webexOAuthRoutes, type WebexAccountsLogger } from "./routes";
import { createWebexTokenEndpoint, WEBEX_USER_SCOPES } from "./token-endpoint";

/**
 * How this service reaches Webex for a Microsoft 365 user (see README.md in this folder):
 * - tenant mode with WEBEX_SERVICE_TOKEN: that admin/service token, scheduling on behalf of the
 *   user's matched Webex account with `hostEmail`;
 * - otherwise the user's own Webex OAuth token (kind `webex-user`), obtained through the connect
 *   link and renewed by the shared token manager.
 */

export { webexTokenHooks, WEBEX_USER_SCOPES, WebexTokenEndpointError } from "./token-endpoint";
export { CALLBACK_PATH as WEBEX_CALLBACK_PATH, START_PATH as WEBEX_START_PATH, type WebexAccountsLogger } from "./routes";

export interface WebexAccountsDeps {
  config: Pick<Config, "webex">;
  /** This service's public URL (config.publicBaseUrl, or its own loopback URL in sandbox mode). */
  publicBaseUrl: string;
  store: Pick<Store, "keyValues" | "tokens">;
  /** The composition root's one token manager, built with webexTokenHooks(). */
  tokens: TokenManager;
  logger: WebexAccountsLogger;
  /** Sleep between Webex retries (Retry-After); tests pass a recorder. */
  fetchSleep?: (ms: number) => Promise<void>;
  /** Clock for state lifetimes and token expiry; share the token manager's. */
  now?: () => Date;
}

/** A use of Webex the configuration cannot serve (missing OAuth client, missing host e-mail). */
export class WebexAccountsError extends Error {
  constructor(
    readonly code: "oauth-not-configured" | "host-email-required",
    message: string,
  ) {
    super(message);
    this.name = "WebexAccountsError";
  }
}

export function createWebexAccounts(deps: WebexAccountsDeps): WebexAccounts {
  const { webex } = deps.config;
  const now = deps.now ?? (() => new Date());
  const base = deps.publicBaseUrl.replace(/\/$/, "");
  const redirectUri = `${base}${CALLBACK_PATH}`;
  const states = createOAuthStates(deps.store.keyValues, now);
  const endpoint = createWebexTokenEndpoint({ webex, now });
  const clientOptions = { baseUrl: webex.baseUrl, ...(deps.fetchSleep ? { sleep: deps.fetchSleep } : {}) };

  const serviceToken = webex.serviceToken;
  const serviceClient = serviceToken === undefined ? undefined : createWebexClient({ ...clientOptions, tokens: { getAccessToken: async () => serviceToken } });
  /** The service token applies only to tenants whose admin consented (tenant mode). */
  const serviceFor = (mode: AuthorizationMode): WebexClient | undefined => (mode === "tenant" ? serviceClient : undefined);

  const ownerOf = (user: UserRef): TokenOwner => ({ tenantId: user.tenantId, userId: user.userId });
  // The manager renews lazily, on the first request; an unconnected user gets
  // ReauthenticationRequiredError("not-connected") from that request.
  const userClient = (user: UserRef): WebexClient => createWebexClient({ ...clientOptions, tokens: deps.tokens.providerFor(ownerOf(user), "webex-user") });

  const authorizeUrl = (state: string): string => {
    const query = new URLSearchParams({
      client_id: webex.clientId ?? "",
      response_type: "code",
      redirect_uri: redirectUri,
      scope: WEBEX_USER_SCOPES.join(" "),
      state,
    });
    return `${webex.baseUrl.replace(/\/$/, "")}/v1/authorize?${query.toString()}`;
  };

  async function connectUrl(user: UserRef, locale?: string): Promise<string> {
    if (webex.clientId === undefined || webex.clientSecret === undefined) {
      throw new WebexAccountsError("oauth-not-configured", "Webex OAuth is not configured: set WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET (or, in tenant mode, WEBEX_SERVICE_TOKEN)");
    }
    const state = await states.create({ tenantId: user.tenantId, userId: user.userId, ...(locale === undefined ? {} : { locale }) });
    return `${base}${START_PATH}?state=${encodeURIComponent(state)}`;
  }

  return {
    async hasAccess(user, mode) {
      if (serviceFor(mode) !== undefined) return true;
      // The record's presence is enough: a dead refresh token shows up (and is removed) on use.
      return (await deps.store.tokens.get("webex-user", ownerOf(user))) !== undefined;
    },

    async accessFor(user, mode, webexEmail): Promise<WebexAccess> {
      const service = serviceFor(mode);
      if (service === undefined) return { client: userClient(user), via: "user-token" };
      if (webexEmail === undefined || webexEmail.trim() === "") {
        throw new WebexAccountsError("host-email-required", "the tenant's Webex service token schedules on behalf of a host: pass the user's matched Webex e-mail as webexEmail");
      }
      return { client: service, hostEmail: webexEmail.trim(), via: "service-token" };
    },

    async directoryClientFor(user, mode) {
      return serviceFor(mode) ?? userClient(user);
    },

    connectUrl,

    async disconnect(user) {
      // Webex offers integrations no token revocation endpoint, so this only forgets the tokens
      // here; the grant itself ends when its refresh token expires unused, or when the user
      // removes the app's access in their Webex account settings.
      await deps.tokens.revoke(ownerOf(user), "webex-user");
    },

    routes: webexOAuthRoutes({ states, endpoint, tokens: deps.tokens, logger: deps.logger, authorizeUrl, redirectUri, connectUrl }),
  };
}
