import type { Tenant, TenantGroup, TenantUser } from "../tenant";

/**
 * Directory objects in Graph's shapes (examples/users-*.json, groups-list.response.json) and the
 * lookups the routes share. Users are found by object id or userPrincipalName (not by mail or an
 * alias), both case-insensitively, as `/users/{id | userPrincipalName}` does.
 */

const CREATED = "2024-01-15T08:00:00Z";

export function findUser(tenant: Tenant, idOrUpn: string): TenantUser | undefined {
  const key = idOrUpn.trim().toLowerCase();
  const matches = (u: TenantUser): boolean => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key;
  const index = userIndex(tenant.users);
  const position = index.positions.get(key);
  const hit = position === undefined ? undefined : tenant.users[position];
  if (hit && matches(hit)) return hit;
  // Not indexed (no such user), or the index went stale: a user renamed or replaced in place.
  const found = tenant.users.find(matches);
  if (found) userIndexes.delete(tenant.users);
  return found;
}

/**
 * Array positions by lower-cased id and UPN, the first user winning as with `find`: with a
 * 10 000-user tenant (bench/match-users) the linear scan was the emulator's largest cost. Built
 * per users array (a reset clones a new one) and rebuilt when its length changes; a hit is
 * checked against the user and a miss falls back to the scan, so a user renamed or replaced in
 * place through `state.tenant()` is still found (ids and UPNs are unique in a tenant).
 */
const userIndexes = new WeakMap<TenantUser[], { length: number; positions: Map<string, number> }>();

function userIndex(users: TenantUser[]): { length: number; positions: Map<string, number> } {
  const cached = userIndexes.get(users);
  if (cached && cached.length === users.length) return cached;
  const positions = new Map<string, number>();
  users.forEach((u, i) => {
    for (const key of [u.id.toLowerCase(), u.userPrincipalName.toLowerCase()]) if (!positions.has(key)) positions.set(key, i);
  });
  const index = { length: users.length, positions };
  userIndexes.set(users, index);
  return index;
}

export function findGroup(tenant: Tenant, id: string): TenantGroup | undefined {
  const key = id.trim().toLowerCase();
  return tenant.groups.find((g) => g.id.toLowerCase() === key);
}

/** Returned when no `$select` is given (v1.0's documented default set, in its order). */
export const USER_DEFAULT_PROPERTIES = [
  "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
] as const;

export function userJson(u: TenantUser, tenant: Tenant): Record<string, unknown> {
  const local = u.userPrincipalName.split("@")[0] ?? u.userPrincipalName;
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: u.officeLocation,
    preferredLanguage: u.preferredLanguage,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
    accountEnabled: u.accountEnabled,
    department: u.department,
    companyName: tenant.displayName,
    proxyAddresses: [...u.proxyAddresses],
    otherMails: [],
    mailNickname: local,
    userType: "Member",
    usageLocation: null,
    city: u.officeLocation,
    country: null,
    employeeId: null,
    imAddresses: u.mail ? [u.mail] : [],
    createdDateTime: CREATED,
    onPremisesSyncEnabled: null,
  };
}

export const USER_PROPERTIES = Object.keys(userJson({
  id: "", displayName: "", givenName: "", surname: "", userPrincipalName: "x@y", mail: null, proxyAddresses: [], jobTitle: null, department: null,
  officeLocation: null, preferredLanguage: "", timeZone: "UTC", accountEnabled: true, webexEmail: null,
}, { id: "", displayName: "", verifiedDomains: [], users: [], groups: [], teams: [], contacts: {}, events: {} }));

export function defaultUserView(u: TenantUser, tenant: Tenant): Record<string, unknown> {
  const full = userJson(u, tenant);
  const out: Record<string, unknown> = {};
  for (const k of USER_DEFAULT_PROPERTIES) out[k] = full[k];
  return out;
}

export function groupJson(g: TenantGroup): Record<string, unknown> {
  const nick = (g.mail ?? g.displayName).split("@")[0]!.replace(/\s+/g, "").toLowerCase();
  const unified = g.groupTypes.includes("Unified");
  return {
    id: g.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: CREATED,
    creationOptions: unified ? ["Team"] : [],
    description: g.description,
    displayName: g.displayName,
    expirationDateTime: null,
    groupTypes: [...g.groupTypes],
    isAssignableToRole: null,
    mail: g.mail,
    mailEnabled: g.mail !== null,
    mailNickname: nick,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: g.mail ? [`SMTP:${g.mail}`] : [],
    renewedDateTime: CREATED,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: unified ? ["Team"] : [],
    securityEnabled: !unified,
    securityIdentifier: `S-1-12-1-${parseInt(g.id.slice(-8), 16)}`,
    theme: null,
    visibility: unified ? "Private" : null,
    onPremisesProvisioningErrors: [],
  };
}

export const GROUP_PROPERTIES = Object.keys(groupJson({ id: "00000000", displayName: "", mail: null, description: "", groupTypes: [], memberUserIds: [], memberGroupIds: [] }));

/** The initial `<name>.onmicrosoft.com` domain every tenant has, plus the tenant's verified ones. */
export function verifiedDomains(tenant: Tenant): { capabilities: string; isDefault: boolean; isInitial: boolean; name: string; type: string }[] {
  const initial = `${tenant.displayName.toLowerCase().replace(/[^a-z0-9]/g, "")}.onmicrosoft.com`;
  const names = [...tenant.verifiedDomains.filter((d) => d.toLowerCase() !== initial), initial];
  return names.map((name, i) => ({
    capabilities: "Email, OfficeCommunicationsOnline",
    isDefault: i === 0,
    isInitial: name === initial,
    name,
    type: "Managed",
  }));
}
