import type { Client } from "@microsoft/microsoft-graph-client";
import type { Server } from "restify";
import type { MatchDecision } from "../directory";
import type { WebexClient } from "../webex/client";

/**
 * Contracts of the accounts feature: the Microsoft side (per-tenant mode, sign-in, Graph access),
 * the Webex side (per-user OAuth or a tenant service token) and the status the bot and the tab
 * show. Implementations live in accounts/microsoft/, accounts/webex/ and accounts/service.ts.
 */

/** A Microsoft 365 user: tenant id + Entra object id (the `aadObjectId` Teams sends). */
export interface UserRef {
  tenantId: string;
  userId: string;
}

/** SPEC.md: tenant (an admin consented, application permissions) or individual (delegated). */
export type AuthorizationMode = "tenant" | "individual";

/** Registers a feature's HTTP routes on the service's restify server. */
export type RouteModule = (server: Server) => void;

export interface GraphAccess {
  client: Client;
  mode: AuthorizationMode;
  /** How this user is addressed in Graph: `/users/{id}` with app permissions, `/me` with delegated ones. */
  self: { userId: string } | "me";
}

export interface MicrosoftAccounts {
  /** Tenant mode when the tenant's admin consented to the application permissions; else individual. */
  modeFor(tenantId: string): Promise<AuthorizationMode>;
  /**
   * Graph as this user can use it. Individual mode without a stored sign-in throws
   * ReauthenticationRequiredError (identity/token-manager.ts): the caller shows a sign-in step.
   */
  graphFor(user: UserRef): Promise<GraphAccess>;
  /** Whether an individual-mode user has signed in (always true in tenant mode). */
  isSignedIn(user: UserRef): Promise<boolean>;
  /** A link on this service that starts the authorization-code + PKCE sign-in for exactly this user. */
  signInUrl(user: UserRef, locale?: string): Promise<string>;
  /** Entra's admin consent page for this app in that tenant (the hint shown when consent is missing). */
  adminConsentUrl(tenantId: string): string;
  /** Forgets the user's Microsoft tokens. */
  signOut(user: UserRef): Promise<void>;
  /** Forget the tenant's recorded mode (Graph answered 403 in tenant mode). */
  invalidateMode?(tenantId: string): Promise<void>;
  routes: RouteModule;
}

export interface WebexAccess {
  client: WebexClient;
  /** Set when a tenant service token schedules on the host's behalf (`hostEmail`). */
  hostEmail?: string;
  via: "user-token" | "service-token";
}

export interface WebexAccounts {
  /** Whether this user can reach Webex: their own OAuth token, or the tenant's service token. */
  hasAccess(user: UserRef, mode: AuthorizationMode): Promise<boolean>;
  /**
   * Webex as this user: in tenant mode with a service token, that token with hostEmail = the
   * user's matched Webex e-mail; otherwise the user's own token (ReauthenticationRequiredError
   * when not connected).
   */
  accessFor(user: UserRef, mode: AuthorizationMode, webexEmail?: string): Promise<WebexAccess>;
  /** A client for people look-ups (matching): the service token, or the user's own token. */
  directoryClientFor(user: UserRef, mode: AuthorizationMode): Promise<WebexClient>;
  /** A link on this service that starts Webex OAuth for exactly this user. */
  connectUrl(user: UserRef, locale?: string): Promise<string>;
  /** Forgets the user's Webex tokens. */
  disconnect(user: UserRef): Promise<void>;
  routes: RouteModule;
}

/** What the user still has to do before scheduling works, in order. */
export type ConnectStep =
  | { kind: "microsoft-sign-in"; url: string }
  | { kind: "admin-consent-missing"; adminConsentUrl: string }
  | { kind: "webex-connect"; url: string }
  /** The Webex account the user connected is not the one their Microsoft addresses match. */
  | { kind: "webex-account-mismatch"; url: string; connectedAs: string; expected: string };

export interface AccountStatus {
  user: UserRef & { displayName?: string; userPrincipalName?: string };
  mode: AuthorizationMode;
  /** Empty when everything is in place. */
  steps: ConnectStep[];
  /** Present once the Microsoft side could be read. */
  match?: MatchDecision;
  webex?: { via: WebexAccess["via"]; email?: string };
}

export interface AccountsService {
  status(user: UserRef): Promise<AccountStatus>;
  /**
   * The same answer from what is stored, without calling Graph or Webex, when the user is
   * already signed in, connected and matched (the hot path of every scheduling turn); otherwise
   * the full status(). Re-matching after a UPN change happens on the next full status().
   */
  quickStatus(user: UserRef): Promise<AccountStatus>;
  /** Only the stored half of quickStatus(): undefined unless the user is ready. No side effects. */
  storedStatus(user: UserRef): Promise<AccountStatus | undefined>;
  /** The tenant's verified domains (lower case), read once an hour per tenant. */
  verifiedDomains(user: UserRef): Promise<string[]>;
  /** Removes tokens (Microsoft and Webex), the account link and the user's calendar subscriptions. */
  disconnect(user: UserRef): Promise<{ removedTokens: number; removedSubscriptions: number; removedLink: boolean }>;
}
