/**
 * Bulk matching of a whole tenant against the sandbox: a tenant-mode app token (admin consent)
 * for Graph, the Webex admin's token for people look-ups, a real SQLite store, real HTTPS.
 * The reference for every decision is matchUser run user by user over the same gateways.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox, type RunningSandbox } from "../../../sandbox";
import { TENANT_ID, userByLocal } from "../../../sandbox/tenant";
import { SCOPES } from "../../../sandbox/webex";
import { BulkMatchError, matchUsersInBulk, type BulkMatchDeps, type BulkMatchProgress } from "../../src/accounts/bulk-match";
import { matchUser, planLookups, type MatchUserResult } from "../../src/directory";
import { getUser, getVerifiedDomains } from "../../src/graph/directory";
import { openStore, type Store } from "../../src/store";
import { WebexError, createWebexClient, type WebexClient } from "../../src/webex/client";
import { findPersonByEmail } from "../../src/webex/people";
import { sandboxAppGraphClient } from "../support/graph";

let sandbox: RunningSandbox;
let dir: string;
const stores: Store[] = [];
const now = new Date("2026-03-02T09:00:00Z");

beforeAll(async () => {
  sandbox = await startSandbox(); // the demo tenant's admin has consented: tenant mode
});
afterAll(() => sandbox?.close());

beforeEach(async () => {
  sandbox.reset();
  dir = await mkdtemp(join(tmpdir(), "bulk-match-"));
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function newStore(name: string): Promise<Store> {
  const store = await openStore({ sqlitePath: join(dir, `${name}.sqlite`) });
  stores.push(store);
  return store;
}

function graphClient() {
  return sandboxAppGraphClient(sandbox);
}

/** Daniel Okafor is the demo tenant's Webex admin; his token looks colleagues up. */
function webexClient(scopes: string[] = [SCOPES.peopleRead, SCOPES.adminPeopleRead]): WebexClient {
  const token = sandbox.webex.issueToken("daniel.okafor@contoso.com", scopes);
  return createWebexClient({ baseUrl: sandbox.urls.webex, tokens: { getAccessToken: async () => token } });
}

async function bulkDeps(overrides: Partial<BulkMatchDeps> = {}): Promise<BulkMatchDeps> {
  return { graph: graphClient(), webex: webexClient(), links: (await newStore("bulk")).accounts, now: () => now, ...overrides };
}

/** matchUser for each user in turn, over the same gateways: one GET /users/{id} per user. */
async function matchOneByOne(userIds: string[]): Promise<{ results: MatchUserResult[]; webexLookups: number }> {
  const graph = graphClient();
  const webex = webexClient();
  const links = (await newStore("one-by-one")).accounts;
  let webexLookups = 0;
  const deps = {
    directory: { getUser: (who: { userId: string }) => getUser(graph, who), getVerifiedDomains: () => getVerifiedDomains(graph) },
    webex: {
      findByEmail: (email: string) => {
        webexLookups++;
        return findPersonByEmail(webex, email);
      },
    },
    links,
    now: () => now,
  };
  const results: MatchUserResult[] = [];
  for (const userId of userIds) results.push(await matchUser(deps, { tenantId: TENANT_ID, userId }));
  return { results, webexLookups };
}

