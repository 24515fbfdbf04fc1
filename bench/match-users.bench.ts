import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@microsoft/microsoft-graph-client";
import { startSandbox, type RunningSandbox } from "../sandbox";
import { TENANT_ID, createTenant } from "../sandbox/tenant";
import { matchUsersInBulk, type BulkMatchResult } from "../bot/src/accounts/bulk-match";
import { matchUser, type MatchUserResult } from "../bot/src/directory";
import { getUser, getVerifiedDomains } from "../bot/src/graph/directory";
import { openStore, type Store } from "../bot/src/store";
import { createWebexClient, type WebexClient } from "../bot/src/webex/client";
import { findPersonByEmail } from "../bot/src/webex/people";
import { defineBenchmark } from "./harness/benchmark";
import { createLargeTenant, generatedKind } from "./support/large-tenant";
import { sandboxAppGraphClient } from "../bot/test/support/graph";

/**
 * Matching a whole tenant's users to Webex in tenant mode, against the sandbox over HTTPS
 * (identity, Graph and Webex emulators in this process, a real SQLite store).
 * Subject: matchUsersInBulk over all 10 000 users — users read 20 per POST /$batch, the
 * verified domains once, Webex look-ups 8 at a time. Baseline: the naive path — matchUser for
 * one user after the other (GET /users/{id} and GET /organization each, then the look-ups) —
 * over a 500-user sample spread evenly across the tenant. Times are per user.
 */

const USERS = 10_000;
const SAMPLE = 500;

interface Calls {
  users: number;
  graph: number;
  webex: number;
}

interface Context {
  sandbox: RunningSandbox;
  dir: string;
  graph: Client;
  webex: WebexClient;
  allIds: string[];
  sampleIds: string[];
  /** Each side starts every sample with an empty link table: a kept link would skip the look-ups. */
  stores: { subject: Store; baseline: Store };
  calls: { subject: Calls[]; baseline: Calls[] };
  last: { subject?: BulkMatchResult["summary"] };
  /** How the generated users split, for the notes. */
  mix: string;
  storeCount: number;
}

async function freshStore(context: Pick<Context, "dir" | "storeCount">): Promise<Store> {
  return openStore({ sqlitePath: join(context.dir, `links-${context.storeCount++}.sqlite`) });
}

async function renew(context: Context, side: keyof Context["stores"]): Promise<void> {
  await context.stores[side].close();
  context.stores[side] = await freshStore(context);
}

async function bulk(context: Context, ids: string[], links: Store): Promise<BulkMatchResult> {
  return matchUsersInBulk({ graph: context.graph, webex: context.webex, links: links.accounts, now: () => new Date() }, TENANT_ID, ids);
}

/** matchUser for each user in turn, counting the requests it sends. */
async function oneByOne(context: Context, ids: string[], links: Store): Promise<{ results: MatchUserResult[]; calls: Calls }> {
  const calls: Calls = { users: ids.length, graph: 0, webex: 0 };
  const deps = {
    directory: {
      getUser: (who: { userId: string }) => {
        calls.graph++;
        return getUser(context.graph, who);
      },
      getVerifiedDomains: () => {
        calls.graph++;
        return getVerifiedDomains(context.graph);
      },
    },
    webex: {
      findByEmail: (email: string) => {
        calls.webex++;
        return findPersonByEmail(context.webex, email);
      },
    },
    links: links.accounts,
    now: () => new Date(),
  };
  const results: MatchUserResult[] = [];
  for (const userId of ids) results.push(await matchUser(deps, { tenantId: TENANT_ID, userId }));
  return { results, calls };
}

function perUser(calls: Calls[], key: "graph" | "webex"): string {
  const users = calls.reduce((n, c) => n + c.users, 0);
  return users === 0 ? "n/a" : (calls.reduce((n, c) => n + c[key], 0) / users).toFixed(3);
}

