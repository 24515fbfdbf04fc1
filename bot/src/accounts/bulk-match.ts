// Matching a whole tenant's users to Webex in one run (tenant mode): the users are read with Graph
// JSON batching (20 per POST /$batch), the verified domains once, and each user then goes
// through matchUser itself — same plan, same primary-first look-ups that stop at the first hit,
// same decision, same stored link — with the Webex look-ups of all users under one concurrency
// cap. https://learn.microsoft.com/graph/json-batching ·
// https://developer.webex.com/docs/api/v1/people/list-people
//
// It lives with the accounts services, not in directory/: it is handed the two gateway clients
// (graph/, webex/) because batching is a transport concern, and the domain stays gateway-free.
import type { Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { MAX_BATCH_SIZE, graphBatch, type BatchResult, type GraphBatchOptions } from "../graph/batch";
import { GraphUser, getVerifiedDomains } from "../graph/directory";
import { WebexError, type WebexClient } from "../webex/client";
import { findPersonByEmail } from "../webex/people";
import { planLookups, type MatchDecision } from "../directory/match";
import { matchUser, type MatchUserResult } from "../directory/match-user";
import type { AccountLinks, DirectoryUser, WebexPersonSummary } from "../directory/ports";

export interface BulkMatchDeps {
  /** Tenant-mode (app-only) Graph client: User.Read.All reads `/users/{id}` and `/organization`. */
  graph: Client;
  /** A Webex client whose token may look people up (spark:people_read), e.g. the admin's service token. */
  webex: WebexClient;
  /** `store.accounts` fits. */
  links: AccountLinks;
  now: () => Date;
  concurrency?: {
    /** POST /$batch requests in flight. Default 4 (Graph's guidance for one app and tenant). */
    graphBatches?: number;
    /** Webex people look-ups in flight, across all users. Default 8. */
    webexLookups?: number;
  };
  /** After each batch of users is decided. */
  onProgress?: (progress: BulkMatchProgress) => void;
  /** Retry tuning handed to graphBatch (tests shorten the waits). */
  graphRetry?: Pick<GraphBatchOptions, "maxRetries" | "maxRetryDelayMs" | "sleep">;
}

/** HTTP requests our code sent. Retries inside the SDK middleware or the Webex client are not seen. */
export interface BulkMatchCounters {
  /** Distinct users asked for. */
  users: number;
  /** Every Graph request: GET /organization plus the POST /$batch requests. */
  graphRequests: number;
  /** POST /$batch requests, throttled sub-requests' retry rounds included. */
  graphBatches: number;
  /** GET /v1/people?email= requests. */
  webexRequests: number;
  /** Look-ups the plans allowed (planLookups): the most the run could have sent to Webex. */
  plannedLookups: number;
}

export interface BulkMatchProgress {
  done: number;
  total: number;
  counters: BulkMatchCounters;
}

/** One user the run could not decide; the others are unaffected and a later run may retry them. */
export interface BulkMatchFailure {
  kind: "failed";
  /** Reading the user from Graph, or looking them up in Webex. */
  stage: "directory" | "webex";
  /** The HTTP status when there was one (404: no such user). */
  status?: number;
  code?: string;
  message: string;
}

export type BulkMatchOutcome = { userId: string } & (MatchUserResult | BulkMatchFailure);

export interface BulkMatchResult {
  /** One per distinct user id, in the order first given. */
  outcomes: BulkMatchOutcome[];
  /** How many users ended in each kind. */
  summary: Record<MatchDecision["kind"] | "failed", number>;
  counters: BulkMatchCounters;
}

/**
 * The run stopped: a failure that would repeat for every user (the app lost its Graph
 * permission, the Webex token was refused, the store failed). Links stored so far are kept.
 */
export class BulkMatchError extends Error {
  constructor(
    message: string,
    readonly counters: BulkMatchCounters,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "BulkMatchError";
  }
}

const USER_FIELDS = "id,displayName,userPrincipalName,mail,proxyAddresses,accountEnabled";

// A sub-request's error body: https://learn.microsoft.com/graph/errors
const GraphErrorBody = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });

