import { GraphError } from "./errors";
import type { GraphEnv } from "./env";
import { PERMISSIONS, requirePermission } from "./permissions";
import type { RouteTable } from "./route-table";
import type { TenantUser } from "../tenant";

/**
 * `/teams/{id}/members` and `/teams/{id}/channels/{id}/members` in the conversationMember
 * shape. They need TeamMember.Read.All / ChannelMember.Read.All, which the app never holds, so
 * for its tokens these answer 403 — faithfully; the data is here for tokens that do hold them.
 */
export function registerTeams(table: RouteTable, env: GraphEnv): void {
  const member = (scopeId: string, u: TenantUser, owner: boolean): Record<string, unknown> => ({
    "@odata.type": "#microsoft.graph.aadUserConversationMember",
    id: Buffer.from(`${scopeId}##${u.id}`).toString("base64"),
    roles: owner ? ["owner"] : [],
    displayName: u.displayName,
    visibleHistoryStartDateTime: "0001-01-01T00:00:00Z",
    userId: u.id,
    email: u.mail,
    tenantId: env.tenant.id,
  });

  const team = (id: string) => {
    const t = env.tenant.teams.find((x) => x.id.toLowerCase() === id.toLowerCase());
    if (!t) throw new GraphError(404, "NotFound", `No team found with Group Id ${id}`);
    return t;
  };
  const users = (ids: string[]): TenantUser[] => ids.map((id) => env.tenant.users.find((u) => u.id === id)).filter((u): u is TenantUser => u !== undefined);

  table.add("GET", "/teams/:teamId/members", ({ req, params, principal }) => {
    requirePermission(principal, PERMISSIONS.teamMembers);
    const t = team(params["teamId"]!);
    const group = env.tenant.groups.find((g) => g.id === t.id);
    const value = users(group?.memberUserIds ?? []).map((u) => member(t.id, u, t.ownerUserIds.includes(u.id)));
    return { status: 200, body: { "@odata.context": `${req.origin}/v1.0/$metadata#teams('${t.id}')/members`, "@odata.count": value.length, value } };
  });

  table.add("GET", "/teams/:teamId/channels/:channelId/members", ({ req, params, principal }) => {
    requirePermission(principal, PERMISSIONS.channelMembers);
    const t = team(params["teamId"]!);
    const channel = t.channels.find((c) => c.id.toLowerCase() === params["channelId"]!.toLowerCase());
    if (!channel) throw new GraphError(404, "NotFound", `Channel ${params["channelId"]} not found in team ${t.id}.`);
    const value = users(channel.memberUserIds).map((u) => member(channel.id, u, t.ownerUserIds.includes(u.id)));
    return {
      status: 200,
      body: { "@odata.context": `${req.origin}/v1.0/$metadata#teams('${t.id}')/channels('${encodeURIComponent(channel.id)}')/members`, "@odata.count": value.length, value },
    };
  });
}
