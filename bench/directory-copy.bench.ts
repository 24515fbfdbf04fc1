import type { Client } from "@microsoft/microsoft-graph-client";
import { startSandbox, type RunningSandbox } from "../sandbox";
import { requestDelta } from "../sandbox/common/request-counter";
import { PeopleIndex } from "../bot/src/directory/mirror/people-index";
import type { InviteePorts } from "../bot/src/directory/invitees";
import { createGraphInviteePorts } from "../bot/src/graph/invitee-ports";
import { readUserDelta } from "../bot/src/graph/users-delta";
import { defineBenchmark } from "./harness/benchmark";
import { formatDuration } from "./harness/table";
import { createLargeTenant } from "./support/large-tenant";
import { sandboxAppGraphClient } from "../bot/test/support/graph";

/**
 * The directory copy behind invitee look-ahead (bot/src/directory/mirror), in a 10 000-user
 * tenant (the sandbox's emulators in this process, Graph over HTTPS, tenant mode).
 * Subject: one look-up in the copy (`PeopleIndex.search`, limit 10) for a name the user typed.
 * Baseline: the same look-up as Graph's directory `$search` (what every look-up did before the
 * copy, and what still answers a name the copy does not know) through the Graph SDK.
 * The notes give what the copy costs to keep: the first full `GET /users/delta` round, a later
 * round with nothing changed, and the memory the copy holds.
 */

const USERS = 10_000;
// Names as people type them: a given name shared by hundreds, a surname, a full name, a partial one.
const QUERIES = ["Aiko", "Hansen", "Nora Park", "kaor", "Lars Berg", "Fatima García"];

interface Context {
  sandbox: RunningSandbox;
  graph: Client;
  live: InviteePorts;
  index: PeopleIndex;
  next: number;
  full: { ms: number; pages: number; users: number };
  quiet: { ms: number; requests: number };
  heapBytes: number;
}

/** Heap a copy built from these changes holds (users included): built from a clone, measured between two GCs. */
function heapOfCopy(changes: Parameters<PeopleIndex["apply"]>[0]): number {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const copy = new PeopleIndex();
  copy.apply(structuredClone(changes));
  copy.search("warm", 1);
  global.gc?.();
  const bytes = process.memoryUsage().heapUsed - before;
  if (copy.size !== changes.length) throw new Error("the measured copy lost users");
  return bytes;
}

const nextQuery = (context: Context): string => QUERIES[context.next++ % QUERIES.length]!;

export default defineBenchmark<Context>({
  name: "directory-copy",
  subjectLabel: `a look-up in the in-memory directory copy (${USERS} users), limit 10`,
  baselineLabel: "the same look-up as Graph's directory $search over HTTPS (sandbox Graph, Graph SDK)",

  async setup() {
    const sandbox = await startSandbox({ tenant: createLargeTenant(USERS) });
    try {
      const graph = sandboxAppGraphClient(sandbox);
      const live = createGraphInviteePorts({ client: graph, mode: "tenant", self: "me" });
      await live.searchPeople("Aiko", 10); // token and connection, not part of the round below

      let started = process.hrtime.bigint();
      const round = await readUserDelta(graph);
      const index = new PeopleIndex();
      index.apply(round.changes);
      index.search("warm", 1); // builds the token index, as the first look-up would
      const full = { ms: Number(process.hrtime.bigint() - started) / 1e6, pages: round.pages, users: index.size };
      const heapBytes = heapOfCopy(round.changes);

      const before = sandbox.graph.state.requests.snapshot();
      started = process.hrtime.bigint();
      const again = await readUserDelta(graph, round.deltaLink);
      index.apply(again.changes);
      const quiet = { ms: Number(process.hrtime.bigint() - started) / 1e6, requests: Object.values(requestDelta(before, sandbox.graph.state.requests.snapshot())).reduce((a, b) => a + b, 0) };

      // Measure what we claim: both sides find the same people.
      for (const q of QUERIES) {
        const mine = index.search(q, 10).map((p) => p.email).sort();
        const theirs = (await live.searchPeople(q, 10)).map((p) => p.email).sort();
        if (JSON.stringify(mine) !== JSON.stringify(theirs)) throw new Error(`the copy and Graph disagree on "${q}": ${mine.join(",")} vs ${theirs.join(",")}`);
      }
      return { sandbox, graph, live, index, next: 0, full, quiet, heapBytes };
    } catch (error) {
      await sandbox.close();
      throw error;
    }
  },

  subject: async (context) => {
    context.index.search(nextQuery(context), 10);
  },
  baseline: async (context) => {
    await context.live.searchPeople(nextQuery(context), 10);
  },

  notes: (context) => [
    `first full round (GET /users/delta, every page, copy built): ${formatDuration(context.full.ms * 1e6)} for ${context.full.users} users in ${context.full.pages} pages (Graph's default page size)`,
    `a round with nothing changed: ${formatDuration(context.quiet.ms * 1e6)}, ${context.quiet.requests} request(s)`,
    `memory held by the copy: ≈ ${(context.heapBytes / 1024 / 1024).toFixed(1)} MB of heap for ${context.full.users} users${global.gc ? "" : " (run with NODE_OPTIONS=--expose-gc for a steady figure)"}`,
  ],

  teardown: (context) => context.sandbox.close(),
});
