// The Store: one interface, two implementations (SQLite embedded default, PostgreSQL when
// DATABASE_URL is set). Each concern is a small repository; domain modules define their own
// ports and index.ts adapts these repositories to them.
import type { Storage } from "botbuilder";
import type {
  AccountLink,
  EnqueueJob,
  EventLink,
  IdempotencyClaim,
  IdempotencyRecord,
  JobRecord,
  JobState,
  KeyValueEntry,
  KeyValueWrite,
  SubscriptionRecord,
  SubscriptionState,
  TenantSettings,
  TokenKind,
  TokenOwner,
  TokenRecord,
} from "./records";

export type StoreKind = "sqlite" | "postgres";

export interface AccountLinkRepo {
  get(tenantId: string, aadObjectId: string): Promise<AccountLink | undefined>;
  getByWebexPersonId(webexPersonId: string): Promise<AccountLink[]>;
  upsert(link: AccountLink): Promise<void>;
  /** true when a link was removed. */
  delete(tenantId: string, aadObjectId: string): Promise<boolean>;
}

export interface TokenRepo {
  get(kind: TokenKind, owner: TokenOwner): Promise<TokenRecord | undefined>;
  /** Insert or replace; updatedAt is set by the store. */
  put(record: Omit<TokenRecord, "updatedAt">): Promise<void>;
  delete(kind: TokenKind, owner: TokenOwner): Promise<boolean>;
  /** Every token kind of one owner (sign-out). Returns how many were removed. */
  deleteOwner(owner: TokenOwner): Promise<number>;
}

export interface TenantSettingsRepo {
  get(tenantId: string): Promise<TenantSettings | undefined>;
  upsert(settings: Omit<TenantSettings, "updatedAt">): Promise<void>;
  delete(tenantId: string): Promise<boolean>;
}

export interface SubscriptionRepo {
  get(id: string): Promise<SubscriptionRecord | undefined>;
  /** Insert or replace by Graph subscription id; createdAt is kept on replace. */
  upsert(record: Omit<SubscriptionRecord, "createdAt" | "updatedAt">): Promise<void>;
  setExpiry(id: string, expiresAt: Date): Promise<boolean>;
  setState(id: string, state: SubscriptionState): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  listForUser(tenantId: string, userId: string): Promise<SubscriptionRecord[]>;
  /** Subscriptions (any state) expiring strictly before `before`, soonest first. */
  listExpiringBefore(before: Date, limit?: number): Promise<SubscriptionRecord[]>;
}

/**
 * Named leases so that one instance among several does a periodic chore (subscription renewal).
 * Time comes from the store's clock; instances are expected to have synchronised clocks.
 */
export interface LeaseRepo {
  /** true if `holder` now holds `name` until now+ttlMs (acquired, or renewed by the same holder). */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Releases only if `holder` holds it; true when released. */
  release(name: string, holder: string): Promise<boolean>;
}

export interface EventLinkRepo {
  get(tenantId: string, userId: string, eventId: string): Promise<EventLink | undefined>;
  /** Usually one; several when one meeting id was copied into other events. */
  listByWebexMeetingId(webexMeetingId: string): Promise<EventLink[]>;
  /** All links sharing an iCalUId in a tenant (organizer and attendee copies, occurrences). */
  listByICalUId(tenantId: string, iCalUId: string): Promise<EventLink[]>;
  /** Insert or replace; updatedAt is set by the store. */
  upsert(link: Omit<EventLink, "updatedAt">): Promise<void>;
  delete(tenantId: string, userId: string, eventId: string): Promise<boolean>;
}

export interface IdempotencyRepo {
  /**
   * First caller wins: "claimed" means go ahead and do the work, then complete() (or release()
   * on failure). Others get "in-progress" until the claim's ttl lapses (then one of them may take
   * it over) or "completed" with the stored result.
   */
  claim(key: string, ttlMs: number): Promise<IdempotencyClaim>;
  /** Stores the result JSON. The first completion wins; false if the key had already completed or is unknown. */
  complete(key: string, result: unknown): Promise<boolean>;
  /** Drops an in-progress claim so that a retry can run now. Completed results are kept. */
  release(key: string): Promise<boolean>;
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Deletes results completed before `before` and claims that lapsed before it. */
  purge(before: Date): Promise<number>;
}

export interface ClaimOptions {
  kinds?: readonly string[];
  /** Default 1. */
  limit?: number;
}

export interface JobQueue {
  enqueue(job: EnqueueJob): Promise<JobRecord>;
  /**
   * Locks up to `limit` due jobs for `workerId` (attempts + 1 each). A lock held for the
   * queue's staleLockMs or longer is treated as a crashed worker's and can be reclaimed.
   */
  claim(workerId: string, options?: ClaimOptions): Promise<JobRecord[]>;
  /** Deletes the job if `workerId` still holds its lock; false otherwise. */
  complete(jobId: number, workerId: string): Promise<boolean>;
  /**
   * Records the error and unlocks; reschedules at now + min(2^attempts s, backoffCap), or marks
   * the job dead once attempts reach maxAttempts. undefined if `workerId` does not hold the lock.
   */
  fail(jobId: number, workerId: string, error: unknown): Promise<JobRecord | undefined>;
  get(jobId: number): Promise<JobRecord | undefined>;
  list(filter?: { state?: JobState; kind?: string; limit?: number }): Promise<JobRecord[]>;
  /** Puts a dead job back in the queue with fresh attempts; false if it is not dead. */
  retryDead(jobId: number): Promise<boolean>;
  /** Unlocks every job a stopping worker holds, without counting an attempt against them. */
  unlockWorker(workerId: string): Promise<number>;
}

export interface JobQueueOptions {
  /** A lock held this long (or longer) is a crashed worker's. Default 5 minutes. */
  staleLockMs?: number;
  /** Upper bound of the exponential backoff. Default 1 hour. */
  backoffCapMs?: number;
  /** Default for EnqueueJob.maxAttempts. Default 10. */
  defaultMaxAttempts?: number;
}

/** The key/value table behind the botbuilder Storage adapter. */
export interface KeyValueRepo {
  getMany(keys: readonly string[]): Promise<Map<string, KeyValueEntry>>;
  /** All or nothing: throws ETagConflictError (and writes nothing) if any ifMatch fails. */
  putMany(writes: readonly KeyValueWrite[]): Promise<Map<string, string>>;
  deleteMany(keys: readonly string[]): Promise<void>;
}

export interface Store {
  readonly kind: StoreKind;
  readonly accounts: AccountLinkRepo;
  readonly tokens: TokenRepo;
  readonly tenants: TenantSettingsRepo;
  readonly subscriptions: SubscriptionRepo;
  readonly leases: LeaseRepo;
  readonly eventLinks: EventLinkRepo;
  readonly idempotency: IdempotencyRepo;
  readonly jobs: JobQueue;
  readonly keyValues: KeyValueRepo;
  /** botbuilder Storage (ConversationState/UserState) over keyValues, with eTag concurrency. */
  readonly botStorage: Storage;
  /** Round-trips the database (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Structural subset of a pino logger. */
export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type Clock = () => Date;
