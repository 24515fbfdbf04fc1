// Hand-written fakes of the invitee ports over the demo tenant (sandbox/tenant.ts), so unit tests
// run on the people the integration tests meet through the Graph emulator. Every call is recorded.
import { DirectoryAccessDeniedError, type InviteePorts, type MailboxOwner, type Person, type ResolveContext, type RosterMember } from "../../../src/directory/invitees";
import { createTenant, userByLocal, type Tenant, type TenantUser } from "../../../../sandbox/tenant";

type Operation = keyof InviteePorts;

export function personOf(u: TenantUser): Person {
  return {
    aadObjectId: u.id,
    displayName: u.displayName,
    givenName: u.givenName,
    surname: u.surname,
    ...(u.mail ? { email: u.mail } : {}),
    accountEnabled: u.accountEnabled,
    ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
    ...(u.department ? { department: u.department } : {}),
  };
}

/** Like the directory's search index: every typed word starts a word of the name or the address. */
function searchHit(u: TenantUser, query: string): boolean {
  const tokens = [u.displayName, u.mail ?? ""].flatMap((v) => v.toLowerCase().split(/[\s@._\-]+/)).filter(Boolean);
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => tokens.some((t) => t.startsWith(w)));
}

export class FakeInviteePorts implements InviteePorts {
  readonly calls: { op: Operation; args: unknown[] }[] = [];
  /** Operations that answer like Graph without the permission: 403 → DirectoryAccessDeniedError. */
  readonly denied = new Set<Operation>();
  /** Replaces the search results for one query (e.g. a hit on a job title, not a name). */
  readonly searchOverrides = new Map<string, Person[]>();

  constructor(readonly tenant: Tenant) {}

  count(op?: Operation): number {
    return this.calls.filter((c) => op === undefined || c.op === op).length;
  }

  private record(op: Operation, ...args: unknown[]): void {
    this.calls.push({ op, args });
    if (this.denied.has(op)) throw new DirectoryAccessDeniedError(op);
  }

  async searchPeople(query: string, limit: number): Promise<Person[]> {
    this.record("searchPeople", query, limit);
    const override = this.searchOverrides.get(query.toLowerCase());
    if (override) return override;
    return this.tenant.users.filter((u) => searchHit(u, query)).slice(0, limit).map(personOf);
  }

  async findGroupByName(name: string): Promise<{ id: string; displayName: string } | undefined> {
    this.record("findGroupByName", name);
    const g = this.tenant.groups.find((x) => x.displayName.toLowerCase() === name.toLowerCase());
    return g ? { id: g.id, displayName: g.displayName } : undefined;
  }

  async groupMembers(groupId: string): Promise<Person[]> {
    this.record("groupMembers", groupId);
    const users: TenantUser[] = [];
    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const g = this.tenant.groups.find((x) => x.id === id);
      if (!g) return;
      for (const uid of g.memberUserIds) {
        const u = this.tenant.users.find((x) => x.id === uid);
        if (u && !users.includes(u)) users.push(u);
      }
      g.memberGroupIds.forEach(visit);
    };
    visit(groupId);
    return users.map(personOf);
  }

  async findContactFolderByName(owner: MailboxOwner, name: string): Promise<{ id: string } | undefined> {
    this.record("findContactFolderByName", owner, name);
    const book = owner === "me" ? undefined : this.tenant.contacts[owner.userId];
    const folder = book?.folders.find((f) => f.displayName.toLowerCase() === name.toLowerCase());
    return folder ? { id: folder.id } : undefined;
  }

  async contactFolderContacts(owner: MailboxOwner, folderId: string): Promise<Person[]> {
    this.record("contactFolderContacts", owner, folderId);
    const book = owner === "me" ? undefined : this.tenant.contacts[owner.userId];
    return (book?.contacts ?? [])
      .filter((c) => c.folderId === folderId)
      .map((c) => ({ displayName: c.displayName, givenName: c.givenName, surname: c.surname, ...(c.emailAddresses[0] ? { email: c.emailAddresses[0].address } : {}) }));
  }
}

/** The Product Launch team's roster as the Bot Framework returns it (sandbox/index.ts does the same). */
export function productLaunchRoster(tenant: Tenant): RosterMember[] {
  const team = tenant.teams[0]!;
  return team.channels[0]!.memberUserIds.map((id) => {
    const u = tenant.users.find((x) => x.id === id)!;
    return { id: `29:${u.id}`, name: u.displayName, aadObjectId: u.id, email: u.mail!, userPrincipalName: u.userPrincipalName, givenName: u.givenName, surname: u.surname };
  });
}

export function demo() {
  const tenant = createTenant();
  const ports = new FakeInviteePorts(tenant);
  const user = (local: string) => userByLocal(tenant, local);
  /** Tenant-mode context for an organizer, the demo tenant's verified domains. */
  const ctxFor = (local: string, extra: Partial<ResolveContext> = {}): ResolveContext => {
    const u = user(local);
    return { mode: "tenant", organizerUserId: u.id, organizerEmail: u.mail!, verifiedDomains: tenant.verifiedDomains, ...extra };
  };
  return { tenant, ports, user, ctxFor, roster: productLaunchRoster(tenant) };
}
