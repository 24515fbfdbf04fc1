import type { Config } from "../config";
import { resolveKeyRing } from "../identity/encryption-keys";
import { createTokenManager, type TokenManager } from "../identity/token-manager";
import { createTokenVault } from "../identity/token-vault";
import type { Logger } from "../logger";
import type { Store } from "../store";
import { createMicrosoftAccounts, microsoftTokenHooks, type MicrosoftAccountsService } from "./microsoft";
import { createAccountsService } from "./service";
import type { AccountsService, RouteModule, WebexAccounts } from "./types";
import { createWebexAccounts, webexTokenHooks } from "./webex";

export interface AccountsModule {
  tokens: TokenManager;
  microsoft: MicrosoftAccountsService;
  webex: WebexAccounts;
  service: AccountsService;
  routes: RouteModule[];
}

/**
 * Builds the accounts feature: one token vault and one token manager for every token, the
 * Microsoft and Webex sides around it, and the status service the bot and the tab use.
 * Undefined when no Entra app is configured at all (nothing to sign in to).
 */
export function createAccountsModule(deps: { config: Config; store: Store; logger: Logger; publicBaseUrl: string; now?: () => Date }): AccountsModule | undefined {
  const { config, store, logger, publicBaseUrl } = deps;
  if (!config.microsoft.clientId) return undefined;
  const now = deps.now ?? (() => new Date());
  const vault = createTokenVault({ keys: resolveKeyRing(config), repo: store.tokens });
  const tokens = createTokenManager({
    vault,
    refresh: { ...microsoftTokenHooks({ config, now }).refresh, ...webexTokenHooks({ config, now }).refresh },
    now,
    logger,
  });
  const microsoft = createMicrosoftAccounts({ config, publicBaseUrl, store, tokens, logger, now });
  const webex = createWebexAccounts({ config, publicBaseUrl, store, tokens, logger, now });
  const service = createAccountsService({ microsoft, webex, tokens, store, logger, now, serviceTokenConfigured: Boolean(config.webex.serviceToken) });
  return { tokens, microsoft, webex, service, routes: [microsoft.routes, webex.routes] };
}
