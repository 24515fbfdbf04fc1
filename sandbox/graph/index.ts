import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { Router, listen, sendJson, type RunningServer, type SandboxRequest } from "../common/http";
import { RequestCounter } from "../common/request-counter";
import type { SigningKeys } from "../common/tokens";
import type { SandboxTls } from "../common/tls";
import type { Tenant } from "../tenant";
import { registerBatch } from "./batch";
import { registerContacts } from "./contacts";
import { registerControl } from "./control";
import type { GraphEnv } from "./env";
import { GraphError, errorResult } from "./errors";
import { registerEvents } from "./events/routes";
import { registerSchedule } from "./events/schedule";
import { seedCalendars } from "./events/seed";
import { renderEvent } from "./events/shape";
import { EventStore } from "./events/store";
import { Faults } from "./faults";
import { registerGroups } from "./groups";
import { MailboxLimits } from "./mailbox-limits";
import { runPipeline, type PipelineDeps } from "./pipeline";
import { RouteTable } from "./route-table";
import { DEFAULT_DELIVERY, Delivery, type DeliveryAttempt, type DeliveryOptions } from "./subscriptions/delivery";
import { connectNotifications, triggerLifecycle, type LifecycleEvent } from "./subscriptions/notifier";
import { registerSubscriptions } from "./subscriptions/routes";
import { SubscriptionStore, subscriptionJson } from "./subscriptions/store";
import { registerTeams } from "./teams";
import type { GraphRequest, GraphResult } from "./types";
import { registerUsers } from "./users";

/**
 * A wire-level emulator of Microsoft Graph v1.0 for the demo tenant: real HTTP(S), paths under
 * `/v1.0/` matched case-insensitively, every call authenticated and authorised like the service.
 */
export interface GraphEmulatorOptions {
  tenant: Tenant;
  /** Keys the identity emulator signs access tokens with. */
  keys: SigningKeys;
  /** Expected `iss` for a tenant; unchecked when absent. */
  issuer?: (tid: string) => string;
  /** The emulator's notion of now (token lifetimes, subscription expiry, seeded "today"). */
  clock?: () => Date;
  /** Longest subscription lifetime for Outlook events: 10080 in current docs, 4230 in older ones. */
  maxSubscriptionMinutes?: number;
  /**
   * Accept `http://` notification URLs on loopback hosts (localhost, 127.0.0.1, ::1). Graph
   * itself requires https; this is for local bots that do not terminate TLS. Default false.
   */
  allowHttpNotificationUrl?: boolean;
  /** How long the validation handshake may take (Graph: 10 s). */
  validationTimeoutMs?: number;
  /** Webhook delivery timings; tests shorten the retry delays. */
  deliver?: Partial<DeliveryOptions>;
  /** Outlook's per app+mailbox limits. */
  mailboxConcurrency?: number;
  mailboxRequestsPer10Minutes?: number;
  /** Receives unexpected exceptions (pino-compatible `error(obj, msg)`). */
  logger?: { error: (obj: object, msg: string) => void };
}

export interface GraphEmulator {
  /** A node request listener, for mounting the emulator in an existing server. */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** Absolute links (`@odata.nextLink`) start here; default: the Host the request came to. */
  setBaseUrl(url: string): void;
  start(options?: { tls?: SandboxTls; port?: number }): Promise<RunningServer>;
  /** Back to the seeded tenant: calendars re-seeded; subscriptions, faults, deliveries cleared. */
  reset(): void;
  close(): Promise<void>;
  state: {
    tenant(): Tenant;
    /** A mailbox's events (single instances and series masters) rendered in UTC, extended properties included. */
    events(userId: string): Record<string, unknown>[];
    subscriptions(): Record<string, unknown>[];
    deliveries(): DeliveryAttempt[];
    /** Resolves when no webhook POST is queued, in flight or waiting for a retry. */
    deliveriesIdle(): Promise<void>;
    lifecycle(subscriptionId: string, event: LifecycleEvent): boolean;
    faults: Faults;
    eventStore: EventStore;
    /** Calls answered, by method + route pattern (`$batch` sub-requests apart); cumulative, not cleared by reset(). */
    requests: RequestCounter;
  };
}

