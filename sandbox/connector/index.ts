import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { Router, bearerToken, listen, parseJson, sendJson, type RunningServer, type SandboxRequest } from "../common/http";
import type { SandboxTls } from "../common/tls";

/**
 * The Bot Framework connector as the bot sees it: the `serviceUrl` that replies, updates and
 * proactive messages are posted to. It records every activity the bot sends so tests (and people,
 * through GET /_sandbox/activities) can read what a Teams user would have seen, and it answers
 * the roster calls TeamsInfo makes.
 *
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
 */

export interface RecordedActivity {
  /** The id the connector assigned. */
  id: string;
  conversationId: string;
  /** Set when the bot replied to an activity (POST …/activities/{replyToId}). */
  replyToId?: string;
  operation: "send" | "reply" | "update" | "delete";
  activity: Record<string, unknown>;
  /** The bearer token the bot presented, if any (tests check authentication). */
  authorization?: string;
  receivedAt: Date;
}

export interface RosterMember {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName: string;
  givenName?: string;
  surname?: string;
  tenantId: string;
  userRole: "user" | "guest";
}

export interface ConnectorOptions {
  /** Verifies the bot's bearer token; when absent, tokens are recorded but not required. */
  verifyToken?: (token: string | undefined) => Promise<boolean>;
  /** conversation id (or team id) → members returned by the roster endpoints. */
  rosters?: Record<string, RosterMember[]>;
}

export interface ConnectorEmulator {
  readonly activities: readonly RecordedActivity[];
  start(options?: { tls?: SandboxTls; port?: number }): Promise<RunningServer>;
  /** Resolves with the first `count` recorded activities matching `filter`, waiting for them to arrive. */
  waitFor(filter: (a: RecordedActivity) => boolean, count?: number, timeoutMs?: number): Promise<RecordedActivity[]>;
  /** Holds each incoming activity this long before answering (a slow connector). */
  setLatency(ms: number): void;
  reset(): void;
}

export function createConnectorEmulator(options: ConnectorOptions = {}): ConnectorEmulator {
  const activities: RecordedActivity[] = [];
  let latencyMs = 0;
  const waiters = new Set<() => void>();
  const notify = (): void => waiters.forEach((w) => w());

  const record = (entry: Omit<RecordedActivity, "id" | "receivedAt">): RecordedActivity => {
    const recorded = { ...entry, id: `activity-${activities.length + 1}-${randomUUID().slice(0, 8)}`, receivedAt: new Date() };
    activities.push(recorded);
    notify();
    return recorded;
  };

  const authorised = async (req: SandboxRequest, res: ServerResponse): Promise<boolean> => {
    if (!options.verifyToken) return true;
    if (await options.verifyToken(bearerToken(req))) return true;
    sendJson(res, 401, { error: { code: "Unauthorized", message: "Authorization has been denied for this request." } });
    return false;
  };

  const body = (req: SandboxRequest, res: ServerResponse): Record<string, unknown> | undefined => {
    const parsed = parseJson(req.body);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    sendJson(res, 400, { error: { code: "BadArgument", message: "The body must be an activity object." } });
    return undefined;
  };

  const router = new Router({ notFound: (_req, res) => sendJson(res, 404, { error: { code: "NotFound", message: "Unknown connector route." } }) });
  router.use(async (_req, _res, next) => {
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    await next();
  });

  router.post("/v3/conversations/:conversationId/activities", async (req, res) => {
    if (!(await authorised(req, res))) return;
    const activity = body(req, res);
    if (!activity) return;
    const r = record({ conversationId: req.params.conversationId!, operation: "send", activity, authorization: req.headers.authorization });
    sendJson(res, 200, { id: r.id });
  });
  router.post("/v3/conversations/:conversationId/activities/:activityId", async (req, res) => {
    if (!(await authorised(req, res))) return;
    const activity = body(req, res);
    if (!activity) return;
    const r = record({ conversationId: req.params.conversationId!, replyToId: req.params.activityId!, operation: "reply", activity, authorization: req.headers.authorization });
    sendJson(res, 200, { id: r.id });
  });
  router.put("/v3/conversations/:conversationId/activities/:activityId", async (req, res) => {
    if (!(await authorised(req, res))) return;
    const activity = body(req, res);
    if (!activity) return;
    record({ conversationId: req.params.conversationId!, replyToId: req.params.activityId!, operation: "update", activity, authorization: req.headers.authorization });
    sendJson(res, 200, { id: req.params.activityId });
  });
  router.delete("/v3/conversations/:conversationId/activities/:activityId", async (req, res) => {
    if (!(await authorised(req, res))) return;
    record({ conversationId: req.params.conversationId!, replyToId: req.params.activityId!, operation: "delete", activity: {}, authorization: req.headers.authorization });
    res.writeHead(200);
    res.end();
  });
  router.post("/v3/conversations", async (req, res) => {
    if (!(await authorised(req, res))) return;
    const params = body(req, res);
    if (!params) return;
    const id = `a:sandbox-${randomUUID()}`;
    const first = params.activity as Record<string, unknown> | undefined;
    if (first) record({ conversationId: id, operation: "send", activity: first, authorization: req.headers.authorization });
    sendJson(res, 201, { id, activityId: first ? activities[activities.length - 1]!.id : undefined });
  });
  // TeamsInfo.getPagedMembers / getMembers: the roster of a team or chat, no Graph permission needed.
  router.get("/v3/conversations/:conversationId/pagedmembers", async (req, res) => {
    if (!(await authorised(req, res))) return;
    const members = rosterFor(req.params.conversationId!);
    const pageSize = Math.max(1, Math.min(500, Number(req.query.get("pageSize") ?? 200) || 200));
    const start = Number(req.query.get("continuationToken") ?? 0) || 0;
    const page = members.slice(start, start + pageSize);
    const next = start + pageSize < members.length ? String(start + pageSize) : undefined;
    sendJson(res, 200, { members: page, ...(next ? { continuationToken: next } : {}) });
  });
  router.get("/v3/conversations/:conversationId/members", async (req, res) => {
    if (!(await authorised(req, res))) return;
    sendJson(res, 200, rosterFor(req.params.conversationId!));
  });
  router.get("/_sandbox/activities", (req, res) => {
    const conversationId = req.query.get("conversationId");
    sendJson(res, 200, activities.filter((a) => !conversationId || a.conversationId === conversationId));
  });

  function rosterFor(conversationId: string): RosterMember[] {
    // Teams addresses a channel as "<channel id>;messageid=<root>"; the roster is the team's.
    const base = conversationId.split(";")[0]!;
    return options.rosters?.[conversationId] ?? options.rosters?.[base] ?? [];
  }

  return {
    activities,
    start: (startOptions = {}) => listen(router.listener, startOptions),
    waitFor(filter, count = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = activities.filter(filter);
          if (found.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found.slice(0, count));
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`connector: expected ${count} matching activities within ${timeoutMs} ms, got ${activities.filter(filter).length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    reset() {
      activities.length = 0;
      latencyMs = 0;
    },
  };
}
