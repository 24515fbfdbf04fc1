/**
 * The in-memory directory copy against the sandbox's Graph over HTTPS with a tenant-mode app token:
 * `GET /users/delta` rounds through the Graph SDK, look-ahead answered from the copy, and the
 * live `$search` used wherever the copy cannot answer.
 */
import { startSandbox, type RunningSandbox } from "../../../sandbox";
import { requestDelta } from "../../../sandbox/common/request-counter";
import { TENANT_ID } from "../../../sandbox/tenant";
import { createDirectoryMirror, type UserDeltaSource } from "../../src/directory/mirror/directory-mirror";
import { PeopleIndex } from "../../src/directory/mirror/people-index";
import type { InviteePorts } from "../../src/directory/invitees";
import { createGraphClient } from "../../src/graph/client";
import { createGraphInviteePorts } from "../../src/graph/invitee-ports";
import { readUserDelta } from "../../src/graph/users-delta";
import { sandboxAppGraphClient } from "../support/graph";

let sandbox: RunningSandbox;
let live: InviteePorts;
let source: UserDeltaSource;
let client: ReturnType<typeof createGraphClient>;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = sandboxAppGraphClient(sandbox);
  live = createGraphInviteePorts({ client, mode: "tenant", self: "me" });
  source = { read: (from) => readUserDelta(client, from) };
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

const emails = (people: { email?: string }[]): string[] => people.map((p) => p.email ?? "?").sort();
const graphCalls = () => sandbox.graph.state.requests.snapshot();
const userSearches = (delta: Record<string, number>): number => (delta["GET /users"] ?? 0) + (delta["$batch: GET /users"] ?? 0);

