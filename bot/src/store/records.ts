// The records the store keeps. Plain data with Dates; every row read back is parsed with zod
// (see sql/rows.ts) before it becomes one of these.

/** How a Microsoft 365 user was matched to a Webex account. */
export type AccountMatchSource = "mail" | "alias" | "upn" | "manual";
export const ACCOUNT_MATCH_SOURCES = ["mail", "alias", "upn", "manual"] as const;

/** A Microsoft 365 user (tenant + AAD object id) linked to a Webex person. */
export interface AccountLink {
  tenantId: string;
  aadObjectId: string;
  upn: string;
  /** The address that matched (the Graph `mail`, an alias from proxyAddresses, or the UPN). */
  matchedAddress: string;
  webexPersonId: string;
  webexEmail: string;
  matchedBy: AccountMatchSource;
  matchedAt: Date;
}

export type TokenKind = "graph-user" | "graph-app" | "webex-user" | "webex-service";
export const TOKEN_KINDS = ["graph-user", "graph-app", "webex-user", "webex-service"] as const;

/** Who a token belongs to. Tenant-wide tokens (graph-app, webex-service) have no userId. */
export interface TokenOwner {
  tenantId: string;
  userId?: string;
}

/**
 * An encrypted token blob. The store never sees plaintext: the token vault (identity/) encrypts
 * with AES-GCM and names the key it used in `keyId`, so keys can rotate.
 */
export interface TokenRecord {
  kind: TokenKind;
  owner: TokenOwner;
  ciphertext: Buffer;
  keyId: string;
  /** Expiry of the access token inside the blob, if any (refresh tokens may outlive it). */
  expiresAt: Date | null;
  updatedAt: Date;
}

export type TenantMode = "tenant" | "individual";
export const TENANT_MODES = ["tenant", "individual"] as const;

export interface TenantSettings {
  tenantId: string;
  mode: TenantMode;
  adminConsentGrantedAt: Date | null;
  updatedAt: Date;
}

/** Graph lifecycle: https://learn.microsoft.com/graph/change-notifications-lifecycle-events */
export type SubscriptionState = "active" | "reauthorization-required" | "missed" | "removed";
export const SUBSCRIPTION_STATES = ["active", "reauthorization-required", "missed", "removed"] as const;

/** A Graph change-notification subscription on one user's calendar. */
export interface SubscriptionRecord {
  /** The Graph subscription id. */
  id: string;
  tenantId: string;
  userId: string;
  /** e.g. "/users/{id}/events" */
  resource: string;
  /** e.g. "created,updated,deleted" */
  changeType: string;
  /**
   * SHA-256 (hex) of the clientState sent to Graph — never the secret itself. The webhook hashes
   * the clientState it receives and compares the hashes in constant time.
   */
  clientStateHash: string;
  expiresAt: Date;
  state: SubscriptionState;
  createdAt: Date;
  updatedAt: Date;
}

/** The link between a Graph calendar event and the Webex meeting it carries. */
export interface EventLink {
  tenantId: string;
  /** Whose mailbox the event lives in (AAD object id). */
  userId: string;
  eventId: string;
  iCalUId: string;
  webexMeetingId: string;
  /** Set for occurrences and exceptions of a series. */
  seriesMasterId: string | null;
  /** Graph `originalStart` of an occurrence/exception; null for single events and masters. */
  originalStart: Date | null;
  /** Hash of the event fields last pushed to Webex; equal hash ⇒ our own write echoing back. */
  syncedHash: string;
  updatedAt: Date;
}

export type IdempotencyClaim =
  | { status: "claimed" }
  | { status: "in-progress"; expiresAt: Date }
  | { status: "completed"; result: unknown };

export interface IdempotencyRecord {
  key: string;
  claimedAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
  /** undefined while the claim is in progress. */
  result: unknown;
}

/** queued: waiting for runAt; running: locked by a worker; dead: out of attempts, kept for inspection. */
export type JobState = "queued" | "running" | "dead";

export interface JobRecord {
  id: number;
  kind: string;
  /** JSON; the consumer parses it with its own zod schema. */
  payload: unknown;
  key: string | null;
  runAt: Date;
  /** Number of times the job has been claimed (a worker that crashed mid-job counts too). */
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedAt: Date | null;
  deadAt: Date | null;
  state: JobState;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnqueueJob {
  kind: string;
  payload: unknown;
  /**
   * Merges bursts: enqueueing a key that a not-yet-running job holds replaces that job's
   * payload/runAt/maxAttempts (and resets its attempts). If the holder is running, the running job
   * loses the key (and its retries) and a new job is added. Mirrors graphile-worker's job_key.
   */
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** A value in the botbuilder key/value table together with its optimistic-concurrency tag. */
export interface KeyValueEntry {
  value: unknown;
  etag: string;
}

export interface KeyValueWrite {
  key: string;
  value: unknown;
  /** Write only if the stored etag equals this. Omitted or "*": unconditional. */
  ifMatch?: string;
}
