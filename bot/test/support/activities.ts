import { randomUUID } from "node:crypto";
import { TENANT_ID, createTenant, userByLocal, type Tenant } from "../../../sandbox/tenant";

/** Teams-shaped activities, as the Teams channel posts them to /api/messages. */
export interface MessageOptions {
  serviceUrl: string;
  text: string;
  /** Local part of a demo-tenant user's UPN; default Lars Berg. */
  from?: string;
  locale?: string;
  timezone?: string;
  conversationType?: "personal" | "groupChat" | "channel";
  conversationId?: string;
  botId?: string;
  /** The tenant the sender comes from (default: a fresh demo tenant). */
  tenant?: Tenant;
}

export function teamsMessage(options: MessageOptions): Record<string, unknown> {
  const tenant = options.tenant ?? createTenant();
  const user = userByLocal(tenant, options.from ?? "lars.berg");
  const locale = options.locale ?? "en-US";
  const timezone = options.timezone ?? user.timeZone;
  const botId = options.botId ?? "28:sandbox-bot";
  const conversationType = options.conversationType ?? "personal";
  return {
    type: "message",
    id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: timezone,
    serviceUrl: options.serviceUrl,
    channelId: "msteams",
    from: { id: `29:${user.id}`, name: user.displayName, aadObjectId: user.id },
    conversation: {
      conversationType,
      tenantId: TENANT_ID,
      id: options.conversationId ?? `a:${randomUUID()}`,
      ...(conversationType === "channel" ? { isGroup: true } : {}),
    },
    recipient: { id: botId, name: "Webex Scheduler" },
    textFormat: "plain",
    locale,
    text: options.text,
    entities: [{ type: "clientInfo", locale, country: locale.split("-")[1] ?? "US", platform: "Web", timezone }],
    channelData: { tenant: { id: TENANT_ID } },
  };
}
