/**
 * The Graph invitee ports against the sandbox Graph emulator over HTTPS, with real tokens from the
 * identity emulator: a tenant-mode app token (certificate assertion) and an individual-mode
 * delegated one. The roster comes from the sandbox Bot Framework connector over HTTP.
 */
import { startSandbox, type RunningSandbox } from "../../../../sandbox";
import { SANDBOX_APP_ID } from "../../../../sandbox/identity";
import { userByLocal } from "../../../../sandbox/tenant";
import type { GraphAccess } from "../../../src/accounts/types";
import { DirectoryAccessDeniedError, collectRoster, resolveInvitees, type InviteePorts, type ResolveContext } from "../../../src/directory/invitees";
import { GraphRequestError } from "../../../src/graph/get-batcher";
import { createGraphInviteePorts, type GraphInviteePortsOptions } from "../../../src/graph/invitee-ports";
import { createGraphClient } from "../../../src/graph/client";
import { sandboxAppGraphClient } from "../../support/graph";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

const user = (local: string) => userByLocal(sandbox.tenant, local);

/** Tenant mode: a fresh msal provider each time, so a changed consent shows in the next token. */
function tenantGraph(selfLocal = "aiko.tanaka"): GraphAccess {
  return { client: sandboxAppGraphClient(sandbox), mode: "tenant", self: { userId: user(selfLocal).id } };
}

/** Individual mode: exactly the delegated scopes SPEC.md gives it. */
async function individualGraph(local: string): Promise<GraphAccess> {
  const token = await sandbox.identity.issueUserToken({ user: user(local).userPrincipalName, clientId: SANDBOX_APP_ID, scope: "User.Read Calendars.ReadWrite offline_access" });
  return { client: createGraphClient({ baseUrl: sandbox.urls.graph, tokens: { getAccessToken: async () => token } }), mode: "individual", self: "me" };
}

function ctxFor(local: string, extra: Partial<ResolveContext> = {}): ResolveContext {
  const u = user(local);
  return { mode: "tenant", organizerUserId: u.id, organizerEmail: u.mail!, verifiedDomains: sandbox.tenant.verifiedDomains, ...extra };
}

/** Delegates every call to the real ports and counts it. */
function counting(ports: InviteePorts): { ports: InviteePorts; calls: string[] } {
  const calls: string[] = [];
  const wrapped = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(ports) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = (...args: unknown[]) => {
      calls.push(name);
      return fn(...args);
    };
  }
  return { ports: wrapped as unknown as InviteePorts, calls };
}

/** The Product Launch channel's roster, page by page from the connector as TeamsInfo would read it. */
async function productLaunchRoster() {
  const conversation = encodeURIComponent("19:general-product-launch@thread.tacv2");
  const { members, complete } = await collectRoster(async (token) => {
    const query = new URLSearchParams({ pageSize: "5", ...(token ? { continuationToken: token } : {}) });
    const res = await fetch(`${sandbox.urls.connector}/v3/conversations/${conversation}/pagedmembers?${query}`);
    expect(res.status).toBe(200);
    return res.json();
  });
  expect(complete).toBe(true);
  return members;
}

