import type { ServerResponse } from "node:http";
import { z } from "zod";
import { parseJson, sendEmpty, sendJson, type Router, type SandboxRequest } from "../common/http";
import { renderEvent } from "./events/shape";
import type { EventStore } from "./events/store";
import { FaultRuleInputSchema, type Faults } from "./faults";
import type { Delivery } from "./subscriptions/delivery";
import { triggerLifecycle } from "./subscriptions/notifier";
import { subscriptionJson, type SubscriptionStore } from "./subscriptions/store";

/**
 * Control endpoints under `/_sandbox/` (no auth; the server only listens on loopback):
 *   POST   /_sandbox/reset                       back to the seeded tenant, no subscriptions/faults
 *   GET    /_sandbox/faults                      active fault rules
 *   POST   /_sandbox/faults                      {path, method?, times?, fault:{status?, retryAfterSeconds?, latencyMs?, drop?}}
 *   DELETE /_sandbox/faults                      clear all fault rules
 *   POST   /_sandbox/lifecycle                   {subscriptionId, lifecycleEvent: reauthorizationRequired|subscriptionRemoved|missed}
 *   GET    /_sandbox/subscriptions               every live subscription (all apps)
 *   GET    /_sandbox/deliveries                  webhook delivery attempts so far
 *   GET    /_sandbox/mailboxes/{userId}/events   a calendar as stored (UTC), without auth
 */
export interface ControlDeps {
  reset: () => void;
  faults: Faults;
  delivery: Delivery;
  subscriptions: SubscriptionStore;
  events: EventStore;
}

const LifecycleSchema = z.object({
  subscriptionId: z.string(),
  lifecycleEvent: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]),
});

function body<T>(req: SandboxRequest, res: ServerResponse, schema: z.ZodType<T>): T | undefined {
  const parsed = schema.safeParse(parseJson(req.body));
  if (!parsed.success) {
    sendJson(res, 400, { error: { code: "BadRequest", message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } });
    return undefined;
  }
  return parsed.data;
}

export function registerControl(router: Router, deps: ControlDeps): void {
  router.post("/_sandbox/reset", (_req, res) => {
    deps.reset();
    sendEmpty(res, 204);
  });
  router.get("/_sandbox/faults", (_req, res) => sendJson(res, 200, { value: deps.faults.list() }));
  router.post("/_sandbox/faults", (req, res) => {
    const input = body(req, res, FaultRuleInputSchema);
    if (!input) return;
    const { regex: _regex, ...rule } = deps.faults.add(input);
    sendJson(res, 201, rule);
  });
  router.delete("/_sandbox/faults", (_req, res) => {
    deps.faults.clear();
    sendEmpty(res, 204);
  });
  router.post("/_sandbox/lifecycle", (req, res) => {
    const input = body(req, res, LifecycleSchema);
    if (!input) return;
    const s = deps.subscriptions.get(input.subscriptionId);
    if (!s) return sendJson(res, 404, { error: { code: "ResourceNotFound", message: "No live subscription with that id." } });
    const sent = triggerLifecycle(deps.subscriptions, deps.delivery, s, input.lifecycleEvent);
    sendJson(res, 202, { sent, lifecycleNotificationUrl: s.lifecycleNotificationUrl });
  });
  router.get("/_sandbox/subscriptions", (_req, res) =>
    sendJson(res, 200, { value: deps.subscriptions.all().map((s) => ({ ...subscriptionJson(s), mailboxId: s.mailboxId, reauthorizationRequired: s.reauthorizationRequired })) }),
  );
  router.get("/_sandbox/deliveries", (_req, res) => sendJson(res, 200, { value: deps.delivery.attempts }));
  router.get("/_sandbox/mailboxes/:userId/events", (req, res) =>
    sendJson(res, 200, { value: deps.events.list(req.params["userId"]!).map((v) => renderEvent(v, { extended: () => true })) }),
  );
}
