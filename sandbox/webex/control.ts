import { z } from "zod";
import { sendEmpty, sendJson, type Router } from "../common/http";
import { readJsonBody } from "./body";
import type { WebexContext } from "./context";
import { sendWebexError } from "./errors";
import { FaultSpec } from "./faults";
import { SANDBOX_WEBEX_INTEGRATION } from "./integration";
import { snapshotOf } from "./snapshot";
import type { Grant } from "./tokens";

/**
 * Test and demo controls under /_sandbox/ (not part of the Webex API):
 * - POST /_sandbox/reset                         → 204; meetings, tokens, faults, quota, clock offset cleared
 * - POST /_sandbox/tokens {email, scopes, clientId?, expiresInSeconds?} → a bearer token for that person,
 *   e.g. the service/admin token of the tenant-mode path (admin scopes) — no consent page
 * - DELETE /_sandbox/tokens/{token}              → 204 (revoked) / 404
 * - GET|POST|DELETE /_sandbox/faults             → list / add one or several FaultSpec / clear
 * - GET /_sandbox/clock, POST /_sandbox/clock {advanceSeconds} | {now} → the emulator's time
 * - GET|PUT /_sandbox/quota                      → the meeting-creation quota limits
 * - GET /_sandbox/meetings                       → every stored meeting, with what the API never echoes
 * - GET /_sandbox/integration                    → the registered sandbox integration (client id/secret)
 */
export interface ControlHooks {
  reset(): void;
  issue(email: string, scopes: string[], clientId: string, lifetimeSeconds?: number): Grant | undefined;
  advanceClock(ms: number): void;
  setNow(ms: number): void;
}

const TokenRequest = z.object({
  email: z.string(),
  scopes: z.union([z.array(z.string()), z.string().transform((s) => s.split(/\s+/).filter((x) => x !== ""))]),
  clientId: z.string().optional(),
  expiresInSeconds: z.number().int().positive().optional(),
});

// No defaults here: an update changes only the limits it names.
const QuotaUpdate = z.object({
  perUser: z.number().int().min(0).optional(),
  perAdmin: z.number().int().min(0).optional(),
  perHostViaAdmin: z.number().int().min(0).optional(),
  windowMs: z.number().int().min(1).optional(),
});

const ClockRequest = z.union([z.object({ advanceSeconds: z.number() }), z.object({ now: z.string() })]);

export function registerControlRoutes(router: Router, ctx: WebexContext, hooks: ControlHooks): void {
  router.post("/_sandbox/reset", (_req, res) => {
    hooks.reset();
    sendEmpty(res, 204);
  });

  router.post("/_sandbox/tokens", (req, res) => {
    const body = readJsonBody(req, res, TokenRequest);
    if (!body) return;
    const grant = hooks.issue(body.email, body.scopes, body.clientId ?? SANDBOX_WEBEX_INTEGRATION.clientId, body.expiresInSeconds);
    if (!grant) return sendWebexError(res, 404, "No Webex user with that email.", [`${body.email} has no Webex account in the sandbox.`]);
    sendJson(res, 200, {
      access_token: grant.token,
      expires_in: Math.floor((grant.expiresAtMs - ctx.now()) / 1000),
      token_type: "Bearer",
      scope: [...grant.scopes].join(" "),
      personId: grant.person.id,
    });
  });
  router.delete("/_sandbox/tokens/:token", (req, res) => sendEmpty(res, ctx.tokens.revoke(req.params.token ?? "") ? 204 : 404));

  router.get("/_sandbox/faults", (_req, res) => sendJson(res, 200, { faults: ctx.faults.list() }));
  router.post("/_sandbox/faults", (req, res) => {
    const body = readJsonBody(req, res, z.union([FaultSpec, z.object({ faults: z.array(FaultSpec) })]));
    if (!body) return;
    const specs = "faults" in body ? body.faults : [body];
    sendJson(res, 201, { faults: specs.map((s) => ctx.faults.add(s)) });
  });
  router.delete("/_sandbox/faults", (_req, res) => {
    ctx.faults.clear();
    sendEmpty(res, 204);
  });

  router.get("/_sandbox/clock", (_req, res) => sendJson(res, 200, { now: new Date(ctx.now()).toISOString() }));
  router.post("/_sandbox/clock", (req, res) => {
    const body = readJsonBody(req, res, ClockRequest);
    if (!body) return;
    if ("advanceSeconds" in body) hooks.advanceClock(body.advanceSeconds * 1000);
    else {
      const ms = Date.parse(body.now);
      if (Number.isNaN(ms)) return sendWebexError(res, 400, "now must be an ISO 8601 date and time.");
      hooks.setNow(ms);
    }
    sendJson(res, 200, { now: new Date(ctx.now()).toISOString() });
  });

  router.get("/_sandbox/quota", (_req, res) => sendJson(res, 200, ctx.quota.limits));
  router.put("/_sandbox/quota", (req, res) => {
    const body = readJsonBody(req, res, QuotaUpdate);
    if (!body) return;
    const defined = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    ctx.quota.limits = { ...ctx.quota.limits, ...defined };
    sendJson(res, 200, ctx.quota.limits);
  });

  router.get("/_sandbox/meetings", (_req, res) => sendJson(res, 200, { items: ctx.meetings.all().map(snapshotOf) }));
  router.get("/_sandbox/integration", (_req, res) => {
    const i = SANDBOX_WEBEX_INTEGRATION;
    sendJson(res, 200, { clientId: i.clientId, clientSecret: i.clientSecret, name: i.name, scopes: i.scopes, redirectUris: i.redirectUris });
  });
}