describe("tenant mode (application permissions)", () => {
  it("searches people with $search, which Graph only accepts with ConsistencyLevel: eventual", async () => {
    const graph = tenantGraph();
    const people = await createGraphInviteePorts(graph).searchPeople("Anna", 10);
    expect(people.map((p) => [p.displayName, p.department, p.email])).toEqual(
      expect.arrayContaining([
        ["Anna Berg", "Sales", "anna.berg@contoso.se"],
        ["Anna Lind", "Engineering", "anna.lind@contoso.se"],
      ]),
    );
    expect(people[0]).toEqual(expect.objectContaining({ aadObjectId: expect.any(String), givenName: "Anna", accountEnabled: true }));
    // The same query without the header is refused: the port's header is what makes it work.
    const bare = await graph.client.api(`/users?$search=${encodeURIComponent('"displayName:Anna"')}`).get().catch((e: unknown) => e);
    expect((bare as { statusCode?: number }).statusCode).toBe(400);
  });

  it("finds a group by its exact name, any case, and a name with a quote is escaped rather than an error", async () => {
    const ports = createGraphInviteePorts(tenantGraph());
    expect(await ports.findGroupByName("leadership")).toEqual({ id: sandbox.tenant.groups.find((g) => g.displayName === "Leadership")!.id, displayName: "Leadership" });
    expect(await ports.findGroupByName("O'Brien's team")).toBeUndefined();
    expect(await ports.findGroupByName("Leader")).toBeUndefined();
  });

  it("lists a group's transitive members, users only, across pages", async () => {
    const ports = createGraphInviteePorts(tenantGraph(), { pageSize: { directory: 2 } });
    const leadership = (await ports.findGroupByName("Leadership"))!;
    const members = await ports.groupMembers(leadership.id);
    expect(members.map((m) => m.email).sort()).toEqual(
      ["sven.karlsson", "lars.berg", "grace.kim", "omar.haddad", "anna.lind", "elif.demir", "kenji.sato", "lucas.martin"].map((l) => user(l).mail).sort(),
    );
  });

  it("reads Aiko's contact folder Partners and its contacts, across pages", async () => {
    const ports = createGraphInviteePorts(tenantGraph(), { pageSize: { contacts: 1 } });
    const owner = { userId: user("aiko.tanaka").id };
    const partners = await ports.findContactFolderByName(owner, "partners");
    expect(partners).toBeDefined();
    expect(await ports.findContactFolderByName(owner, "Partner")).toBeUndefined();
    const contacts = await ports.contactFolderContacts(owner, partners!.id);
    expect(contacts).toEqual([
      { displayName: "Jun Park", givenName: "Jun", surname: "Park", email: "jun.park@fabrikam.com" },
      { displayName: "Marta Nowak", givenName: "Marta", surname: "Nowak", email: "marta.nowak@northwind.example" },
    ]);
  });

  it("resolves a whole request end to end, the name searches sharing one $batch", async () => {
    const chunks: { ids: string[]; attempt: number }[] = [];
    const options: GraphInviteePortsOptions = { batch: { onChunk: (c) => chunks.push(c) } };
    const roster = await productLaunchRoster();
    const result = await resolveInvitees(
      ["Lars", "Anna", "Leadership", "Partners", "jun.park@fabrikam.com", "Zorro"],
      createGraphInviteePorts(tenantGraph(), options),
      ctxFor("aiko.tanaka", { roster }),
    );
    expect(result.unresolved).toEqual([
      { text: "Anna", reason: "ambiguous", candidates: [expect.objectContaining({ email: "anna.lind@contoso.se", source: "channel" }), expect.objectContaining({ email: "anna.berg@contoso.se", department: "Sales" })] },
      { text: "Zorro", reason: "not-found" },
    ]);
    const byEmail = new Map(result.invitees.map((i) => [i.email, i]));
    expect(byEmail.get("lars.berg@contoso.se")).toEqual(expect.objectContaining({ source: "channel" }));
    expect(byEmail.get("kenji.sato@contoso.com")).toEqual(expect.objectContaining({ source: "group" }));
    expect(byEmail.get("jun.park@fabrikam.com")).toEqual(expect.objectContaining({ source: "contact-folder", external: true }));
    expect(byEmail.has("aiko.tanaka@contoso.com")).toBe(false);
    expect(result.invitees).toHaveLength(byEmail.size);
    // Five names: one batch of five searches; then the group/folder checks of the three that are nobody's.
    expect(chunks[0]).toEqual({ ids: ["1", "2", "3", "4", "5"], attempt: 0 });
    expect(chunks[1]!.ids).toHaveLength(6);
    expect(result.notices).toEqual([]);
  });

  it("without admin consent, degrades to typed e-mails and says an admin can enable look-ups", async () => {
    sandbox.identity.revokeAdminConsent(sandbox.credentials.app.clientId);
    const graph = tenantGraph();
    await expect(createGraphInviteePorts(graph).searchPeople("Anna", 5)).rejects.toBeInstanceOf(DirectoryAccessDeniedError);
    const result = await resolveInvitees(["Anna", "ravi.iyer@tailspin.example"], createGraphInviteePorts(graph), ctxFor("aiko.tanaka"));
    expect(result.unresolved).toEqual([{ text: "Anna", reason: "not-permitted" }]);
    expect(result.notices).toEqual(["directory-needs-admin"]);
    expect(result.invitees).toEqual([{ email: "ravi.iyer@tailspin.example", source: "typed", external: true }]);
  });
});

describe("individual mode (User.Read, Calendars.ReadWrite, offline_access)", () => {
  it("Graph refuses a delegated token's /users search with 403", async () => {
    const ports = createGraphInviteePorts(await individualGraph("aiko.tanaka"));
    const error = await ports.searchPeople("Anna", 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryAccessDeniedError);
    expect((error as DirectoryAccessDeniedError).cause).toEqual(expect.objectContaining({ status: 403 }));
    expect((error as { cause: unknown }).cause).toBeInstanceOf(GraphRequestError);
  });

  it("so resolution never calls the directory: channel members resolve from the roster, typed e-mails work", async () => {
    const { ports, calls } = counting(createGraphInviteePorts(await individualGraph("aiko.tanaka")));
    const roster = await productLaunchRoster();
    const result = await resolveInvitees(["Lars", "Mehmet", "Leadership", "ravi.iyer@tailspin.example"], ports, ctxFor("aiko.tanaka", { mode: "individual", roster }));
    expect(calls).toEqual([]);
    expect(result.invitees.map((i) => [i.email, i.source])).toEqual([
      ["lars.berg@contoso.se", "channel"],
      ["ravi.iyer@tailspin.example", "typed"],
    ]);
    expect(result.unresolved).toEqual([
      { text: "Mehmet", reason: "not-permitted" },
      { text: "Leadership", reason: "not-permitted" },
    ]);
    expect(result.notices).toEqual(["directory-needs-admin"]);
    expect(result.suggestions).toHaveLength(5);
  });
});
