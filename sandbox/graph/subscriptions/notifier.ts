import { randomUUID } from "node:crypto";
import { isoUtc7 } from "../events/datetime";
import type { EventChange, EventStore } from "../events/store";
import type { Delivery } from "./delivery";
import type { Subscription, SubscriptionStore } from "./store";

/**
 * Turns calendar changes into change notifications for every live subscription on that
 * mailbox whose changeType covers them, and sends lifecycle notifications on request.
 * Payloads follow examples/outlook-change-notification.json and lifecycle-notification.json.
 */

export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

function expiration(s: Subscription): string {
  return isoUtc7(s.expirationMs).replace("Z", "+00:00");
}

export function changePayload(s: Subscription, change: EventChange): Record<string, unknown> {
  const resource = `Users/${change.mailboxId}/Events/${change.eventId}`;
  return {
    id: randomUUID(),
    subscriptionId: s.id,
    subscriptionExpirationDateTime: expiration(s),
    changeType: change.changeType,
    resource,
    resourceData: {
      "@odata.type": "#Microsoft.Graph.Event",
      "@odata.id": resource,
      "@odata.etag": `W/"${change.changeKey}"`,
      id: change.eventId,
    },
    clientState: s.clientState,
    tenantId: s.tenantId,
  };
}

export function lifecyclePayload(s: Subscription, lifecycleEvent: LifecycleEvent): Record<string, unknown> {
  return {
    subscriptionId: s.id,
    subscriptionExpirationDateTime: expiration(s),
    tenantId: s.tenantId,
    clientState: s.clientState,
    lifecycleEvent,
  };
}

export function connectNotifications(events: EventStore, subscriptions: SubscriptionStore, delivery: Delivery): void {
  events.onChange((change) => {
    for (const s of subscriptions.forMailbox(change.mailboxId)) {
      if (!s.changeTypes.has(change.changeType)) continue;
      delivery.enqueueChange(s.notificationUrl, { subscriptionId: s.id, payload: changePayload(s, change) });
    }
  });
}

/**
 * What the service does for each lifecycle event: `subscriptionRemoved` deletes the subscription,
 * `reauthorizationRequired` flags it until /reauthorize or a renewal, `missed` only tells.
 * Without a lifecycleNotificationUrl nothing is sent (but the removal still happens).
 */
export function triggerLifecycle(subscriptions: SubscriptionStore, delivery: Delivery, s: Subscription, event: LifecycleEvent): boolean {
  if (event === "subscriptionRemoved") subscriptions.remove(s.id);
  if (event === "reauthorizationRequired") s.reauthorizationRequired = true;
  if (!s.lifecycleNotificationUrl) return false;
  delivery.sendLifecycle(s.lifecycleNotificationUrl, { subscriptionId: s.id, payload: lifecyclePayload(s, event) });
  return true;
}
