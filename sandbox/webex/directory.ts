import type { Tenant } from "../tenant";
import { orgIdFor, personIdFor, uuidFrom } from "./ids";

/**
 * The Webex side of the demo tenant: who has a Webex account, under which e-mail, in which
 * organisation. Webex knows people only by their Webex e-mail (`webexEmail`): the person whose
 * Webex account uses an alias is not found under their Microsoft address, and people with
 * `webexEmail: null` are not found at all. A few people of another organisation exist too, so
 * that "same organisation only" lookups can be shown to hide them.
 */

export interface WebexPerson {
  id: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  orgId: string;
  orgUuid: string;
  timezone: string;
  department: string | null;
  title: string | null;
  /** A Webex (site) administrator: may be granted the admin scopes. */
  isAdmin: boolean;
  /** false for a deactivated account: it cannot sign in or host meetings. */
  loginEnabled: boolean;
  created: string;
}

export interface ExternalPersonSeed {
  email: string;
  firstName: string;
  lastName: string;
  /** Any label: people with the same label share an organisation. */
  organization: string;
  timezone?: string;
}

/** People who have Webex accounts in other organisations (partners, customers). */
export const DEFAULT_EXTERNAL_PEOPLE: ExternalPersonSeed[] = [
  { email: "jun.park@fabrikam.com", firstName: "Jun", lastName: "Park", organization: "fabrikam", timezone: "Asia/Seoul" },
  { email: "marta.nowak@northwind.example", firstName: "Marta", lastName: "Nowak", organization: "northwind", timezone: "Europe/Warsaw" },
];

export class WebexDirectory {
  /** The tenant's Webex organisation. */
  readonly orgId: string;
  readonly orgUuid: string;
  private readonly byEmailMap = new Map<string, WebexPerson>();
  private readonly byIdMap = new Map<string, WebexPerson>();

  constructor(tenant: Tenant, external: ExternalPersonSeed[] = DEFAULT_EXTERNAL_PEOPLE) {
    this.orgUuid = uuidFrom(`webex-org:${tenant.id}`);
    this.orgId = orgIdFor(tenant.id);
    tenant.users.forEach((u, i) => {
      if (!u.webexEmail) return;
      this.add({
        id: personIdFor(u.webexEmail),
        email: u.webexEmail,
        displayName: u.displayName,
        firstName: u.givenName,
        lastName: u.surname,
        orgId: this.orgId,
        orgUuid: this.orgUuid,
        timezone: u.timeZone,
        department: u.department,
        title: u.jobTitle,
        isAdmin: u.isAdmin === true,
        loginEnabled: u.accountEnabled,
        created: createdAt(i),
      });
    });
    external.forEach((p, i) => {
      this.add({
        id: personIdFor(p.email),
        email: p.email,
        displayName: `${p.firstName} ${p.lastName}`,
        firstName: p.firstName,
        lastName: p.lastName,
        orgId: orgIdFor(`external:${p.organization}`),
        orgUuid: uuidFrom(`webex-org:external:${p.organization}`),
        timezone: p.timezone ?? "UTC",
        department: null,
        title: null,
        isAdmin: false,
        loginEnabled: true,
        created: createdAt(100 + i),
      });
    });
  }

  private add(p: WebexPerson): void {
    this.byEmailMap.set(p.email.toLowerCase(), p);
    this.byIdMap.set(p.id, p);
  }

  /** Webex matches e-mail addresses case-insensitively. */
  byEmail(email: string): WebexPerson | undefined {
    return this.byEmailMap.get(email.trim().toLowerCase());
  }

  byId(id: string): WebexPerson | undefined {
    return this.byIdMap.get(id);
  }

  inOrg(orgId: string): WebexPerson[] {
    return [...this.byIdMap.values()].filter((p) => p.orgId === orgId);
  }
}

function createdAt(n: number): string {
  return new Date(Date.UTC(2023, 0, 9, 8, 30) + n * 86_400_000).toISOString();
}
