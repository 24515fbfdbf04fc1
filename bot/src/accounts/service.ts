import { findPersonByEmail, getMe } from "../webex/people";
import { getUser, getVerifiedDomains } from "../graph/directory";
import { matchUser, matchedFromLink, type DirectoryReader } from "../directory";
import type { TokenManager } from "../identity/token-manager";
import type { Logger } from "../logger";
import type { Store } from "../store";
import type { AccountStatus, AccountsService, ConnectStep, GraphAccess, MicrosoftAccounts, UserRef, WebexAccounts } from "./types";

/**
 * What the bot's connect/whoami and the tab's /api/tab/me show: which mode the user's tenant is
 * in, what is still missing (Microsoft sign-in, admin consent, Webex), and the matched Webex
 * account — matching on the way when everything needed is there. Disconnect forgets it all.
 */
export interface AccountsServiceDeps {
  microsoft: MicrosoftAccounts;
  webex: WebexAccounts;
  tokens: TokenManager;
  store: Store;
  logger: Logger;
  now?: () => Date;
  /** A Webex service token is configured (tenant mode schedules with it). */
  serviceTokenConfigured?: boolean;
}

/** Verified domains change rarely (an admin adds a domain); an hour is fresh enough. */
const DOMAINS_TTL_MS = 60 * 60 * 1000;

export function createAccountsService(deps: AccountsServiceDeps): AccountsService {
  const now = deps.now ?? (() => new Date());

  async function status(user: UserRef): Promise<AccountStatus> {
    const mode = await deps.microsoft.modeFor(user.tenantId);
    const result: AccountStatus = { user: { ...user }, mode, steps: [] };
    const steps: ConnectStep[] = result.steps;

    let graph: GraphAccess | undefined;
    if (await deps.microsoft.isSignedIn(user)) {
      graph = await deps.microsoft.graphFor(user).catch((error: unknown) => {
        if (!isSignInRequired(error)) throw error;
        return undefined;
      });
    }
    if (!graph) steps.push({ kind: "microsoft-sign-in", url: await deps.microsoft.signInUrl(user) });

    const webexReady = await deps.webex.hasAccess(user, mode);
    if (!webexReady) steps.push({ kind: "webex-connect", url: await deps.webex.connectUrl(user) });

    if (!graph || !webexReady) {
      // Show what we already know from an earlier match instead of nothing.
      const link = await deps.store.accounts.get(user.tenantId, user.userId);
      if (link) result.match = matchedFromLink(link);
      return result;
    }

    const directory = graphDirectory(graph);
    try {
      const me = await directory.getUser(user);
      result.user.displayName = me.displayName ?? undefined;
      result.user.userPrincipalName = me.userPrincipalName;
      const webexDirectory = await deps.webex.directoryClientFor(user, mode);
      const match = await matchUser(
        { directory, webex: { findByEmail: (email) => findPersonByEmail(webexDirectory, email) }, links: deps.store.accounts, now },
        user,
      );
      result.match = match;
      if (match.kind === "matched") {
        const access = await deps.webex.accessFor(user, mode, match.webexEmail);
        result.webex = { via: access.via, email: match.webexEmail };
        if (access.via === "user-token") {
          // The Webex account the user connected must be the one their addresses match.
          const connected = await getMe(access.client);
          if (connected.id !== match.webexPersonId) {
            steps.push({ kind: "webex-account-mismatch", url: await deps.webex.connectUrl(user), connectedAs: connected.emails[0] ?? connected.id, expected: match.webexEmail });
          }
        }
      }
    } catch (error) {
      if (isForbidden(error)) {
        // Recorded as tenant mode but Graph refuses: consent was withdrawn. Ask Entra again next time.
        if (mode === "tenant") await deps.microsoft.invalidateMode?.(user.tenantId);
        deps.logger.warn({ tenantId: user.tenantId, code: (error as { code?: string }).code }, "Graph refused the app: admin consent missing or withdrawn");
        steps.push({ kind: "admin-consent-missing", adminConsentUrl: deps.microsoft.adminConsentUrl(user.tenantId) });
      } else if (isSignInRequired(error)) {
        steps.push({ kind: "microsoft-sign-in", url: await deps.microsoft.signInUrl(user) });
      } else {
        throw error;
      }
    }
    return result;
  }

  async function storedStatus(user: UserRef): Promise<AccountStatus | undefined> {
    const link = await deps.store.accounts.get(user.tenantId, user.userId);
    if (!link) return undefined;
    const mode = await deps.microsoft.modeFor(user.tenantId);
    const [signedIn, webexReady] = await Promise.all([deps.microsoft.isSignedIn(user), deps.webex.hasAccess(user, mode)]);
    if (!signedIn || !webexReady) return undefined;
    const via = mode === "tenant" && deps.serviceTokenConfigured ? "service-token" : "user-token";
    return { user: { ...user, userPrincipalName: link.upn }, mode, steps: [], match: matchedFromLink(link), webex: { via, email: link.webexEmail } };
  }

  async function quickStatus(user: UserRef): Promise<AccountStatus> {
    return (await storedStatus(user)) ?? status(user);
  }

  const domains = new Map<string, { value: string[]; until: number }>();
  async function verifiedDomains(user: UserRef): Promise<string[]> {
    const cached = domains.get(user.tenantId);
    if (cached && cached.until > now().getTime()) return cached.value;
    const graph = await deps.microsoft.graphFor(user);
    const value = await getVerifiedDomains(graph.client);
    domains.set(user.tenantId, { value, until: now().getTime() + DOMAINS_TTL_MS });
    return value;
  }

  async function disconnect(user: UserRef): Promise<{ removedTokens: number; removedSubscriptions: number; removedLink: boolean }> {
    // Subscriptions first: deleting them at Graph needs the user's tokens, which go next.
    let removedSubscriptions = 0;
    const subscriptions = await deps.store.subscriptions.listForUser(user.tenantId, user.userId);
    if (subscriptions.length > 0) {
      const graph = await deps.microsoft.graphFor(user).catch(() => undefined);
      for (const subscription of subscriptions) {
        if (graph) {
          await graph.client
            .api(`/subscriptions/${encodeURIComponent(subscription.id)}`)
            .delete()
            .catch((error: unknown) => {
              // Gone already, or no longer ours to delete: it expires on its own within days.
              deps.logger.warn({ err: error, subscriptionId: subscription.id }, "could not delete a Graph subscription on disconnect");
            });
        }
        if (await deps.store.subscriptions.delete(subscription.id)) removedSubscriptions++;
      }
    }
    const { removed } = await deps.tokens.revoke(user);
    const removedLink = await deps.store.accounts.delete(user.tenantId, user.userId);
    deps.logger.info({ tenantId: user.tenantId, userId: user.userId, removedTokens: removed, removedSubscriptions, removedLink }, "user disconnected");
    return { removedTokens: removed, removedSubscriptions, removedLink };
  }

  return { status, quickStatus, storedStatus, verifiedDomains, disconnect };
}

function graphDirectory(graph: GraphAccess): DirectoryReader {
  return {
    getUser: () => getUser(graph.client, graph.self),
    getVerifiedDomains: () => getVerifiedDomains(graph.client),
  };
}

function isForbidden(error: unknown): boolean {
  return (error as { statusCode?: number })?.statusCode === 403;
}

function isSignInRequired(error: unknown): boolean {
  return (error as { name?: string })?.name === "ReauthenticationRequiredError";
}
