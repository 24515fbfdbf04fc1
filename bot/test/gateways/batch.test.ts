/**
 * Graph JSON batching against the Graph emulator over HTTPS with a tenant-mode app token:
 * chunks of 20, per-request results, per-request throttling retried after its Retry-After.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { startSandbox, type RunningSandbox } from "../../../sandbox";
import { userByLocal } from "../../../sandbox/tenant";
import { graphBatch, type BatchRequest, type GraphBatchOptions } from "../../src/graph/batch";
import { sandboxAppGraphClient } from "../support/graph";

let sandbox: RunningSandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.identity.grantAdminConsent(sandbox.credentials.app.clientId);
  client = sandboxAppGraphClient(sandbox);
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

/** Records what graphBatch posted and how long it chose to wait, without waiting. */
function recorder(): GraphBatchOptions & { chunks: { ids: string[]; attempt: number }[]; sleeps: number[] } {
  const chunks: { ids: string[]; attempt: number }[] = [];
  const sleeps: number[] = [];
  return { chunks, sleeps, onChunk: (c) => chunks.push(c), sleep: async (ms) => void sleeps.push(ms) };
}

const userGet = (id: string, userId: string): BatchRequest => ({ id, method: "GET", url: `/users/${userId}?$select=id,mail` });

describe("Graph $batch gateway", () => {
  it("looks up 45 users in three batches of at most 20 and reports each answer under its id, a missing user as 404", async () => {
    const users = sandbox.tenant.users;
    const requests: BatchRequest[] = Array.from({ length: 44 }, (_, i) => userGet(`u${i}`, users[i % users.length]!.id));
    requests.push(userGet("missing", "00000000-0000-4000-8000-00000000dead"));
    const options = { ...recorder(), concurrency: 2 };

    const results = await graphBatch(client, requests, options);

    expect(options.chunks.map((c) => [c.attempt, c.ids.length])).toEqual([
      [0, 20],
      [0, 20],
      [0, 5],
    ]);
    expect(results.size).toBe(45);
    for (let i = 0; i < 44; i++) {
      const result = results.get(`u${i}`)!;
      expect(result.status).toBe(200);
      expect((result.body as { id: string }).id).toBe(users[i % users.length]!.id);
    }
    const missing = results.get("missing")!;
    expect(missing.status).toBe(404);
    expect((missing.body as { error: { code: string } }).error.code).toBe("Request_ResourceNotFound");
  });

  it("accepts a sub-request path written with the version prefix and sends it without", async () => {
    const aiko = userByLocal(sandbox.tenant, "aiko.tanaka");
    const results = await graphBatch(client, [{ id: "me", method: "GET", url: `/v1.0/users/${aiko.id}?$select=mail` }]);
    expect(results.get("me")).toMatchObject({ status: 200, body: { mail: "aiko.tanaka@contoso.com" } });
  });

  it("retries a throttled sub-request after its Retry-After, alone, and then reports its answer", async () => {
    const [aiko, lars, mia] = ["aiko.tanaka", "lars.berg", "mia.holm"].map((l) => userByLocal(sandbox.tenant, l));
    sandbox.graph.state.faults.add({ path: `/users/${lars!.id}`, method: "GET", times: 1, fault: { status: 429, retryAfterSeconds: 2 } });
    const options = recorder();

    const results = await graphBatch(client, [userGet("aiko", aiko!.id), userGet("lars", lars!.id), userGet("mia", mia!.id)], options);

    expect(options.chunks).toEqual([
      { ids: ["aiko", "lars", "mia"], attempt: 0 },
      { ids: ["lars"], attempt: 1 },
    ]);
    expect(options.sleeps).toEqual([2000]);
    expect(results.get("lars")).toMatchObject({ status: 200, body: { mail: lars!.mail } });
    expect(results.get("aiko")?.status).toBe(200);
  });

  it("gives up on a sub-request that stays throttled after the allowed retries and reports the 429", async () => {
    const lars = userByLocal(sandbox.tenant, "lars.berg");
    sandbox.graph.state.faults.add({ path: `/users/${lars.id}`, method: "GET", times: null, fault: { status: 429, retryAfterSeconds: 1 } });
    const options = { ...recorder(), maxRetries: 2 };

    const results = await graphBatch(client, [userGet("lars", lars.id)], options);

    expect(options.sleeps).toEqual([1000, 1000]);
    expect(results.get("lars")).toMatchObject({ status: 429, headers: { "retry-after": "1" } });
  });

  it("does not wait out a Retry-After longer than allowed", async () => {
    const lars = userByLocal(sandbox.tenant, "lars.berg");
    sandbox.graph.state.faults.add({ path: `/users/${lars.id}`, method: "GET", times: 1, fault: { status: 429, retryAfterSeconds: 120 } });
    const options = { ...recorder(), maxRetryDelayMs: 10_000 };
    const results = await graphBatch(client, [userGet("lars", lars.id)], options);
    expect(options.sleeps).toEqual([]);
    expect(results.get("lars")?.status).toBe(429);
  });
});
