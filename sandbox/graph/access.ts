import type { TenantUser } from "../tenant";
import { findUser } from "./directory";
import { GraphError, invalidMailboxUser, outlookDenied } from "./errors";
import type { GraphEnv } from "./env";
import { requirePermission, type PermissionRule } from "./permissions";
import type { MailboxOf, Principal, RouteContext } from "./types";

/** `/me` needs a signed-in user; with an app-only token Graph answers 400, not 401/403. */
export function requireSignedInUser(principal: Principal): Extract<Principal, { kind: "delegated" }> {
  if (principal.kind !== "delegated") throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  return principal;
}

export function meUser(env: GraphEnv, principal: Principal): TenantUser {
  const p = requireSignedInUser(principal);
  const user = findUser(env.tenant, p.userId);
  if (!user) throw new GraphError(404, "Request_ResourceNotFound", `Resource '${p.userId}' does not exist or one of its queried reference-property objects are not present.`);
  return user;
}

/**
 * The mailbox an Outlook route works on: `/users/{userId}/…` or `/me/…`. Checks the permission
 * first, then — for delegated tokens — that the mailbox is the signed-in user's own: our scopes
 * (Calendars.ReadWrite, Contacts.Read) carry no `.Shared` right to other mailboxes.
 */
export function mailboxOwner(env: GraphEnv, ctx: RouteContext, rule: PermissionRule, operation?: string): TenantUser {
  const userParam = ctx.params["userId"];
  if (userParam === undefined) {
    const me = meUser(env, ctx.principal);
    requirePermission(ctx.principal, rule, operation);
    return me;
  }
  requirePermission(ctx.principal, rule, operation);
  const user = findUser(env.tenant, userParam);
  if (ctx.principal.kind === "delegated" && user?.id !== ctx.principal.userId) {
    throw rule.family === "subscription" ? new GraphError(403, "ExtensionError", `Operation: ${operation ?? "Read"}; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]`) : outlookDenied();
  }
  if (!user) throw invalidMailboxUser(userParam);
  return user;
}

/** For the pipeline's per-mailbox limits: which mailbox (user id) a request targets, if known. */
export function mailboxKey(env: GraphEnv): MailboxOf {
  return (ctx) => {
    const userParam = ctx.params["userId"];
    if (userParam === undefined) return ctx.principal.kind === "delegated" ? ctx.principal.userId : undefined;
    return findUser(env.tenant, userParam)?.id;
  };
}
