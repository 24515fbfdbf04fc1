import { meUser } from "./access";
import { USER_PROPERTIES, defaultUserView, findUser, userJson, verifiedDomains } from "./directory";
import { GraphError, userNotFound } from "./errors";
import type { GraphEnv } from "./env";
import { runDirectoryQuery, isEventual, type DirectoryRules } from "./odata/directory-query";
import { contextSelection, parseSelect, project } from "./odata/select";
import { PERMISSIONS, holds, requirePermission } from "./permissions";
import type { RouteTable } from "./route-table";
import { registerUsersDelta } from "./users-delta";
import type { GraphRequest } from "./types";
import type { TenantUser } from "../tenant";

/** `/users`, `/users/{id | userPrincipalName}`, `/me`, `/organization`. */

export const USER_RULES: DirectoryRules = {
  resource: "User",
  filterable: {
    displayname: "string", givenname: "string", surname: "string", mail: "string", userprincipalname: "string", id: "string",
    jobtitle: "string", department: "string", officelocation: "string", preferredlanguage: "string", companyname: "string",
    usertype: "string", mailnickname: "string", accountenabled: "bool", proxyaddresses: "collection", othermails: "collection", imaddresses: "collection",
  },
  searchable: ["displayName", "givenName", "surname", "mail", "userPrincipalName", "mailNickname", "jobTitle", "department"],
  orderable: ["displayName", "userPrincipalName"],
};

const unknownUserProperty = (name: string): GraphError =>
  new GraphError(400, "Request_BadRequest", `Could not find a property named '${name}' on type 'microsoft.graph.user'.`);

export function selectUsers(req: GraphRequest): string[] | undefined {
  return parseSelect(req.query.get("$select"), USER_PROPERTIES, unknownUserProperty);
}

export function userView(u: TenantUser, env: GraphEnv, selected: string[] | undefined): Record<string, unknown> {
  return selected ? project(userJson(u, env.tenant), selected) : defaultUserView(u, env.tenant);
}

export function registerUsers(table: RouteTable, env: GraphEnv): void {
  const ctxUrl = (req: GraphRequest, tail: string): string => `${req.origin}/v1.0/$metadata#${tail}`;

  table.add("GET", "/users", ({ req, principal }) => {
    requirePermission(principal, PERMISSIONS.usersList);
    const selected = selectUsers(req);
    const all = env.tenant.users.map((u) => userJson(u, env.tenant));
    const page = runDirectoryQuery(req, all, USER_RULES);
    const body: Record<string, unknown> = { "@odata.context": ctxUrl(req, `users${contextSelection(selected)}`) };
    if (page.count !== undefined) body["@odata.count"] = page.count;
    if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
    body["value"] = page.value.map((full) => {
      const u = findUser(env.tenant, String(full["id"]))!;
      return userView(u, env, selected);
    });
    return { status: 200, body };
  });

  table.add("GET", "/users/$count", ({ req, principal }) => {
    requirePermission(principal, PERMISSIONS.usersList);
    if (!isEventual(req)) throw new GraphError(400, "Request_BadRequest", "$count is not currently supported.");
    return { status: 200, text: String(env.tenant.users.length) };
  });

  registerUsersDelta(table, env, selectUsers);

  table.add("GET", "/users/:userId", ({ req, params, principal }) => {
    const user = findUser(env.tenant, params["userId"]!);
    const self = principal.kind === "delegated" && user?.id === principal.userId;
    requirePermission(principal, self ? PERMISSIONS.userGetSelf : PERMISSIONS.userGet);
    if (!user) throw userNotFound(params["userId"]!);
    const selected = selectUsers(req);
    return { status: 200, body: { "@odata.context": ctxUrl(req, `users${contextSelection(selected)}/$entity`), ...userView(user, env, selected) } };
  });

  table.add("GET", "/me", ({ req, principal }) => {
    const user = meUser(env, principal);
    requirePermission(principal, PERMISSIONS.userGetSelf);
    const selected = selectUsers(req);
    return { status: 200, body: { "@odata.context": ctxUrl(req, `users${contextSelection(selected)}/$entity`), ...userView(user, env, selected) } };
  });

  const organization = (full: boolean): Record<string, unknown> => {
    const t = env.tenant;
    const all: Record<string, unknown> = {
      id: t.id,
      deletedDateTime: null,
      businessPhones: [],
      city: "Stockholm",
      country: "Sweden",
      countryLetterCode: "SE",
      createdDateTime: "2024-01-15T08:00:00Z",
      defaultUsageLocation: "SE",
      displayName: t.displayName,
      marketingNotificationEmails: [],
      onPremisesLastSyncDateTime: null,
      onPremisesSyncEnabled: null,
      postalCode: null,
      preferredLanguage: "en",
      securityComplianceNotificationMails: [],
      securityComplianceNotificationPhones: [],
      state: null,
      street: null,
      technicalNotificationMails: [],
      tenantType: "AAD",
      isMultipleDataLocationsForServicesEnabled: null,
      partnerTenantType: null,
      directorySizeQuota: { used: t.users.length + t.groups.length, total: 50_000 },
      assignedPlans: [],
      privacyProfile: null,
      provisionedPlans: [],
      verifiedDomains: verifiedDomains(t),
    };
    if (full) return all;
    // With only User.Read, Graph fills id, displayName and verifiedDomains and nulls the rest.
    return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, ["id", "displayName", "verifiedDomains"].includes(k) ? v : null]));
  };

  const ORG_PROPERTIES = Object.keys(organization(true));
  const orgSelect = (req: GraphRequest): string[] | undefined =>
    parseSelect(req.query.get("$select"), ORG_PROPERTIES, (name) => new GraphError(400, "Request_BadRequest", `Could not find a property named '${name}' on type 'microsoft.graph.organization'.`));

  table.add("GET", "/organization", ({ req, principal }) => {
    requirePermission(principal, PERMISSIONS.organization);
    const full = principal.kind === "application" || holds(principal, { ...PERMISSIONS.organization, delegated: ["Directory.Read.All"] });
    const selected = orgSelect(req);
    return { status: 200, body: { "@odata.context": ctxUrl(req, `organization${contextSelection(selected)}`), value: [project(organization(full), selected)] } };
  });

  table.add("GET", "/organization/:orgId", ({ req, params, principal }) => {
    requirePermission(principal, PERMISSIONS.organization);
    if (params["orgId"]!.toLowerCase() !== env.tenant.id.toLowerCase()) throw userNotFound(params["orgId"]!);
    const full = principal.kind === "application" || holds(principal, { ...PERMISSIONS.organization, delegated: ["Directory.Read.All"] });
    const selected = orgSelect(req);
    return { status: 200, body: { "@odata.context": ctxUrl(req, `organization${contextSelection(selected)}/$entity`), ...project(organization(full), selected) } };
  });
}
