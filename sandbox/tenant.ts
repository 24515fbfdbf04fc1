/**
 * The seeded demo tenant — the "embedded default" that `npm start` and the tests run on.
 * Deterministic: ids are fixed so tests can name people; `createTenant()` returns a fresh,
 * mutable copy so emulators can reset between tests.
 *
 * Shape of the data follows Microsoft Graph (users, organization, groups, teams) and Webex
 * (people); the emulators translate it to each wire format.
 */

export const TENANT_ID = "8c3dd6a1-7f1e-4b2a-9d55-5e0c7a1b2c3d";
export const TENANT_NAME = "Contoso";
export const PRIMARY_DOMAIN = "contoso.com";
export const VERIFIED_DOMAINS = ["contoso.com", "contoso.se"] as const;

export interface TenantUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string | null;
  /** "SMTP:" marks the primary address, "smtp:" an alias — as Exchange writes them. */
  proxyAddresses: string[];
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  preferredLanguage: string;
  /** IANA zone of the user's mailbox. */
  timeZone: string;
  accountEnabled: boolean;
  /** The e-mail the person is known by in Webex, or null: no Webex account. */
  webexEmail: string | null;
  /** A tenant admin (can grant admin consent in the sandbox authorize page). */
  isAdmin?: boolean;
}

export interface TenantGroup {
  id: string;
  displayName: string;
  mail: string | null;
  description: string;
  /** "Unified" for Microsoft 365 groups (teams are these). */
  groupTypes: string[];
  memberUserIds: string[];
  memberGroupIds: string[];
}

export interface TenantChannel {
  id: string;
  displayName: string;
  membershipType: "standard" | "private";
  memberUserIds: string[];
}

export interface TenantTeam {
  /** A team is a Microsoft 365 group: the same id. */
  id: string;
  displayName: string;
  ownerUserIds: string[];
  channels: TenantChannel[];
}

export interface TenantContact {
  id: string;
  folderId: string | null;
  displayName: string;
  givenName: string;
  surname: string;
  emailAddresses: { name: string; address: string }[];
  companyName: string | null;
}

export interface TenantContactFolder {
  id: string;
  displayName: string;
}

export interface TenantEventSeed {
  id: string;
  subject: string;
  /** Local wall-clock time in `timeZone`, e.g. "2026-11-30T09:00:00". Relative seeds use `dayOffset`. */
  dayOffset: number;
  startTime: string; // "HH:mm"
  durationMinutes: number;
  timeZone: string;
  attendeeUserIds: string[];
  location: string;
  recurrence?: {
    pattern: { type: "daily" | "weekly" | "absoluteMonthly" | "relativeMonthly"; interval: number; daysOfWeek?: string[]; dayOfMonth?: number; index?: string };
    range: { type: "endDate" | "numbered" | "noEnd"; numberOfOccurrences?: number; endDayOffset?: number };
    /** Occurrence index → change (an exception) or null (a cancelled occurrence). */
    exceptions?: Record<number, { startTime?: string; subject?: string } | null>;
  };
}

export interface Tenant {
  id: string;
  displayName: string;
  verifiedDomains: string[];
  users: TenantUser[];
  groups: TenantGroup[];
  teams: TenantTeam[];
  /** userId → the user's personal contacts and contact folders. */
  contacts: Record<string, { folders: TenantContactFolder[]; contacts: TenantContact[] }>;
  /** userId → seeded calendar events. */
  events: Record<string, TenantEventSeed[]>;
}