describe("matching every user of a tenant in bulk", () => {
  it("decides every demo-tenant user as matching them one by one does, in ceil(n/20) Graph batches, and stores the links", async () => {
    const users = sandbox.tenant.users;
    const ids = users.map((u) => u.id);
    const deps = await bulkDeps();
    const progress: BulkMatchProgress[] = [];

    const bulk = await matchUsersInBulk({ ...deps, onProgress: (p) => progress.push(p) }, TENANT_ID, ids);
    const reference = await matchOneByOne(ids);

    expect(bulk.outcomes).toEqual(ids.map((userId, i) => ({ userId, ...reference.results[i] })));
    const outcome = (local: string) => bulk.outcomes.find((o) => o.userId === userByLocal(sandbox.tenant, local).id);
    expect(outcome("aiko.tanaka")).toMatchObject({ kind: "matched", address: "aiko.tanaka@contoso.com", source: "mail", link: "created" });
    expect(outcome("lasse.nystrom")).toMatchObject({ kind: "matched", address: "lars.nystrom@contoso.se", source: "alias", webexEmail: "lars.nystrom@contoso.se" });
    expect(outcome("tom.baker")).toEqual({ userId: userByLocal(sandbox.tenant, "tom.baker").id, kind: "no-webex-account", tried: ["tom.baker@contoso.com", "tom.baker@contoso.onmicrosoft.com"] });
    expect(outcome("ingrid.wallin")).toMatchObject({ kind: "account-disabled" });
    expect(bulk.summary.failed).toBe(0);
    expect(bulk.summary.matched + bulk.summary["no-webex-account"] + bulk.summary["account-disabled"] + bulk.summary["domain-not-verified"]).toBe(users.length);

    expect(bulk.counters.users).toBe(users.length);
    expect(bulk.counters.graphBatches).toBe(Math.ceil(users.length / 20));
    expect(bulk.counters.graphRequests).toBe(Math.ceil(users.length / 20) + 1); // + GET /organization, once
    const domains = await getVerifiedDomains(graphClient()); // the tenant's, plus its initial onmicrosoft.com domain
    const planned = users.reduce((n, u) => n + planLookups({ ...u }, domains).length, 0);
    expect(bulk.counters.plannedLookups).toBe(planned);
    expect(bulk.counters.webexRequests).toBeLessThanOrEqual(planned);
    // Primary first, stop at the first hit: the very look-ups the one-by-one path sends.
    expect(bulk.counters.webexRequests).toBe(reference.webexLookups);

    for (const o of bulk.outcomes) {
      const link = await deps.links.get(TENANT_ID, o.userId);
      if (o.kind === "matched") expect(link).toMatchObject({ matchedAddress: o.address, webexPersonId: o.webexPersonId, webexEmail: o.webexEmail, matchedAt: now });
      else expect(link).toBeUndefined();
    }
    expect(progress.at(-1)).toMatchObject({ done: users.length, total: users.length });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it("keeps the links a previous run stored and asks Webex again only about people it found no account for", async () => {
    const ids = sandbox.tenant.users.map((u) => u.id);
    const deps = await bulkDeps();

    const first = await matchUsersInBulk(deps, TENANT_ID, ids);
    const second = await matchUsersInBulk(deps, TENANT_ID, ids);

    const matched = second.outcomes.filter((o) => o.kind === "matched");
    expect(matched.length).toBe(first.summary.matched);
    expect(matched.every((o) => o.link === "kept")).toBe(true);
    const retried = second.outcomes.flatMap((o) => (o.kind === "no-webex-account" ? o.tried : []));
    expect(retried).toContain("tom.baker@contoso.com");
    expect(second.counters.webexRequests).toBe(retried.length);
    expect(second.counters.graphBatches).toBe(Math.ceil(ids.length / 20));
  });

  it("never has more Webex look-ups in flight than the cap allows", async () => {
    const real = webexClient();
    let inFlight = 0;
    let most = 0;
    // Observes the real gateway; every request still goes to the emulator.
    const observed: WebexClient = {
      async request(method, path, schema, body) {
        most = Math.max(most, ++inFlight);
        try {
          return await real.request(method, path, schema, body);
        } finally {
          inFlight--;
        }
      },
    };
    const deps = await bulkDeps({ webex: observed, concurrency: { webexLookups: 3, graphBatches: 2 } });

    const result = await matchUsersInBulk(deps, TENANT_ID, sandbox.tenant.users.map((u) => u.id));

    expect(result.summary.failed).toBe(0);
    expect(most).toBe(3);
  });

  it("reports a user Graph does not know and still matches the others", async () => {
    const aiko = userByLocal(sandbox.tenant, "aiko.tanaka").id;
    const lasse = userByLocal(sandbox.tenant, "lasse.nystrom").id;
    const gone = "0badc0de-0000-4000-8000-000000000000";

    const result = await matchUsersInBulk(await bulkDeps(), TENANT_ID, [aiko, gone, lasse, aiko]);

    expect(result.outcomes.map((o) => o.kind)).toEqual(["matched", "failed", "matched"]);
    expect(result.outcomes[1]).toMatchObject({ userId: gone, kind: "failed", stage: "directory", status: 404, code: "Request_ResourceNotFound" });
    expect(result.counters).toMatchObject({ users: 3, graphBatches: 1 });
  });

  it("retries users Graph throttled inside a batch, counting the extra $batch request", async () => {
    sandbox.graph.state.faults.add({ path: "/users/*", method: "GET", times: 2, fault: { status: 429, retryAfterSeconds: 0 } });
    const ids = sandbox.tenant.users.slice(0, 20).map((u) => u.id);

    const result = await matchUsersInBulk(await bulkDeps(), TENANT_ID, ids);

    expect(result.summary.failed).toBe(0);
    expect(result.counters.graphBatches).toBe(2);
  });

  it("stops with one clear error when Webex refuses the token, instead of failing every user", async () => {
    const deps = await bulkDeps({ webex: webexClient([SCOPES.schedulesRead]), concurrency: { webexLookups: 2 } });

    const error = await matchUsersInBulk(deps, TENANT_ID, sandbox.tenant.users.map((u) => u.id)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BulkMatchError);
    expect((error as BulkMatchError).cause).toBeInstanceOf(WebexError);
    expect(((error as BulkMatchError).cause as WebexError).status).toBe(403);
    // Only the look-ups already started when the first 403 came back were sent.
    expect((error as BulkMatchError).counters.webexRequests).toBeLessThanOrEqual(2);
  });

  it("stops before reading any user when the admin has withdrawn consent", async () => {
    sandbox.identity.revokeAdminConsent(sandbox.credentials.app.clientId);
    const deps = await bulkDeps();

    const error = await matchUsersInBulk(deps, TENANT_ID, sandbox.tenant.users.map((u) => u.id)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BulkMatchError);
    expect(((error as BulkMatchError).cause as { statusCode?: number }).statusCode).toBe(403);
    expect((error as BulkMatchError).counters).toMatchObject({ graphRequests: 1, graphBatches: 0, webexRequests: 0 });
  });
});