export async function matchUsersInBulk(deps: BulkMatchDeps, tenantId: string, userIds: readonly string[]): Promise<BulkMatchResult> {
  const ids = [...new Set(userIds)];
  const counters: BulkMatchCounters = { users: ids.length, graphRequests: 0, graphBatches: 0, webexRequests: 0, plannedLookups: 0 };
  const outcomes = new Map<string, BulkMatchOutcome>();
  if (ids.length === 0) return { outcomes: [], summary: summarise([]), counters };

  counters.graphRequests++;
  let verifiedDomains: readonly string[];
  try {
    verifiedDomains = await getVerifiedDomains(deps.graph);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new BulkMatchError(`Bulk matching could not read the organization's verified domains: ${detail}`, { ...counters }, { cause: error });
  }

  let stopped: unknown;
  const stop = (error: unknown): void => {
    stopped ??= error;
  };
  const lookup = limiter(deps.concurrency?.webexLookups ?? 8);
  const webex = {
    findByEmail: (email: string): Promise<WebexPersonSummary | undefined> =>
      lookup(async () => {
        // After a fatal error the remaining look-ups are not sent.
        if (stopped !== undefined) throw new RunStopped();
        counters.webexRequests++;
        try {
          return await findPersonByEmail(deps.webex, email);
        } catch (error) {
          // Stopped here, before this slot goes to the next look-up: a refused token is not retried 10 000 times.
          if (!isPerUserWebexFailure(error)) stop(error);
          throw error;
        }
      }),
  };

  const matchOne = async (userId: string, user: DirectoryUser): Promise<void> => {
    counters.plannedLookups += planLookups(user, verifiedDomains).length;
    // The user and the domains are already read: matchUser gets them from memory.
    const directory = { getUser: async () => user, getVerifiedDomains: async () => verifiedDomains };
    try {
      const result = await matchUser({ directory, webex, links: deps.links, now: deps.now }, { tenantId, userId });
      outcomes.set(userId, { userId, ...result });
    } catch (error) {
      if (error instanceof RunStopped) return;
      if (isPerUserWebexFailure(error)) {
        outcomes.set(userId, { userId, kind: "failed", stage: "webex", status: error.status, message: error.message });
      } else {
        stop(error);
      }
    }
  };

  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_BATCH_SIZE) chunks.push(ids.slice(i, i + MAX_BATCH_SIZE));
  let next = 0;
  let done = 0;
  // Each worker reads one batch, then decides its users before reading the next: at most
  // graphBatches × 20 users are in memory at once, and the reads of the other workers overlap
  // with this worker's Webex look-ups.
  const worker = async (): Promise<void> => {
    while (next < chunks.length && stopped === undefined) {
      const chunk = chunks[next++]!;
      let answers: Map<string, BatchResult>;
      try {
        answers = await graphBatch(
          deps.graph,
          chunk.map((userId, i) => ({ id: String(i), method: "GET" as const, url: `/users/${encodeURIComponent(userId)}?$select=${USER_FIELDS}` })),
          {
            ...deps.graphRetry,
            concurrency: 1,
            onChunk: () => {
              counters.graphBatches++;
              counters.graphRequests++;
            },
          },
        );
      } catch (error) {
        stop(error);
        return;
      }
      await Promise.all(
        chunk.map(async (userId, i) => {
          const read = readUser(answers.get(String(i)));
          if (read.ok) return matchOne(userId, read.user);
          // Without the permission, every other user would be refused the same way.
          if (read.failure.status === 401 || read.failure.status === 403) stop(new GraphSubRequestError(read.failure));
          else outcomes.set(userId, { userId, ...read.failure });
        }),
      );
      done += chunk.length;
      if (stopped === undefined) deps.onProgress?.({ done, total: ids.length, counters: { ...counters } });
    }
  };
  const workers = Math.max(1, Math.min(deps.concurrency?.graphBatches ?? 4, chunks.length));
  await Promise.all(Array.from({ length: workers }, worker));

  if (stopped !== undefined) {
    const detail = stopped instanceof Error ? stopped.message : String(stopped);
    throw new BulkMatchError(`Bulk matching stopped after ${outcomes.size} of ${ids.length} users: ${detail}`, { ...counters }, { cause: stopped });
  }
  const ordered = ids.map((id) => outcomes.get(id)!);
  return { outcomes: ordered, summary: summarise(ordered), counters };
}

type UserRead = { ok: true; user: DirectoryUser } | { ok: false; failure: BulkMatchFailure };

/** One sub-response: the user (parsed with the gateway's schema) or why there is none. */
function readUser(answer: BatchResult | undefined): UserRead {
  if (!answer) return { ok: false, failure: { kind: "failed", stage: "directory", message: "Graph's batch response has no answer for this user" } };
  if (answer.status === 200) {
    const parsed = GraphUser.safeParse(answer.body);
    if (parsed.success) return { ok: true, user: parsed.data };
    return { ok: false, failure: { kind: "failed", stage: "directory", status: 200, message: `unexpected user shape: ${parsed.error.issues[0]?.message ?? "invalid"}` } };
  }
  const error = GraphErrorBody.safeParse(answer.body);
  const code = error.success ? error.data.error.code : undefined;
  return {
    ok: false,
    failure: {
      kind: "failed",
      stage: "directory",
      status: answer.status,
      ...(code !== undefined ? { code } : {}),
      message: (error.success ? error.data.error.message : undefined) ?? `Graph answered ${answer.status}`,
    },
  };
}

/** Throttled after the client's retries, or a Webex server error: this user only. */
function isPerUserWebexFailure(error: unknown): error is WebexError {
  return error instanceof WebexError && (error.status === 429 || error.status >= 500);
}

function summarise(outcomes: readonly BulkMatchOutcome[]): BulkMatchResult["summary"] {
  const summary: BulkMatchResult["summary"] = { matched: 0, "no-webex-account": 0, "domain-not-verified": 0, "account-disabled": 0, failed: 0 };
  for (const o of outcomes) summary[o.kind]++;
  return summary;
}

/** At most `max` of the given tasks run at once; the others wait in call order. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  const cap = Math.max(1, max);
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= cap) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never overshoots the cap.
      const wake = waiting.shift();
      if (wake) wake();
      else running--;
    }
  };
}

/** A look-up skipped because the run is stopping; never reported as a user's outcome. */
class RunStopped extends Error {
  override name = "RunStopped";
}

export class GraphSubRequestError extends Error {
  constructor(readonly failure: BulkMatchFailure) {
    super(`Graph refused reading a user (${failure.status ?? "?"}${failure.code ? ` ${failure.code}` : ""}): ${failure.message}`);
    this.name = "GraphSubRequestError";
  }
}
