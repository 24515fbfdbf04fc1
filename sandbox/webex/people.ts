import { sendJson, type Handler, type Router } from "../common/http";
import { nextLink, parsePaging, type WebexContext } from "./context";
import type { WebexPerson } from "./directory";
import { MESSAGES, sendWebexError } from "./errors";
import { SCOPES } from "./integration";
import { authenticate, type Grant } from "./tokens";

/**
 * GET /v1/people, /v1/people/me, /v1/people/{id} (official OpenAPI webex-messaging.json,
 * "List People", "Get My Own Details", "Get Person Details").
 * - Lookup by `email` works only within the caller's organisation; nothing found is
 *   `200 {"items": []}`, found is `{"notFoundIds": null, "items": [...]}` — the real service
 *   sends `null` although the OpenAPI declares an array.
 * - `displayName` matches name prefixes; `id` takes up to 85 comma-separated ids and reports
 *   the unknown ones in `notFoundIds`.
 * - Without any of them, only admins (spark-admin:people_read) may list everyone.
 */

const PEOPLE_SCOPES = [SCOPES.peopleRead, SCOPES.sparkAll, SCOPES.adminPeopleRead] as const;

export function registerPeopleRoutes(router: Router, ctx: WebexContext): void {
  router.get("/v1/people/me", me(ctx));
  router.get("/v1/people/:personId", byId(ctx));
  router.get("/v1/people", list(ctx));
}

function me(ctx: WebexContext): Handler {
  return (req, res) => {
    const grant = authenticate(ctx.tokens, req, res, PEOPLE_SCOPES);
    if (!grant) return;
    sendJson(res, 200, renderPerson(grant.person, ctx, grant, true));
  };
}

function byId(ctx: WebexContext): Handler {
  return (req, res) => {
    const grant = authenticate(ctx.tokens, req, res, PEOPLE_SCOPES);
    if (!grant) return;
    const person = ctx.directory.byId(req.params.personId ?? "");
    if (!person || person.orgId !== grant.person.orgId) return sendWebexError(res, 404, MESSAGES.notFound, ["Person not found."]);
    sendJson(res, 200, renderPerson(person, ctx, grant, false));
  };
}

function list(ctx: WebexContext): Handler {
  return (req, res) => {
    const grant = authenticate(ctx.tokens, req, res, PEOPLE_SCOPES);
    if (!grant) return;
    const paging = parsePaging(req, 100, 1000);
    if (!paging) return sendWebexError(res, 400, MESSAGES.invalidItems, ["max: must be a positive integer."]);
    const sameOrg = (p: WebexPerson | undefined): p is WebexPerson => p !== undefined && p.orgId === grant.person.orgId;
    const email = req.query.get("email");
    const displayName = req.query.get("displayName");
    const ids = req.query.get("id");

    let found: WebexPerson[];
    let notFoundIds: string[] | null = null;
    if (ids !== null) {
      const wanted = ids.split(",").map((s) => s.trim()).filter((s) => s !== "");
      if (wanted.length > 85) return sendWebexError(res, 400, MESSAGES.invalidItems, ["id: at most 85 ids may be given."]);
      found = wanted.map((id) => ctx.directory.byId(id)).filter(sameOrg);
      const missing = wanted.filter((id) => !found.some((p) => p.id === id));
      notFoundIds = missing.length > 0 ? missing : null;
    } else if (email !== null) {
      const p = ctx.directory.byEmail(email);
      found = sameOrg(p) ? [p] : [];
    } else if (displayName !== null) {
      const prefix = displayName.trim().toLowerCase();
      found = ctx.directory
        .inOrg(grant.person.orgId)
        .filter((p) => [p.displayName, p.firstName, p.lastName].some((n) => n.toLowerCase().startsWith(prefix)));
    } else if (grant.scopes.has(SCOPES.adminPeopleRead)) {
      found = ctx.directory.inOrg(grant.person.orgId);
    } else {
      return sendWebexError(res, 400, MESSAGES.invalidItems, ["Email, displayName, or id list should be specified."]);
    }

    const page = found.slice(paging.offset, paging.offset + paging.max).map((p) => renderPerson(p, ctx, grant, false));
    const headers = nextLink(ctx, req, paging.offset, paging.max, found.length);
    if (page.length === 0 && ids === null) return sendJson(res, 200, { items: [] }, headers);
    sendJson(res, 200, { notFoundIds, items: page }, headers);
  };
}

/** A Person object; admin-only attributes appear for admin callers, presence for the org. */
function renderPerson(p: WebexPerson, ctx: WebexContext, viewer: Grant, self: boolean): Record<string, unknown> {
  const admin = viewer.scopes.has(SCOPES.adminPeopleRead);
  return {
    id: p.id,
    emails: [p.email],
    phoneNumbers: [],
    displayName: p.displayName,
    nickName: p.firstName,
    firstName: p.firstName,
    lastName: p.lastName,
    orgId: p.orgId,
    ...(p.title ? { title: p.title } : {}),
    ...(p.department ? { department: p.department } : {}),
    created: p.created,
    lastModified: p.created,
    timezone: p.timezone,
    lastActivity: new Date(ctx.now() - 3_600_000).toISOString(),
    ...(self || admin ? { siteUrls: [`${ctx.siteUrl}#attendee`] } : {}),
    status: p.loginEnabled ? "inactive" : "unknown",
    ...(admin ? { invitePending: "false", loginEnabled: p.loginEnabled ? "true" : "false" } : {}),
    type: "person",
  };
}