export default defineBenchmark<Context>({
  name: "match-users",
  subjectLabel: `matchUsersInBulk over ${USERS} users (Graph $batch of 20, 4 batches and 8 Webex look-ups in flight)`,
  baselineLabel: `matchUser one user after the other (GET /users/{id} + GET /organization each) over a ${SAMPLE}-user sample`,
  perUnit: { unit: "user", subject: USERS, baseline: SAMPLE },
  // One subject sample is thousands of requests: a few samples say enough.
  maxSamples: 5,
  warmup: 1,

  async setup() {
    const tenant = createLargeTenant(USERS);
    const sandbox = await startSandbox({ tenant });
    const dir = mkdtempSync(join(tmpdir(), "webex-scheduler-bench-match-"));
    try {
      const graph = sandboxAppGraphClient(sandbox);
      // The sandbox's Webex service token: the admin Daniel Okafor's (spark:people_read among its scopes).
      const serviceToken = sandbox.botEnv.WEBEX_SERVICE_TOKEN;
      if (!serviceToken) throw new Error("the sandbox issued no Webex service token");
      const webex = createWebexClient({ baseUrl: sandbox.urls.webex, tokens: { getAccessToken: async () => serviceToken } });
      const allIds = tenant.users.map((u) => u.id);
      // Spread over the tenant with a stride coprime to the generator's period of 100 users, so
      // the sample has the tenant's mix (a stride of 20 would pick the same 5 slots every time).
      const stride = 19;
      const sampleIds = Array.from({ length: SAMPLE }, (_, i) => allIds[i * stride]!);
      const counter = { dir, storeCount: 0 };
      const stores = { subject: await freshStore(counter), baseline: await freshStore(counter) };
      const seeded = createTenant().users.length;
      const kinds = new Map<string, number>();
      for (let n = seeded + 1; n <= USERS; n++) kinds.set(generatedKind(n), (kinds.get(generatedKind(n)) ?? 0) + 1);
      const mix = `${seeded} demo + generated: ${[...kinds].map(([k, v]) => `${v} ${k}`).join(", ")}`;
      const context: Context = { sandbox, dir, graph, webex, allIds, sampleIds, stores, calls: { subject: [], baseline: [] }, last: {}, mix, storeCount: counter.storeCount };

      // Measure what we claim: on the sample, both paths reach the same decisions.
      const check = { bulk: await freshStore(context), naive: await freshStore(context) };
      try {
        const viaBulk = await bulk(context, sampleIds, check.bulk);
        const viaNaive = await oneByOne(context, sampleIds, check.naive);
        const differs = viaBulk.outcomes.findIndex((o, i) => JSON.stringify({ ...o, userId: undefined }) !== JSON.stringify({ ...viaNaive.results[i], userId: undefined }));
        if (differs >= 0) throw new Error(`bulk and one-by-one matching disagree on ${sampleIds[differs]}: ${JSON.stringify(viaBulk.outcomes[differs])} vs ${JSON.stringify(viaNaive.results[differs])}`);
        if (viaBulk.summary.failed > 0 || viaBulk.summary.matched === 0) throw new Error(`unexpected sample decisions: ${JSON.stringify(viaBulk.summary)}`);
      } finally {
        await check.bulk.close();
        await check.naive.close();
      }
      return context;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      await sandbox.close();
      throw error;
    }
  },

  async subject(context) {
    const result = await bulk(context, context.allIds, context.stores.subject);
    const stoppedAt = process.hrtime.bigint();
    if (result.summary.failed > 0) throw new Error(`bulk matching failed for ${result.summary.failed} users`);
    const c = result.counters;
    context.calls.subject.push({ users: c.users, graph: c.graphRequests, webex: c.webexRequests });
    context.last.subject = result.summary;
    await renew(context, "subject"); // untimed: after the clock stopped
    return stoppedAt;
  },

  async baseline(context) {
    const { calls } = await oneByOne(context, context.sampleIds, context.stores.baseline);
    const stoppedAt = process.hrtime.bigint();
    context.calls.baseline.push(calls);
    await renew(context, "baseline");
    return stoppedAt;
  },

  notes(context) {
    return [
      `tenant: ${context.allIds.length} users (${context.mix})`,
      `subject decisions per run: ${JSON.stringify(context.last.subject ?? {})}`,
      `calls per user (warm-up included), subject: Graph ${perUser(context.calls.subject, "graph")}, Webex ${perUser(context.calls.subject, "webex")}`,
      `calls per user (warm-up included), baseline: Graph ${perUser(context.calls.baseline, "graph")}, Webex ${perUser(context.calls.baseline, "webex")}`,
    ];
  },

  async teardown(context) {
    await context.stores.subject.close();
    await context.stores.baseline.close();
    await context.sandbox.close();
    rmSync(context.dir, { recursive: true, force: true });
  },
});
