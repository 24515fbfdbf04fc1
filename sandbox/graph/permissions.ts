import { GraphError, directoryDenied, outlookDenied } from "./errors";
import type { Principal } from "./types";

/**
 * The permissions Microsoft documents per operation (../../shared/schemas/graph-docs/permissions.md),
 * least → most privileged. A caller passes when it holds any listed permission, or one that
 * implies it (see `implied`).
 */
export interface PermissionRule {
  delegated: string[];
  application: string[];
  /** How the service words a refusal: directory (AAD), Outlook, subscriptions or Teams. */
  family: "directory" | "outlook" | "subscription" | "teams";
}

const USER_LIST_DELEGATED = ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const USER_LIST_APP = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const GROUP_READ = ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"];

export const PERMISSIONS = {
  usersList: { delegated: USER_LIST_DELEGATED, application: USER_LIST_APP, family: "directory" },
  /** GET /users/delta: User.Read.All at least, delegated too (User.ReadBasic.All is not enough). */
  usersDelta: { delegated: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"], application: USER_LIST_APP, family: "directory" },
  /** GET /users/{id} for someone else; for oneself `User.Read` suffices (userGetSelf). */
  userGet: { delegated: USER_LIST_DELEGATED, application: USER_LIST_APP, family: "directory" },
  userGetSelf: { delegated: ["User.Read", "User.ReadWrite", ...USER_LIST_DELEGATED], application: USER_LIST_APP, family: "directory" },
  organization: { delegated: ["User.Read", "Directory.Read.All", "Directory.ReadWrite.All"], application: ["Directory.Read.All", "Directory.ReadWrite.All"], family: "directory" },
  eventsList: { delegated: ["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"], application: ["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"], family: "outlook" },
  eventRead: { delegated: ["Calendars.Read"], application: ["Calendars.Read"], family: "outlook" },
  eventWrite: { delegated: ["Calendars.ReadWrite"], application: ["Calendars.ReadWrite"], family: "outlook" },
  getSchedule: { delegated: ["Calendars.Read", "Calendars.ReadWrite"], application: ["Calendars.Read", "Calendars.ReadWrite"], family: "outlook" },
  subscriptions: { delegated: ["Calendars.Read"], application: ["Calendars.Read"], family: "subscription" },
  contacts: { delegated: ["Contacts.Read", "Contacts.ReadWrite"], application: ["Contacts.Read", "Contacts.ReadWrite"], family: "outlook" },
  groupsList: { delegated: GROUP_READ, application: GROUP_READ, family: "directory" },
  // The stored doc page is from 2020; current docs put GroupMember.Read.All first, so it is accepted too.
  groupMembers: {
    delegated: ["GroupMember.Read.All", "User.ReadBasic.All", "User.Read.All", "Group.Read.All", "Directory.Read.All"],
    application: ["GroupMember.Read.All", "User.Read.All", "Group.Read.All", "Directory.Read.All"],
    family: "directory",
  },
  groupTransitiveMembers: {
    delegated: ["GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.Read.All"],
    application: ["GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.Read.All"],
    family: "directory",
  },
  teamMembers: { delegated: ["TeamMember.Read.All", "TeamMember.ReadWrite.All"], application: ["TeamMember.Read.Group", "TeamMember.Read.All", "TeamMember.ReadWrite.All"], family: "teams" },
  channelMembers: { delegated: ["ChannelMember.Read.All", "ChannelMember.ReadWrite.All"], application: ["ChannelMember.Read.All", "ChannelMember.ReadWrite.All"], family: "teams" },
} satisfies Record<string, PermissionRule>;

/**
 * A more privileged permission of the same family covers the lesser one: `X.ReadWrite[.All]`
 * covers `X.Read[.All]`, `Calendars.Read` covers `Calendars.ReadBasic`, `User.Read.All` covers
 * `User.ReadBasic.All`. Older doc pages list only the least privileged permission (e.g. event
 * GET lists Calendars.Read), yet Calendars.ReadWrite obviously works there.
 */
export function implied(granted: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const raw of granted) {
    const p = raw.trim();
    if (!p) continue;
    out.add(p.toLowerCase());
    const lesser = p.replace(/\.ReadWrite(\.|$)/i, ".Read$1");
    if (lesser !== p) out.add(lesser.toLowerCase());
    for (const q of [p, lesser]) {
      if (/^Calendars\.Read$/i.test(q)) out.add("calendars.readbasic");
      if (/^User\.Read\.All$/i.test(q)) out.add("user.readbasic.all");
    }
  }
  return out;
}

export function granted(principal: Principal): Set<string> {
  return implied(principal.kind === "delegated" ? principal.scopes : principal.roles);
}

export function holds(principal: Principal, rule: PermissionRule): boolean {
  const have = granted(principal);
  const need = principal.kind === "delegated" ? rule.delegated : rule.application;
  return need.some((p) => have.has(p.toLowerCase()));
}

/** Throws the refusal the real service gives when the token lacks every listed permission. */
export function requirePermission(principal: Principal, rule: PermissionRule, operation = "Read"): void {
  if (holds(principal, rule)) return;
  throw denial(principal, rule, operation);
}

export function denial(principal: Principal, rule: PermissionRule, operation = "Read"): GraphError {
  switch (rule.family) {
    case "directory":
      return directoryDenied();
    case "outlook":
      return outlookDenied();
    case "subscription":
      // Subscription failures surface from the Outlook extension wrapped like this.
      return new GraphError(403, "ExtensionError", `Operation: ${operation}; Exception: [Status Code: Forbidden; Reason: ${"Access is denied. Check credentials and try again."}]`);
    case "teams": {
      const kind = principal.kind === "delegated" ? "scope" : "role";
      const have = principal.kind === "delegated" ? [...principal.scopes] : [...principal.roles];
      const need = principal.kind === "delegated" ? rule.delegated : rule.application;
      return new GraphError(403, "Forbidden", `Missing ${kind} permissions on the request. API requires one of '${need.join(", ")}'. ${kind === "scope" ? "Scopes" : "Roles"} on the request '${have.join(", ")}'.`);
    }
  }
}