/** A clock the test moves. */
function clock(start = 1_000_000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

test("the copy finds the same people as Graph's directory search, for names, parts of names and addresses", async () => {
  // Graph's index also splits at case changes: "donald" finds "Omar McDonald", "mail" finds "SfBMailUser".
  const tenant = sandbox.graph.state.tenant();
  tenant.users.find((u) => u.displayName === "Omar Haddad")!.displayName = "Omar McDonald";
  tenant.users.find((u) => u.displayName === "Mia Holm")!.displayName = "SfBMailUser";
  const round = await readUserDelta(client, undefined, { pageSize: 7 });
  expect(round.pages).toBe(Math.ceil(sandbox.tenant.users.length / 7));
  const index = new PeopleIndex();
  index.apply(round.changes);
  expect(index.size).toBe(sandbox.tenant.users.length);
  const queries = ["Aiko", "anna", "Anna B", "lars", "berg", "la", "aiko.tanaka@contoso.com", "ingrid", "Laura Díaz", "omar h", "Berg Lars", "nobody-here", "tanaka@", "donald", "omar mcd", "mail", "sfbm", "user"];
  for (const q of queries) {
    const fromCopy = emails(index.search(q, 10));
    const fromGraph = emails(await live.searchPeople(q, 10));
    expect({ q, found: fromCopy }).toEqual({ q, found: fromGraph });
  }
  // Not vacuous: most of these find somebody, the case-change words among them.
  expect(queries.filter((q) => index.search(q, 10).length > 0).length).toBeGreaterThanOrEqual(14);
  expect(index.search("donald", 10).map((p) => p.displayName)).toEqual(["Omar McDonald"]);
  expect(index.search("mail", 10).map((p) => p.displayName)).toEqual(["SfBMailUser"]);
});

test("once the copy is complete, look-ahead asks Graph nothing; before that, Graph's search answers", async () => {
  const mirror = createDirectoryMirror({ refreshAfterMs: 300_000, retryAfterMs: 60_000 });
  const ports = mirror.inviteePorts(TENANT_ID, live, source);

  const cold = graphCalls();
  expect((await ports.searchPeople("Aiko", 10)).map((p) => p.displayName)).toEqual(["Aiko Tanaka"]);
  await mirror.settled(TENANT_ID);
  const coldCalls = requestDelta(cold, graphCalls());
  expect(userSearches(coldCalls)).toBe(1);
  expect(coldCalls["GET /users/delta"]).toBe(1);
  expect(mirror.size(TENANT_ID)).toBe(sandbox.tenant.users.length);

  const warm = graphCalls();
  expect((await ports.searchPeople("Aiko", 10)).map((p) => p.displayName)).toEqual(["Aiko Tanaka"]);
  expect(emails(await ports.searchPeople("anna", 10))).toEqual(emails(await live.searchPeople("anna", 10)));
  const warmCalls = requestDelta(warm, graphCalls());
  // Only the comparison's own live search above reached Graph.
  expect(userSearches(warmCalls)).toBe(1);
  expect(warmCalls["GET /users/delta"]).toBeUndefined();
});

test("a rename and a departure reach look-ahead with the next refresh, and an old copy never answers; a name the copy lacks still finds the person", async () => {
  const time = clock();
  const mirror = createDirectoryMirror({ refreshAfterMs: 300_000, retryAfterMs: 60_000, now: time.now });
  const ports = mirror.inviteePorts(TENANT_ID, live, source);
  await ports.searchPeople("Aiko", 10);
  await mirror.settled(TENANT_ID);

  const tenant = sandbox.graph.state.tenant();
  const aiko = tenant.users.find((u) => u.displayName === "Aiko Tanaka")!;
  aiko.displayName = "Aiko Wennerström";
  tenant.users.splice(tenant.users.findIndex((u) => u.displayName === "Mia Holm"), 1);

  // Before the refresh: the copy has no "Wennerström", so Graph's search answers — the user still finds her.
  expect((await ports.searchPeople("Wenner", 10)).map((p) => p.email)).toEqual([aiko.mail]);

  // Five minutes on, the copy is too old to answer: Graph's search does, while the copy refreshes.
  time.advance(300_000);
  const before = graphCalls();
  expect((await ports.searchPeople("Mia", 10)).map((p) => p.displayName)).toEqual([]);
  await mirror.settled(TENANT_ID);
  const refreshCalls = requestDelta(before, graphCalls());
  expect(refreshCalls["GET /users/delta"]).toBe(1);
  expect(userSearches(refreshCalls)).toBe(1);

  const after = graphCalls();
  expect((await ports.searchPeople("Wenner", 10)).map((p) => p.email)).toEqual([aiko.mail]);
  expect((await ports.searchPeople("Lars", 10)).map((p) => p.displayName)).toEqual(["Lars Berg"]);
  expect(await ports.searchPeople("Mia", 10)).toEqual([]); // not in the copy, and Graph agrees
  const calls = requestDelta(after, graphCalls());
  expect(userSearches(calls)).toBe(1); // only "Mia", which the copy could not answer
});

test("an expired delta link makes the copy read the whole directory again", async () => {
  const time = clock();
  const expiring: UserDeltaSource = {
    // The service forgot our link (Graph does after seven days): it answers 400 syncStateNotFound.
    read: (from) => readUserDelta(client, from?.replace(/\$deltatoken=[^&]+/, "$deltatoken=forgotten")),
  };
  const rounds: { full: boolean; users: number }[] = [];
  const mirror = createDirectoryMirror({ refreshAfterMs: 1000, retryAfterMs: 1000, now: time.now, onRound: (_t, r) => rounds.push(r) });
  const ports = mirror.inviteePorts(TENANT_ID, live, expiring);
  await ports.searchPeople("Aiko", 10);
  await mirror.settled(TENANT_ID);
  time.advance(1000);
  await ports.searchPeople("Aiko", 10);
  await mirror.settled(TENANT_ID);
  expect(rounds).toEqual([
    { full: true, changes: sandbox.tenant.users.length, users: sandbox.tenant.users.length },
    { full: true, changes: sandbox.tenant.users.length, users: sandbox.tenant.users.length },
  ].map(({ full, users }) => expect.objectContaining({ full, users })));
  expect((await ports.searchPeople("Aiko", 10)).map((p) => p.displayName)).toEqual(["Aiko Tanaka"]);
});

test("when Graph fails a round, look-ahead keeps working from Graph's search and the copy is tried again later", async () => {
  const time = clock();
  const failures: unknown[] = [];
  const mirror = createDirectoryMirror({ refreshAfterMs: 300_000, retryAfterMs: 60_000, now: time.now, onRoundFailed: (_t, e) => failures.push(e) });
  const ports = mirror.inviteePorts(TENANT_ID, live, source);
  sandbox.graph.state.faults.add({ path: "/users/delta", method: "GET", times: null, fault: { status: 500 } });

  expect((await ports.searchPeople("Aiko", 10)).map((p) => p.displayName)).toEqual(["Aiko Tanaka"]);
  await mirror.settled(TENANT_ID);
  expect(failures).toHaveLength(1);
  expect(mirror.size(TENANT_ID)).toBeUndefined();

  // Within the retry pause nothing is tried again.
  const before = graphCalls();
  expect((await ports.searchPeople("Lars", 10)).map((p) => p.displayName)).toEqual(["Lars Berg"]);
  await mirror.settled(TENANT_ID);
  expect(requestDelta(before, graphCalls())["GET /users/delta"]).toBeUndefined();

  sandbox.graph.state.faults.clear();
  time.advance(60_000);
  await ports.searchPeople("Lars", 10);
  await mirror.settled(TENANT_ID);
  expect(mirror.size(TENANT_ID)).toBe(sandbox.tenant.users.length);
});

test("when the tenant's consent is withdrawn, its copy of the directory is dropped", async () => {
  const time = clock();
  // A fresh msal client per round, so the round's token carries the consent as it is now.
  const current: UserDeltaSource = { read: (from) => readUserDelta(sandboxAppGraphClient(sandbox), from) };
  const failures: unknown[] = [];
  const mirror = createDirectoryMirror({ refreshAfterMs: 300_000, retryAfterMs: 60_000, now: time.now, onRoundFailed: (_t, e) => failures.push(e) });
  const ports = mirror.inviteePorts(TENANT_ID, live, current);
  await ports.searchPeople("Aiko", 10);
  await mirror.settled(TENANT_ID);
  expect(mirror.size(TENANT_ID)).toBe(sandbox.tenant.users.length);

  sandbox.identity.revokeAdminConsent(sandbox.credentials.app.clientId);
  try {
    time.advance(300_000);
    await ports.searchPeople("Aiko", 10);
    await mirror.settled(TENANT_ID);
    expect(failures).toEqual([expect.objectContaining({ statusCode: 403 })]);
    expect(mirror.size(TENANT_ID)).toBeUndefined();
  } finally {
    sandbox.identity.grantAdminConsent(sandbox.credentials.app.clientId);
  }
});

test("after three failed refreshes in a row the copy reads the whole directory again rather than trust its link", async () => {
  const time = clock();
  const rounds: string[] = [];
  const mirror = createDirectoryMirror({ refreshAfterMs: 1000, retryAfterMs: 1000, now: time.now, onRound: (_t, r) => rounds.push(r.full ? "full" : "delta"), onRoundFailed: () => rounds.push("failed") });
  const ports = mirror.inviteePorts(TENANT_ID, live, source);
  const look = async (): Promise<void> => {
    time.advance(1000);
    await ports.searchPeople("Aiko", 10);
    await mirror.settled(TENANT_ID);
  };
  await look();
  sandbox.graph.state.faults.add({ path: "/users/delta", method: "GET", times: 3, fault: { status: 500 } });
  for (let i = 0; i < 4; i++) await look();
  await look();
  expect(rounds).toEqual(["full", "failed", "failed", "failed", "full", "delta"]);
  expect(mirror.size(TENANT_ID)).toBe(sandbox.tenant.users.length);
});
