// Hand-written fakes of the directory ports, backed by the demo tenant (sandbox/tenant.ts) so the
// unit tests run on the same people the integration does. Each fake records its calls.
import type { AccountLinks, DirectoryReader, DirectoryUser, DirectoryUserRef, StoredAccountLink, WebexPeople, WebexPersonSummary } from "../../src/directory";
import { createTenant, userByLocal, type Tenant, type TenantUser } from "../../../sandbox/tenant";

export function toDirectoryUser(u: TenantUser): DirectoryUser {
  return { displayName: u.displayName, mail: u.mail, userPrincipalName: u.userPrincipalName, proxyAddresses: [...u.proxyAddresses], accountEnabled: u.accountEnabled };
}

export class FakeDirectory implements DirectoryReader {
  readonly userReads: DirectoryUserRef[] = [];
  domainReads = 0;
  constructor(readonly tenant: Tenant) {}

  async getUser(who: DirectoryUserRef): Promise<DirectoryUser> {
    this.userReads.push(who);
    const u = this.tenant.users.find((x) => x.id === who.userId);
    if (!u || who.tenantId !== this.tenant.id) throw new Error(`no user ${who.userId} in ${who.tenantId}`);
    return toDirectoryUser(u);
  }

  async getVerifiedDomains(): Promise<readonly string[]> {
    this.domainReads += 1;
    return [...this.tenant.verifiedDomains];
  }
}

/** Webex people from the tenant's `webexEmail`s; lookups are case-insensitive as Webex's are. */
export class FakeWebex implements WebexPeople {
  readonly lookups: string[] = [];
  constructor(readonly tenant: Tenant) {}

  async findByEmail(email: string): Promise<WebexPersonSummary | undefined> {
    this.lookups.push(email);
    const u = this.tenant.users.find((x) => x.webexEmail !== null && x.webexEmail.toLowerCase() === email.toLowerCase());
    return u?.webexEmail ? { id: webexPersonId(u), emails: [u.webexEmail], displayName: u.displayName } : undefined;
  }
}

export function webexPersonId(u: TenantUser): string {
  return `webex-person-${u.id}`;
}

export class MemoryLinks implements AccountLinks {
  readonly rows = new Map<string, StoredAccountLink>();
  readonly upserts: StoredAccountLink[] = [];

  async get(tenantId: string, aadObjectId: string): Promise<StoredAccountLink | undefined> {
    const row = this.rows.get(`${tenantId}/${aadObjectId}`);
    return row ? { ...row } : undefined;
  }

  async upsert(link: StoredAccountLink): Promise<void> {
    this.upserts.push({ ...link });
    this.rows.set(`${link.tenantId}/${link.aadObjectId}`, { ...link });
  }
}

/** A fresh demo tenant, the fakes over it, and a way to name its people. */
export function demo() {
  const tenant = createTenant();
  const directory = new FakeDirectory(tenant);
  const webex = new FakeWebex(tenant);
  const links = new MemoryLinks();
  const now = new Date("2026-03-02T09:00:00Z");
  // Ids by UPN local part, taken before any test renames someone.
  const ids = new Map(tenant.users.map((u) => [u.userPrincipalName.split("@")[0] ?? "", u.id]));
  const person = (local: string): TenantUser => {
    const u = tenant.users.find((x) => x.id === ids.get(local));
    return u ?? userByLocal(tenant, local);
  };
  const who = (local: string) => ({ tenantId: tenant.id, userId: person(local).id });
  return { tenant, directory, webex, links, now, deps: { directory, webex, links, now: () => now }, person, who };
}
