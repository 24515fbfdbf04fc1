/**
 * The slice of Microsoft Graph's permission catalogue the sandbox knows about: delegated scopes
 * (with whether a user may consent alone) and application roles. Names and admin-consent flags
 * follow Microsoft's permissions reference (learn.microsoft.com/graph/permissions-reference).
 * A scope outside this list is refused the way Entra refuses an unknown scope (AADSTS70011).
 */

/** Graph's well-known application id and its resource URI. */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";

/** The Bot Framework channel service as a resource (bot → channel tokens). */
export const BOTFRAMEWORK_RESOURCE = "https://api.botframework.com";

/** OpenID Connect scopes: consented like any other, but never written into `scp`. */
export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

export interface DelegatedPermission {
  adminConsentRequired: boolean;
  /** What the consent page shows. */
  description: string;
}

export const GRAPH_DELEGATED: Record<string, DelegatedPermission> = {
  "User.Read": { adminConsentRequired: false, description: "Sign you in and read your profile" },
  "User.ReadBasic.All": { adminConsentRequired: false, description: "Read all users' basic profiles" },
  "User.Read.All": { adminConsentRequired: true, description: "Read all users' full profiles" },
  "Directory.Read.All": { adminConsentRequired: true, description: "Read directory data" },
  "Calendars.Read": { adminConsentRequired: false, description: "Read your calendars" },
  "Calendars.ReadWrite": { adminConsentRequired: false, description: "Have full access to your calendars" },
  "Contacts.Read": { adminConsentRequired: false, description: "Read your contacts" },
  "Group.Read.All": { adminConsentRequired: true, description: "Read all groups" },
  "People.Read": { adminConsentRequired: false, description: "Read your relevant people list" },
  "MailboxSettings.Read": { adminConsentRequired: false, description: "Read your mailbox settings" },
  "TeamMember.Read.All": { adminConsentRequired: true, description: "Read the members of teams" },
  "ChannelMember.Read.All": { adminConsentRequired: true, description: "Read the members of channels" },
};

/** What the consent page shows for the OpenID Connect scopes. */
export const OIDC_DESCRIPTIONS: Record<string, string> = {
  openid: "Sign you in",
  profile: "View your basic profile",
  email: "View your email address",
  offline_access: "Maintain access to data you have given it access to",
};

export const GRAPH_APPLICATION: Record<string, string> = {
  "User.Read.All": "Read all users' full profiles",
  "Directory.Read.All": "Read directory data",
  "Calendars.Read": "Read calendars in all mailboxes",
  "Calendars.ReadWrite": "Read and write calendars in all mailboxes",
  "Contacts.Read": "Read contacts in all mailboxes",
  "Group.Read.All": "Read all groups",
  "TeamMember.Read.All": "Read the members of all teams",
  "ChannelMember.Read.All": "Read the members of all channels",
};

export function describeScope(name: string): string {
  return OIDC_DESCRIPTIONS[name] ?? GRAPH_DELEGATED[name]?.description ?? name;
}

/** Case-insensitive lookup returning the canonical spelling, as Entra treats scope names. */
export function canonicalDelegated(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (OIDC_SCOPES.has(lower)) return lower;
  return Object.keys(GRAPH_DELEGATED).find((k) => k.toLowerCase() === lower);
}

export function canonicalApplication(name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(GRAPH_APPLICATION).find((k) => k.toLowerCase() === lower);
}