/** Deterministic GUIDs: a readable prefix per kind plus a counter. */
export function sandboxId(kind: "user" | "group" | "channel" | "contact" | "folder" | "event", n: number): string {
  const prefix = { user: "00000000", group: "10000000", channel: "20000000", contact: "30000000", folder: "40000000", event: "50000000" }[kind];
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

type Seed = [given: string, surname: string, local: string, domain: string, title: string, department: string, office: string, lang: string, tz: string];

const PEOPLE: Seed[] = [
  ["Aiko", "Tanaka", "aiko.tanaka", "contoso.com", "Product Manager", "Product", "Tokyo", "ja-JP", "Asia/Tokyo"],
  ["Lars", "Berg", "lars.berg", "contoso.se", "Engineering Manager", "Engineering", "Stockholm", "sv-SE", "Europe/Stockholm"],
  ["Mia", "Holm", "mia.holm", "contoso.se", "Designer", "Product", "Stockholm", "sv-SE", "Europe/Stockholm"],
  ["Omar", "Haddad", "omar.haddad", "contoso.com", "Software Engineer", "Engineering", "London", "en-GB", "Europe/London"],
  ["Anna", "Berg", "anna.berg", "contoso.se", "Account Executive", "Sales", "Gothenburg", "sv-SE", "Europe/Stockholm"],
  ["Anna", "Lind", "anna.lind", "contoso.se", "Software Engineer", "Engineering", "Stockholm", "sv-SE", "Europe/Stockholm"],
  ["Laura", "Díaz", "laura.diaz", "contoso.com", "Marketing Lead", "Marketing", "Madrid", "es-ES", "Europe/Madrid"],
  ["Lasse", "Nyström", "lasse.nystrom", "contoso.se", "Support Engineer", "Support", "Malmö", "sv-SE", "Europe/Stockholm"],
  ["Mehmet", "Yılmaz", "mehmet.yilmaz", "contoso.com", "Sales Manager", "Sales", "Istanbul", "tr-TR", "Europe/Istanbul"],
  ["Elif", "Demir", "elif.demir", "contoso.com", "Data Scientist", "Engineering", "Istanbul", "tr-TR", "Europe/Istanbul"],
  ["Kenji", "Sato", "kenji.sato", "contoso.com", "QA Engineer", "Engineering", "Osaka", "ja-JP", "Asia/Tokyo"],
  ["Yuki", "Nakamura", "yuki.nakamura", "contoso.com", "HR Partner", "People", "Tokyo", "ja-JP", "Asia/Tokyo"],
  ["Sven", "Karlsson", "sven.karlsson", "contoso.se", "CTO", "Engineering", "Stockholm", "sv-SE", "Europe/Stockholm"],
  ["Priya", "Shah", "priya.shah", "contoso.com", "Finance Analyst", "Finance", "London", "en-GB", "Europe/London"],
  ["Daniel", "Okafor", "daniel.okafor", "contoso.com", "IT Administrator", "IT", "Seattle", "en-US", "America/Los_Angeles"],
  ["Grace", "Kim", "grace.kim", "contoso.com", "Product Owner", "Product", "New York", "en-US", "America/New_York"],
  ["Noah", "Fischer", "noah.fischer", "contoso.com", "Solutions Architect", "Sales", "Berlin", "de-DE", "Europe/Berlin"],
  ["Sara", "Ek", "sara.ek", "contoso.se", "Recruiter", "People", "Stockholm", "sv-SE", "Europe/Stockholm"],
  ["Can", "Aydın", "can.aydin", "contoso.com", "Support Engineer", "Support", "Ankara", "tr-TR", "Europe/Istanbul"],
  ["Hana", "Suzuki", "hana.suzuki", "contoso.com", "Designer", "Product", "Tokyo", "ja-JP", "Asia/Tokyo"],
  ["Oliver", "Smith", "oliver.smith", "contoso.com", "Sales Representative", "Sales", "London", "en-GB", "Europe/London"],
  ["Emma", "Johansson", "emma.johansson", "contoso.se", "Office Manager", "Operations", "Stockholm", "sv-SE", "Europe/Stockholm"],
  ["Lucas", "Martin", "lucas.martin", "contoso.com", "Intern", "Engineering", "Paris", "fr-FR", "Europe/Paris"],
  ["Zeynep", "Kaya", "zeynep.kaya", "contoso.com", "Legal Counsel", "Legal", "Istanbul", "tr-TR", "Europe/Istanbul"],
  ["Ingrid", "Wallin", "ingrid.wallin", "contoso.se", "Former Employee", "Sales", "Stockholm", "sv-SE", "Europe/Stockholm"],
  ["Tom", "Baker", "tom.baker", "contoso.com", "Facilities", "Operations", "Seattle", "en-US", "America/Los_Angeles"],
];

/** People with no Webex account (matching must explain, not crash). */
const WITHOUT_WEBEX = new Set(["tom.baker", "lucas.martin", "emma.johansson"]);
/** Known to Webex only by an alias that sits in proxyAddresses, not by mail/UPN. */
const WEBEX_BY_ALIAS: Record<string, string> = { "lasse.nystrom": "lars.nystrom@contoso.se" };
const DISABLED = new Set(["ingrid.wallin"]);
const ADMINS = new Set(["daniel.okafor"]);

function seedUsers(): TenantUser[] {
  return PEOPLE.map(([given, surname, local, domain, title, department, office, lang, tz], i) => {
    const mail = `${local}@${domain}`;
    const alias = WEBEX_BY_ALIAS[local];
    const proxyAddresses = [`SMTP:${mail}`, `smtp:${local}@contoso.onmicrosoft.com`];
    if (alias) proxyAddresses.push(`smtp:${alias}`);
    if (domain === "contoso.se") proxyAddresses.push(`smtp:${local}@contoso.com`);
    return {
      id: sandboxId("user", i + 1),
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      userPrincipalName: mail,
      mail,
      proxyAddresses,
      jobTitle: title,
      department,
      officeLocation: office,
      preferredLanguage: lang,
      timeZone: tz,
      accountEnabled: !DISABLED.has(local),
      webexEmail: WITHOUT_WEBEX.has(local) ? null : (alias ?? mail),
      ...(ADMINS.has(local) ? { isAdmin: true } : {}),
    };
  });
}

export function createTenant(): Tenant {
  const users = seedUsers();
  const byLocal = (local: string): string => {
    const u = users.find((x) => x.userPrincipalName.startsWith(`${local}@`));
    if (!u) throw new Error(`demo tenant has no user ${local}`);
    return u.id;
  };
  const ids = (...locals: string[]): string[] => locals.map(byLocal);

  const teamId = sandboxId("group", 1);
  const engineering = sandboxId("group", 2);
  const leadership = sandboxId("group", 3);
  const allStaff = sandboxId("group", 4);
  const teamMembers = ids("aiko.tanaka", "lars.berg", "mia.holm", "omar.haddad", "anna.lind", "laura.diaz", "kenji.sato", "grace.kim", "elif.demir", "sven.karlsson", "hana.suzuki", "lasse.nystrom");

  const groups: TenantGroup[] = [
    { id: teamId, displayName: "Product Launch", mail: "productlaunch@contoso.com", description: "The Product Launch team", groupTypes: ["Unified"], memberUserIds: teamMembers, memberGroupIds: [] },
    { id: engineering, displayName: "Engineering", mail: "engineering@contoso.com", description: "Everyone in engineering", groupTypes: [], memberUserIds: ids("omar.haddad", "anna.lind", "elif.demir", "kenji.sato", "lucas.martin"), memberGroupIds: [] },
    { id: leadership, displayName: "Leadership", mail: "leadership@contoso.com", description: "Leaders, and the engineering group through nesting", groupTypes: [], memberUserIds: ids("sven.karlsson", "lars.berg", "grace.kim"), memberGroupIds: [engineering] },
    { id: allStaff, displayName: "Stockholm Office", mail: "stockholm@contoso.se", description: "People in the Stockholm office", groupTypes: ["Unified"], memberUserIds: ids("lars.berg", "mia.holm", "anna.lind", "sven.karlsson", "sara.ek", "emma.johansson"), memberGroupIds: [] },
  ];

  const teams: TenantTeam[] = [
    {
      id: teamId,
      displayName: "Product Launch",
      ownerUserIds: ids("aiko.tanaka", "lars.berg"),
      channels: [
        { id: "19:general-product-launch@thread.tacv2", displayName: "General", membershipType: "standard", memberUserIds: teamMembers },
        { id: "19:design-review@thread.tacv2", displayName: "Design", membershipType: "standard", memberUserIds: teamMembers },
        { id: "19:launch-leads@thread.tacv2", displayName: "Launch leads", membershipType: "private", memberUserIds: ids("aiko.tanaka", "lars.berg", "grace.kim") },
      ],
    },
  ];

  const aiko = byLocal("aiko.tanaka");
  const lars = byLocal("lars.berg");
  const partners = sandboxId("folder", 1);
  const customers = sandboxId("folder", 2);
  const contacts: Tenant["contacts"] = {
    [aiko]: {
      folders: [
        { id: partners, displayName: "Partners" },
        { id: customers, displayName: "Customers" },
      ],
      contacts: [
        contact(1, null, "Anna", "Kovács", "anna.k@fabrikam.com", "Fabrikam"),
        contact(2, partners, "Jun", "Park", "jun.park@fabrikam.com", "Fabrikam"),
        contact(3, partners, "Marta", "Nowak", "marta.nowak@northwind.example", "Northwind"),
        contact(4, customers, "Ravi", "Iyer", "ravi.iyer@tailspin.example", "Tailspin"),
        contact(5, customers, "Lars", "Berg", "lars.berg@contoso.se", "Contoso"),
      ],
    },
    [lars]: {
      folders: [{ id: sandboxId("folder", 3), displayName: "Leverantörer" }],
      contacts: [contact(6, sandboxId("folder", 3), "Björn", "Ek", "bjorn.ek@leverantor.example", "Leverantör AB")],
    },
  };

  const events: Tenant["events"] = {
    [aiko]: [
      { id: sandboxId("event", 1), subject: "Weekly product sync", dayOffset: 1, startTime: "10:00", durationMinutes: 30, timeZone: "Asia/Tokyo", attendeeUserIds: ids("lars.berg", "mia.holm"), location: "Teams",
        recurrence: { pattern: { type: "weekly", interval: 1, daysOfWeek: [] }, range: { type: "numbered", numberOfOccurrences: 8 }, exceptions: { 1: { startTime: "11:00" }, 2: null } } },
      { id: sandboxId("event", 2), subject: "1:1 Lars", dayOffset: 2, startTime: "16:00", durationMinutes: 30, timeZone: "Asia/Tokyo", attendeeUserIds: ids("lars.berg"), location: "" },
    ],
    [lars]: [
      { id: sandboxId("event", 3), subject: "Sprint planning", dayOffset: 3, startTime: "09:00", durationMinutes: 60, timeZone: "Europe/Stockholm", attendeeUserIds: ids("anna.lind", "omar.haddad"), location: "Rum Gamla stan" },
    ],
  };

  return { id: TENANT_ID, displayName: TENANT_NAME, verifiedDomains: [...VERIFIED_DOMAINS], users, groups, teams, contacts, events };
}

function contact(n: number, folderId: string | null, given: string, surname: string, address: string, company: string): TenantContact {
  return {
    id: sandboxId("contact", n),
    folderId,
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    emailAddresses: [{ name: `${given} ${surname}`, address }],
    companyName: company,
  };
}

/** Convenience for tests and the playground config: a user by the local part of their UPN. */
export function userByLocal(tenant: Tenant, local: string): TenantUser {
  const u = tenant.users.find((x) => x.userPrincipalName.startsWith(`${local}@`));
  if (!u) throw new Error(`demo tenant has no user ${local}`);
  return u;
}
