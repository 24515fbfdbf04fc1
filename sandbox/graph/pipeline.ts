import { setTimeout as sleep } from "node:timers/promises";
import type { RequestCounter } from "../common/request-counter";
import { authenticate, type AuthOptions } from "./auth";
import { GraphError, MSG, errorResult } from "./errors";
import { faultError, parseFaultHeader, type FaultSpec, type Faults } from "./faults";
import type { MailboxLimits } from "./mailbox-limits";
import type { RouteTable } from "./route-table";
import type { GraphRequest, GraphResult } from "./types";

/**
 * One call through the emulator, for HTTP requests and `$batch` sub-requests alike:
 * faults → bearer token → route → permission checks (in the handler) → per-mailbox limits → handler.
 */
export interface PipelineDeps {
  routes: RouteTable;
  faults: Faults;
  limits: MailboxLimits;
  auth: AuthOptions;
  now: () => Date;
  /** Unexpected exceptions end here (the response is a 500 `generalException`). */
  onUnexpected?: (error: unknown, req: GraphRequest) => void;
  /** Counts every call by method + route pattern; `$batch` sub-requests are keyed `$batch: GET /users/:id`. */
  requests?: RequestCounter;
}

export type PipelineOutcome = GraphResult | { drop: true };

export async function runPipeline(req: GraphRequest, deps: PipelineDeps): Promise<PipelineOutcome> {
  const ids = { requestId: req.requestId, clientRequestId: req.clientRequestId };
  const fault: FaultSpec | undefined = parseFaultHeader(req.headers["x-sandbox-fault"]) ?? deps.faults.take(req.method, req.path);
  const count = (route: string): void => deps.requests?.add(`${req.topLevel ? "" : "$batch: "}${req.method.toUpperCase()} ${route}`);
  if (fault?.drop || fault?.status) count(`${req.path} (fault)`);
  try {
    if (fault?.drop) {
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (req.topLevel) return { drop: true };
      // Half a batch cannot lose its connection; the sub-request times out instead.
      return errorResult(new GraphError(504, "UnknownError", "Gateway Timeout"), ids, deps.now());
    }
    if (fault?.status) {
      if (fault.latencyMs) await sleep(fault.latencyMs);
      const { code, message } = faultError(fault.status);
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined || fault.status === 429 || fault.status === 503) headers["retry-after"] = String(fault.retryAfterSeconds ?? 1);
      return errorResult(new GraphError(fault.status, code, message, headers), ids, deps.now());
    }

    // Matched before authenticating only so that refused calls are counted too; errors keep their order.
    const match = deps.routes.match(req.method, req.path);
    count(match.kind === "found" ? `/${match.route.segments.join("/")}` : "(no route)");
    const principal = await authenticate(req, deps.auth);
    if (match.kind === "method-not-allowed") throw new GraphError(405, "Request_BadRequest", MSG.methodNotAllowed);
    if (match.kind === "not-found") throw new GraphError(400, "BadRequest", `Resource not found for the segment '${match.segment}'.`);
    const ctx = { req, params: match.params, principal };
    const mailbox = match.route.mailbox?.(ctx);
    const release = mailbox ? deps.limits.enter(principal.appId, mailbox) : undefined;
    try {
      if (fault?.latencyMs) await sleep(fault.latencyMs);
      return await match.route.handler(ctx);
    } finally {
      release?.();
    }
  } catch (error) {
    if (error instanceof GraphError) return errorResult(error, ids, deps.now());
    deps.onUnexpected?.(error, req);
    return errorResult(new GraphError(500, "generalException", "General exception while processing."), ids, deps.now());
  }
}
