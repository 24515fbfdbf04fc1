import { randomUUID } from "node:crypto";
import { TENANT_ID, createTenant, userByLocal } from "../../sandbox/tenant";

/**
 * Teams `message` activities as the Teams channel posts them to /api/messages (the same shape
 * as the integration tests' `teamsMessage`, which bench/ must not import). The sender is looked
 * up once; each call then only stamps fresh ids, so building a payload costs the same few
 * microseconds for every sample and both sides.
 */
export function teamsMessageFactory(serviceUrl: string, from = "lars.berg"): (text: string) => Record<string, unknown> & { id: string } {
  const user = userByLocal(createTenant(), from);
  const locale = "en-US";
  return (text) => {
    const now = new Date().toISOString();
    return {
      type: "message",
      id: randomUUID(),
      timestamp: now,
      localTimestamp: now,
      localTimezone: user.timeZone,
      serviceUrl,
      channelId: "msteams",
      from: { id: `29:${user.id}`, name: user.displayName, aadObjectId: user.id },
      conversation: { conversationType: "personal", tenantId: TENANT_ID, id: `a:${randomUUID()}` },
      recipient: { id: "28:sandbox-bot", name: "Webex Scheduler" },
      textFormat: "plain",
      locale,
      text,
      entities: [{ type: "clientInfo", locale, country: "US", platform: "Web", timezone: user.timeZone }],
      channelData: { tenant: { id: TENANT_ID } },
    };
  };
}
