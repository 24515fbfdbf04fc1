import { setTimeout as sleep } from "node:timers/promises";
import { BodyTooLargeError, listen, Router, type RunningServer } from "../common/http";
import { RequestCounter } from "../common/request-counter";
import type { SandboxTls } from "../common/tls";
import { createTenant, type Tenant } from "../tenant";
import type { WebexContext } from "./context";
import { registerControlRoutes } from "./control";
import { WebexDirectory, type ExternalPersonSeed } from "./directory";
import { MESSAGES, messageForStatus, newTrackingId, sendWebexError, TRACKING_HEADER } from "./errors";
import { CreationQuota, Faults, QuotaLimits } from "./faults";
import { SANDBOX_WEBEX_INTEGRATION, type WebexIntegration } from "./integration";
import { createMeeting } from "./meetings/create";
import { getMeeting, listMeetings } from "./meetings/read";
import { MeetingStore } from "./meetings/store";
import { deleteMeeting, updateMeeting } from "./meetings/update";
import { registerOAuthRoutes } from "./oauth";
import { registerPeopleRoutes } from "./people";
import { snapshotOf, type MeetingSnapshot } from "./snapshot";
import { TokenStore, type Grant, type TokenStoreOptions } from "./tokens";

/**
 * A wire-level emulator of the Webex REST API (people, meetings, OAuth) on a real HTTPS
 * server on loopback, seeded from the demo tenant. See README.md in this folder.
 */

export { SANDBOX_WEBEX_INTEGRATION, SCOPES, ADMIN_SCOPES, type WebexIntegration } from "./integration";
export type { MeetingSnapshot } from "./snapshot";
export type { FaultSpec, QuotaLimits } from "./faults";
export { DEFAULT_EXTERNAL_PEOPLE, type ExternalPersonSeed, type WebexPerson } from "./directory";
export { personIdFor } from "./ids";

export interface WebexEmulatorOptions {
  /** Defaults to a fresh demo tenant. */
  tenant?: Tenant;
  /** The emulator's clock (tests pin it); /_sandbox/clock shifts it further. */
  clock?: () => Date;
  /** The Webex site meetings live on. */
  siteUrl?: string;
  quota?: Partial<QuotaLimits>;
  /** Webex users of other organisations. */
  externalPeople?: ExternalPersonSeed[];
  /** More registered integrations, besides SANDBOX_WEBEX_INTEGRATION. */
  integrations?: WebexIntegration[];
  /** A start up to this far in the past is moved to the next minute instead of refused. Default 60 s. */
  startGraceSeconds?: number;
  tokens?: TokenStoreOptions;
}

export interface WebexEmulator {
  /** The node request listener, for callers that run their own server. */
  readonly listener: Router["listener"];
  /** Public base URL (used in `Link` headers); set by start(), or by hand when served elsewhere. */
  setBaseUrl(url: string): void;
  readonly baseUrl: string | undefined;
  start(options?: { tls?: SandboxTls; port?: number; host?: string }): Promise<RunningServer>;
  /** Back to the seeded state: no meetings, tokens, faults, quota use or clock offset. */
  reset(): void;
  /** A bearer token for a sandbox person (test helper; also POST /_sandbox/tokens). Throws for unknown people. */
  issueToken(email: string, scopes: readonly string[], options?: { clientId?: string; expiresInSeconds?: number; survivesReset?: boolean }): string;
  readonly meetings: { list(): MeetingSnapshot[]; get(seriesId: string): MeetingSnapshot | undefined };
  readonly directory: WebexDirectory;
  readonly faults: Faults;
  readonly quota: CreationQuota;
  advanceClock(ms: number): void;
  now(): Date;
  /** Calls answered, by method + route pattern (`GET /v1/people`); cumulative, not cleared by reset(). */
  readonly requests: RequestCounter;
}

