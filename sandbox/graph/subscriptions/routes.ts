import { randomUUID } from "node:crypto";
import { z } from "zod";
import { requireSignedInUser } from "../access";
import { jsonBody } from "../body";
import { findUser } from "../directory";
import { GraphError, invalidMailboxUser } from "../errors";
import type { GraphEnv } from "../env";
import { parseInstant } from "../odata/filter-eval";
import { PERMISSIONS, denial, requirePermission } from "../permissions";
import type { RouteTable } from "../route-table";
import type { GraphResult, Principal, RouteContext } from "../types";
import { subscriptionJson, type Subscription } from "./store";
import { checkNotificationUrl, validateEndpoint } from "./validation";

/** `/subscriptions`: create (with the validation handshake), get, list, renew, delete, reauthorize. */
export interface SubscriptionRouteOptions {
  maxSubscriptionMinutes: number;
  allowHttpNotificationUrl: boolean;
  validationTimeoutMs: number;
}

const CHANGE_TYPES = ["created", "updated", "deleted"];
const PAYLOAD_ERROR =
  "Could not process subscription creation payload. Are all property names spelled and camelCased properly? Also are the dateTimeOffest properties in a valid internet date-time format?";

// https://learn.microsoft.com/graph/api/resources/subscription — the properties a client may send.
const CreateSchema = z.object({
  changeType: z.string(),
  notificationUrl: z.string(),
  resource: z.string(),
  expirationDateTime: z.string(),
  clientState: z.string().nullable().optional(),
  lifecycleNotificationUrl: z.string().nullable().optional(),
  latestSupportedTlsVersion: z.enum(["v1_0", "v1_1", "v1_2", "v1_3"]).optional(),
  includeResourceData: z.boolean().optional(),
  encryptionCertificate: z.string().nullable().optional(),
  encryptionCertificateId: z.string().nullable().optional(),
  notificationQueryOptions: z.string().nullable().optional(),
  notificationUrlAppId: z.string().nullable().optional(),
}).strict();

const UpdateSchema = z.object({
  expirationDateTime: z.string().optional(),
  notificationUrl: z.string().optional(),
  lifecycleNotificationUrl: z.string().nullable().optional(),
  latestSupportedTlsVersion: z.enum(["v1_0", "v1_1", "v1_2", "v1_3"]).optional(),
}).strict();

const notFound = (): GraphError => new GraphError(404, "ResourceNotFound", "The object was not found.");

