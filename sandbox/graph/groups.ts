import { GROUP_PROPERTIES, defaultUserView, findGroup, groupJson, userJson } from "./directory";
import { GraphError } from "./errors";
import type { GraphEnv } from "./env";
import { runDirectoryQuery, type DirectoryRules } from "./odata/directory-query";
import { contextSelection, parseSelect, project } from "./odata/select";
import { PERMISSIONS, requirePermission } from "./permissions";
import type { RouteTable } from "./route-table";
import type { GraphRequest, GraphResult } from "./types";
import type { TenantGroup, TenantUser } from "../tenant";
import { USER_PROPERTIES } from "./directory";

/** `/groups`, `/groups/{id}`, `/groups/{id}/members`, `/groups/{id}/transitiveMembers`. */

const GROUP_RULES: DirectoryRules = {
  resource: "Group",
  filterable: {
    displayname: "string", mail: "string", mailnickname: "string", id: "string", description: "string", securityenabled: "bool", mailenabled: "bool",
    grouptypes: "collection", proxyaddresses: "collection", resourceprovisioningoptions: "collection",
  },
  searchable: ["displayName", "description", "mail", "mailNickname"],
  orderable: ["displayName"],
};

const MEMBER_RULES: DirectoryRules = {
  resource: "DirectoryObject",
  filterable: { displayname: "string", mail: "string", userprincipalname: "string", id: "string", accountenabled: "bool", proxyaddresses: "collection" },
  searchable: ["displayName", "mail", "userPrincipalName"],
  orderable: ["displayName"],
};

const unknownProperty = (type: string) => (name: string): GraphError =>
  new GraphError(400, "Request_BadRequest", `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`);

function groupNotFound(id: string): GraphError {
  return new GraphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

export function registerGroups(table: RouteTable, env: GraphEnv): void {
  const ctxUrl = (req: GraphRequest, tail: string): string => `${req.origin}/v1.0/$metadata#${tail}`;

  table.add("GET", "/groups", ({ req, principal }) => {
    requirePermission(principal, PERMISSIONS.groupsList);
    const selected = parseSelect(req.query.get("$select"), GROUP_PROPERTIES, unknownProperty("group"));
    const page = runDirectoryQuery(req, env.tenant.groups.map(groupJson), GROUP_RULES);
    const body: Record<string, unknown> = { "@odata.context": ctxUrl(req, `groups${contextSelection(selected)}`) };
    if (page.count !== undefined) body["@odata.count"] = page.count;
    if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
    body["value"] = page.value.map((g) => project(g, selected));
    return { status: 200, body };
  });

  table.add("GET", "/groups/:groupId", ({ req, params, principal }) => {
    requirePermission(principal, PERMISSIONS.groupsList);
    const group = findGroup(env.tenant, params["groupId"]!);
    if (!group) throw groupNotFound(params["groupId"]!);
    const selected = parseSelect(req.query.get("$select"), GROUP_PROPERTIES, unknownProperty("group"));
    return { status: 200, body: { "@odata.context": ctxUrl(req, `groups${contextSelection(selected)}/$entity`), ...project(groupJson(group), selected) } };
  });

  /** Members as directoryObjects: users and groups, each with its @odata.type. */
  const members = (req: GraphRequest, users: TenantUser[], groups: TenantGroup[]): GraphResult => {
    const selected = parseSelect(req.query.get("$select"), [...new Set([...USER_PROPERTIES, ...GROUP_PROPERTIES])], unknownProperty("directoryObject"));
    const objects: Record<string, unknown>[] = [
      ...users.map((u) => ({ "@odata.type": "#microsoft.graph.user", ...userJson(u, env.tenant) })),
      ...groups.map((g) => ({ "@odata.type": "#microsoft.graph.group", ...groupJson(g) })),
    ];
    const page = runDirectoryQuery(req, objects, MEMBER_RULES);
    const body: Record<string, unknown> = { "@odata.context": ctxUrl(req, "directoryObjects") };
    if (page.count !== undefined) body["@odata.count"] = page.count;
    if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
    body["value"] = page.value.map((o) => {
      const type = o["@odata.type"];
      if (selected) return project(o, selected, ["@odata.type", "id"]);
      if (type === "#microsoft.graph.user") {
        const u = users.find((x) => x.id === o["id"])!;
        return { "@odata.type": type, ...defaultUserView(u, env.tenant) };
      }
      return o;
    });
    return { status: 200, body };
  };

  table.add("GET", "/groups/:groupId/members", ({ req, params, principal }) => {
    requirePermission(principal, PERMISSIONS.groupMembers);
    const group = findGroup(env.tenant, params["groupId"]!);
    if (!group) throw groupNotFound(params["groupId"]!);
    const users = group.memberUserIds.map((id) => env.tenant.users.find((u) => u.id === id)).filter((u): u is TenantUser => u !== undefined);
    const groups = group.memberGroupIds.map((id) => findGroup(env.tenant, id)).filter((g): g is TenantGroup => g !== undefined);
    return members(req, users, groups);
  });

  table.add("GET", "/groups/:groupId/transitiveMembers", ({ req, params, principal }) => {
    requirePermission(principal, PERMISSIONS.groupTransitiveMembers);
    const group = findGroup(env.tenant, params["groupId"]!);
    if (!group) throw groupNotFound(params["groupId"]!);
    // Nested groups are listed themselves and expanded; cycles and repeats are listed once.
    const seenGroups = new Set<string>([group.id]);
    const seenUsers = new Set<string>();
    const users: TenantUser[] = [];
    const groups: TenantGroup[] = [];
    const queue: TenantGroup[] = [group];
    while (queue.length > 0) {
      const g = queue.shift()!;
      for (const uid of g.memberUserIds) {
        const u = env.tenant.users.find((x) => x.id === uid);
        if (u && !seenUsers.has(u.id)) {
          seenUsers.add(u.id);
          users.push(u);
        }
      }
      for (const gid of g.memberGroupIds) {
        const nested = findGroup(env.tenant, gid);
        if (nested && !seenGroups.has(nested.id)) {
          seenGroups.add(nested.id);
          groups.push(nested);
          queue.push(nested);
        }
      }
    }
    return members(req, users, groups);
  });
}