export function createGraphEmulator(options: GraphEmulatorOptions): GraphEmulator {
  const now = options.clock ?? (() => new Date());
  const initial = structuredClone(options.tenant);
  const events = new EventStore(now);
  const subscriptions = new SubscriptionStore(now);
  const env: GraphEnv = { tenant: structuredClone(initial), now, events, subscriptions };
  const delivery = new Delivery({ ...DEFAULT_DELIVERY, ...options.deliver }, (id) => subscriptions.isActive(id), now);
  connectNotifications(events, subscriptions, delivery);
  const faults = new Faults();
  const limits = new MailboxLimits({
    concurrency: options.mailboxConcurrency ?? 4,
    requestsPerWindow: options.mailboxRequestsPer10Minutes ?? 10_000,
    windowMs: 10 * 60_000,
    now,
  });

  const requests = new RequestCounter();
  const routes = new RouteTable();
  registerUsers(routes, env);
  registerEvents(routes, env);
  registerSchedule(routes, env);
  registerSubscriptions(routes, env, {
    maxSubscriptionMinutes: options.maxSubscriptionMinutes ?? 10_080,
    allowHttpNotificationUrl: options.allowHttpNotificationUrl ?? false,
    validationTimeoutMs: options.validationTimeoutMs ?? 10_000,
  });
  registerContacts(routes, env);
  registerGroups(routes, env);
  registerTeams(routes, env);
  const deps: PipelineDeps = {
    routes,
    faults,
    limits,
    now,
    auth: { keys: options.keys, tenantId: initial.id, issuer: options.issuer, now },
    onUnexpected: (error, req) => options.logger?.error({ err: error, method: req.method, path: req.path }, "graph emulator: unexpected error"),
    requests,
  };
  registerBatch(routes, (req) => runPipeline(req, deps));

  const reset = (): void => {
    env.tenant = structuredClone(initial);
    events.clear();
    seedCalendars(events, env.tenant, now());
    subscriptions.clear();
    delivery.restart();
    faults.clear();
    limits.reset();
  };
  reset();

  let baseUrl: string | undefined;
  const originOf = (req: SandboxRequest): string => {
    if (baseUrl) return baseUrl;
    const secure = (req.raw.socket as TLSSocket).encrypted === true;
    return `${secure ? "https" : "http"}://${req.headers.host ?? "localhost"}`;
  };

  const write = (res: ServerResponse, result: GraphResult, ids: { requestId: string; clientRequestId: string }): void => {
    const headers: Record<string, string> = { "request-id": ids.requestId, "client-request-id": ids.clientRequestId, "cache-control": "no-cache", ...(result.headers ?? {}) };
    if (result.body !== undefined) {
      const text = JSON.stringify(result.body);
      const ok = result.status < 400;
      headers["content-type"] = ok ? "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8" : "application/json";
      if (ok) headers["odata-version"] = "4.0";
      res.writeHead(result.status, { ...headers, "content-length": String(Buffer.byteLength(text)) });
      res.end(text);
    } else if (result.text !== undefined) {
      res.writeHead(result.status, { ...headers, "content-type": "text/plain", "content-length": String(Buffer.byteLength(result.text)) });
      res.end(result.text);
    } else {
      res.writeHead(result.status, headers);
      res.end();
    }
  };

  const graph = async (req: SandboxRequest, res: ServerResponse): Promise<void> => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    const ids = { requestId: randomUUID(), clientRequestId: headers["client-request-id"] ?? randomUUID() };
    const graphReq: GraphRequest = {
      method: req.method,
      path: req.url.pathname.replace(/^\/v1\.0/i, "") || "/",
      query: req.url.searchParams,
      headers,
      body: req.body,
      ...ids,
      origin: originOf(req),
      topLevel: true,
    };
    const outcome = await runPipeline(graphReq, deps);
    if ("drop" in outcome) {
      req.raw.socket.destroy();
      return;
    }
    write(res, outcome, ids);
  };

  const router = new Router({
    caseInsensitive: true,
    notFound: (req, res) => {
      const ids = { requestId: randomUUID(), clientRequestId: String(req.headers["client-request-id"] ?? randomUUID()) };
      const version = req.path.split("/").filter(Boolean)[0] ?? "";
      write(res, errorResult(new GraphError(400, "BadRequest", `Invalid version: ${version}`), ids, now()), ids);
    },
    onError: (error, req, res) => {
      options.logger?.error({ err: error, path: req.path }, "graph emulator: request failed");
      sendJson(res, 500, { error: { code: "generalException", message: "General exception while processing." } });
    },
  });
  for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) router.on(method, "/v1.0/*rest", graph);
  registerControl(router, { reset, faults, delivery, subscriptions, events });

  const servers: RunningServer[] = [];
  return {
    listener: router.listener,
    setBaseUrl: (url) => {
      baseUrl = url.replace(/\/+$/, "");
    },
    start: async (opts = {}) => {
      const running = await listen(router.listener, { tls: opts.tls, port: opts.port });
      baseUrl ??= running.url;
      servers.push(running);
      return running;
    },
    reset,
    close: async () => {
      delivery.close();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
    state: {
      tenant: () => env.tenant,
      events: (userId) => events.list(userId).map((v) => renderEvent(v, { extended: () => true })),
      subscriptions: () => subscriptions.all().map((s) => ({ ...subscriptionJson(s), mailboxId: s.mailboxId })),
      deliveries: () => [...delivery.attempts],
      deliveriesIdle: () => delivery.whenIdle(),
      lifecycle: (subscriptionId, event) => {
        const s = subscriptions.get(subscriptionId);
        return s ? triggerLifecycle(subscriptions, delivery, s, event) : false;
      },
      faults,
      eventStore: events,
      requests,
    },
  };
}

export type { DeliveryOptions, DeliveryAttempt } from "./subscriptions/delivery";
export type { LifecycleEvent } from "./subscriptions/notifier";
export { GRAPH_AUDIENCE } from "../common/tokens";