export function createWebexEmulator(options: WebexEmulatorOptions = {}): WebexEmulator {
  const baseClock = options.clock ?? (() => new Date());
  let offsetMs = 0;
  const now = (): number => baseClock().getTime() + offsetMs;
  let baseUrl: string | undefined;
  let scheme = "https";

  const integrations = new Map<string, WebexIntegration>();
  for (const i of [SANDBOX_WEBEX_INTEGRATION, ...(options.integrations ?? [])]) integrations.set(i.clientId, i);
  const initialQuota = QuotaLimits.parse(options.quota ?? {});

  const ctx: WebexContext = {
    directory: new WebexDirectory(options.tenant ?? createTenant(), options.externalPeople),
    tokens: new TokenStore(now, options.tokens),
    meetings: new MeetingStore(),
    faults: new Faults(),
    quota: new CreationQuota(now, { ...initialQuota }),
    integrations,
    now,
    siteUrl: options.siteUrl ?? "contoso-sandbox.webex.com",
    startGraceMs: (options.startGraceSeconds ?? 60) * 1000,
    baseUrl: (req) => baseUrl ?? `${scheme}://${req.headers.host ?? "localhost"}`,
  };

  const requests = new RequestCounter();
  const router = new Router({
    onDispatch: (method, pattern) => requests.add(`${method} ${pattern ?? "(no route)"}`),
    notFound: (_req, res) => sendWebexError(res, 404, MESSAGES.notFound),
    onError: (error, _req, res) => {
      if (error instanceof BodyTooLargeError) sendWebexError(res, 413, "Request entity too large.");
      else sendWebexError(res, 500, MESSAGES.serverError, [String(error)]);
    },
  });

  // Every response carries a tracking id; error bodies repeat it.
  router.use(async (_req, res, next) => {
    res.setHeader(TRACKING_HEADER, newTrackingId());
    await next();
  });
  // Injected faults apply to the Webex API only, never to the controls.
  router.use(async (req, res, next) => {
    const fault = req.path.startsWith("/v1/") ? ctx.faults.take(req.method, req.path) : undefined;
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.status === undefined) return next();
    requests.add(`${req.method} ${req.path} (fault)`);
    const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
    sendWebexError(res, fault.status, fault.message ?? messageForStatus(fault.status), undefined, headers);
  });

  registerOAuthRoutes(router, ctx);
  registerPeopleRoutes(router, ctx);
  router.post("/v1/meetings", createMeeting(ctx));
  router.get("/v1/meetings", listMeetings(ctx));
  router.get("/v1/meetings/:meetingId", getMeeting(ctx));
  router.patch("/v1/meetings/:meetingId", updateMeeting(ctx, "patch"));
  router.put("/v1/meetings/:meetingId", updateMeeting(ctx, "put"));
  router.delete("/v1/meetings/:meetingId", deleteMeeting(ctx));

  const issue = (email: string, scopes: readonly string[], clientId: string, lifetimeSeconds?: number, token?: string): Grant | undefined => {
    const person = ctx.directory.byEmail(email);
    return person ? ctx.tokens.issueAccess(person, scopes, clientId, lifetimeSeconds, token) : undefined;
  };
  // Tokens a configured process holds (the sandbox's Webex service token): reissued after reset.
  const kept: { email: string; scopes: readonly string[]; clientId: string; lifetimeSeconds?: number; token: string }[] = [];
  const reset = (): void => {
    ctx.meetings.clear();
    ctx.tokens.clear();
    ctx.faults.clear();
    ctx.quota.clear();
    ctx.quota.limits = { ...initialQuota };
    offsetMs = 0;
    for (const k of kept) issue(k.email, k.scopes, k.clientId, k.lifetimeSeconds, k.token);
  };
  registerControlRoutes(router, ctx, {
    reset,
    issue,
    advanceClock: (ms) => void (offsetMs += ms),
    setNow: (ms) => void (offsetMs = ms - baseClock().getTime()),
  });

  return {
    listener: router.listener,
    setBaseUrl: (url) => void (baseUrl = url.replace(/\/+$/, "")),
    get baseUrl() {
      return baseUrl;
    },
    async start(startOptions = {}) {
      scheme = startOptions.tls ? "https" : "http";
      const running = await listen(router.listener, startOptions);
      baseUrl ??= running.url;
      return running;
    },
    reset,
    issueToken(email, scopes, tokenOptions = {}) {
      const clientId = tokenOptions.clientId ?? SANDBOX_WEBEX_INTEGRATION.clientId;
      const grant = issue(email, scopes, clientId, tokenOptions.expiresInSeconds);
      if (!grant) throw new Error(`${email} has no Webex account in the sandbox`);
      if (tokenOptions.survivesReset) kept.push({ email, scopes, clientId, lifetimeSeconds: tokenOptions.expiresInSeconds, token: grant.token });
      return grant.token;
    },
    meetings: {
      list: () => ctx.meetings.all().map(snapshotOf),
      get: (id) => {
        const m = ctx.meetings.get(id);
        return m ? snapshotOf(m) : undefined;
      },
    },
    directory: ctx.directory,
    faults: ctx.faults,
    quota: ctx.quota,
    advanceClock: (ms) => void (offsetMs += ms),
    now: () => new Date(now()),
    requests,
  };
}