export function registerSubscriptions(table: RouteTable, env: GraphEnv, options: SubscriptionRouteOptions): void {
  const expiry = (raw: string): number => {
    const ms = parseInstant(raw);
    if (ms === undefined) throw new GraphError(400, "InvalidRequest", PAYLOAD_ERROR);
    const now = env.now().getTime();
    if (ms <= now) throw new GraphError(400, "InvalidRequest", "Subscription expiration must be in the future.");
    if (ms > now + options.maxSubscriptionMinutes * 60_000) {
      throw new GraphError(400, "ExtensionError", `Subscription expiration can only be ${options.maxSubscriptionMinutes} minutes in the future.`);
    }
    return ms;
  };

  /** `/users/{id|upn}/events` or `/me/events` → the mailbox owner, with the delegated own-mailbox rule. */
  const mailboxOf = (resource: string, principal: Principal): string => {
    const m = /^\/?(?:(me)|users\/([^/]+))\/events\/?$/i.exec(resource.trim());
    if (!m) throw new GraphError(400, "InvalidRequest", `Resource '${resource}' is not supported by the sandbox: use /users/{id}/events or /me/events.`);
    const userId = m[1] ? requireSignedInUser(principal).userId : decodeURIComponent(m[2]!);
    const user = findUser(env.tenant, userId);
    if (principal.kind === "delegated" && user?.id !== principal.userId) throw denial(principal, PERMISSIONS.subscriptions, "Create");
    if (!user) throw invalidMailboxUser(userId);
    return user.id;
  };

  const visible = (principal: Principal, s: Subscription): boolean =>
    s.applicationId === principal.appId && (principal.kind === "application" || s.creatorId === principal.userId);

  const load = (c: RouteContext, operation: string): Subscription => {
    requirePermission(c.principal, PERMISSIONS.subscriptions, operation);
    const s = env.subscriptions.get(c.params["subscriptionId"]!);
    if (!s || !visible(c.principal, s)) throw notFound();
    return s;
  };

  const entity = (c: RouteContext, s: Subscription, status = 200): GraphResult => ({
    status,
    body: { "@odata.context": `${c.req.origin}/v1.0/$metadata#subscriptions/$entity`, ...subscriptionJson(s) },
  });

  table.add("POST", "/subscriptions", async (c) => {
    const parsed = CreateSchema.safeParse(jsonBody(c.req));
    if (!parsed.success) throw new GraphError(400, "InvalidRequest", PAYLOAD_ERROR);
    const body = parsed.data;
    requirePermission(c.principal, PERMISSIONS.subscriptions, "Create");
    const types = body.changeType.split(",").map((t) => t.trim().toLowerCase());
    if (types.length === 0 || types.some((t) => !CHANGE_TYPES.includes(t)) || new Set(types).size !== types.length) {
      throw new GraphError(400, "InvalidRequest", `Invalid changeType '${body.changeType}': use a comma-separated subset of created, updated, deleted.`);
    }
    if (body.clientState && body.clientState.length > 128) throw new GraphError(400, "InvalidRequest", "clientState can be at most 128 characters long.");
    if (body.includeResourceData) throw new GraphError(400, "InvalidRequest", "includeResourceData requires an encryptionCertificate; rich notifications are not supported by the sandbox.");
    const expirationMs = expiry(body.expirationDateTime);
    const mailboxId = mailboxOf(body.resource, c.principal);
    checkNotificationUrl("notificationUrl", body.notificationUrl, options.allowHttpNotificationUrl);
    if (body.lifecycleNotificationUrl) checkNotificationUrl("lifecycleNotificationUrl", body.lifecycleNotificationUrl, options.allowHttpNotificationUrl);
    await validateEndpoint(body.notificationUrl, { timeoutMs: options.validationTimeoutMs });
    if (body.lifecycleNotificationUrl) await validateEndpoint(body.lifecycleNotificationUrl, { timeoutMs: options.validationTimeoutMs });
    const principal = c.principal;
    const s: Subscription = {
      id: randomUUID(),
      resource: body.resource,
      mailboxId,
      changeType: types.join(","),
      changeTypes: new Set(types),
      notificationUrl: body.notificationUrl,
      lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
      expirationMs,
      clientState: body.clientState ?? null,
      applicationId: principal.appId,
      creatorId: principal.kind === "delegated" ? principal.userId : principal.servicePrincipalId,
      tenantId: principal.claims.tid,
      latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? "v1_2",
      reauthorizationRequired: false,
    };
    env.subscriptions.add(s);
    return entity(c, s, 201);
  });

  table.add("GET", "/subscriptions", (c) => {
    requirePermission(c.principal, PERMISSIONS.subscriptions, "List");
    const mine = env.subscriptions.all().filter((s) => visible(c.principal, s));
    return { status: 200, body: { "@odata.context": `${c.req.origin}/v1.0/$metadata#subscriptions`, value: mine.map(subscriptionJson) } };
  });

  table.add("GET", "/subscriptions/:subscriptionId", (c) => entity(c, load(c, "Get")));

  table.add("PATCH", "/subscriptions/:subscriptionId", async (c) => {
    const s = load(c, "Update");
    const parsed = UpdateSchema.safeParse(jsonBody(c.req));
    if (!parsed.success) throw new GraphError(400, "InvalidRequest", "Only expirationDateTime and notificationUrl can be updated on a subscription.");
    const body = parsed.data;
    if (body.lifecycleNotificationUrl !== undefined && body.lifecycleNotificationUrl !== s.lifecycleNotificationUrl) {
      throw new GraphError(400, "InvalidRequest", "lifecycleNotificationUrl can only be set when the subscription is created; delete and recreate the subscription to add one.");
    }
    const expirationMs = body.expirationDateTime !== undefined ? expiry(body.expirationDateTime) : s.expirationMs;
    if (body.notificationUrl !== undefined && body.notificationUrl !== s.notificationUrl) {
      checkNotificationUrl("notificationUrl", body.notificationUrl, options.allowHttpNotificationUrl);
      await validateEndpoint(body.notificationUrl, { timeoutMs: options.validationTimeoutMs });
      s.notificationUrl = body.notificationUrl;
    }
    s.expirationMs = expirationMs;
    // Renewing also counts as reauthorizing (the service accepts either after reauthorizationRequired).
    s.reauthorizationRequired = false;
    if (body.latestSupportedTlsVersion) s.latestSupportedTlsVersion = body.latestSupportedTlsVersion;
    return entity(c, s);
  });

  table.add("DELETE", "/subscriptions/:subscriptionId", (c) => {
    const s = load(c, "Delete");
    env.subscriptions.remove(s.id);
    return { status: 204 };
  });

  table.add("POST", "/subscriptions/:subscriptionId/reauthorize", (c) => {
    const s = load(c, "Reauthorize");
    s.reauthorizationRequired = false;
    return { status: 204 };
  });
}
