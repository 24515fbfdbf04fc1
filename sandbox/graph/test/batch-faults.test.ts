import { userByLocal } from "../../tenant";
import { example, missingKeys, startHarness, type Harness } from "./harness";

let h: Harness;
let app: string;
let lars: string;
beforeAll(async () => {
  h = await startHarness();
  app = await h.appToken(["User.Read.All", "Calendars.ReadWrite"]);
  lars = userByLocal(h.tenant, "lars.berg").id;
});
afterAll(() => h.close());
beforeEach(() => h.emulator.reset());

const control = (path: string, method = "GET", body?: unknown) =>
  fetch(`${h.url}/_sandbox${path}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });

describe("JSON batching", () => {
  test("runs each request with the batch's token and reports status, headers and body per request", async () => {
    const r = await h.call("/v1.0/$batch", {
      token: app, method: "POST",
      body: {
        requests: [
          { id: "1", method: "GET", url: `/users/${lars}?$select=displayName` },
          { id: "2", method: "GET", url: "/groups" },
          { id: "3", method: "GET", url: "/me" },
          { id: "4", method: "GET", url: "/users?$select=id&$count=true", headers: { ConsistencyLevel: "eventual" } },
        ],
      },
    });
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.json.responses.map((x: { id: string }) => [x.id, x]));
    expect(byId["1"]).toMatchObject({ status: 200, body: { displayName: "Lars Berg" } });
    expect(byId["2"].status).toBe(403); // no group permission in this token
    expect(byId["2"].body.error.code).toBe("Authorization_RequestDenied");
    expect(byId["3"].status).toBe(400); // /me with an app token
    expect(byId["4"].body["@odata.count"]).toBe(h.tenant.users.length);
    const sample = (example("batch.response.json") as { responses: Record<string, unknown>[] }).responses[0]!;
    expect(missingKeys(sample, byId["1"])).toEqual([]);
  });

  test("dependsOn orders requests, and a failed dependency yields 424", async () => {
    const event = { subject: "Batch", start: { dateTime: "2030-01-01T10:00:00", timeZone: "UTC" }, end: { dateTime: "2030-01-01T11:00:00", timeZone: "UTC" } };
    const r = await h.call("/v1.0/$batch", {
      token: app, method: "POST",
      body: {
        requests: [
          { id: "b", method: "GET", url: `/users/${lars}/events?$filter=${encodeURIComponent("subject eq 'Batch'")}`, dependsOn: ["a"] },
          { id: "a", method: "POST", url: `/users/${lars}/events`, headers: { "Content-Type": "application/json" }, body: event },
          { id: "c", method: "GET", url: "/users/nobody@contoso.com" },
          { id: "d", method: "GET", url: "/users?$top=1", dependsOn: ["c"] },
        ],
      },
    });
    const byId = Object.fromEntries(r.json.responses.map((x: { id: string }) => [x.id, x]));
    expect(byId["a"].status).toBe(201);
    expect(byId["b"].body.value).toHaveLength(1);
    expect(byId["c"].status).toBe(404);
    expect(byId["d"].status).toBe(424);
  });

  test("more than 20 requests, duplicate ids or a write without Content-Type are refused with 400", async () => {
    const get = (i: number) => ({ id: String(i), method: "GET", url: "/users?$top=1" });
    const tooMany = await h.call("/v1.0/$batch", { token: app, method: "POST", body: { requests: Array.from({ length: 21 }, (_, i) => get(i)) } });
    expect(tooMany.status).toBe(400);
    expect((await h.call("/v1.0/$batch", { token: app, method: "POST", body: { requests: Array.from({ length: 20 }, (_, i) => get(i)) } })).status).toBe(200);
    expect((await h.call("/v1.0/$batch", { token: app, method: "POST", body: { requests: [get(1), get(1)] } })).status).toBe(400);
    const noType = await h.call("/v1.0/$batch", { token: app, method: "POST", body: { requests: [{ id: "1", method: "POST", url: `/users/${lars}/events`, body: {} }] } });
    expect(noType.status).toBe(400);
  });

  test("a batch without a valid token is refused as a whole", async () => {
    const r = await h.call("/v1.0/$batch", { method: "POST", body: { requests: [{ id: "1", method: "GET", url: "/users" }] } });
    expect(r.status).toBe(401);
  });
});

describe("fault injection", () => {
  test("a rule answers 429 with Retry-After for the next N matching calls, then normal service resumes", async () => {
    const added = await control("/faults", "POST", { path: "/users/*/events", method: "GET", times: 2, fault: { status: 429, retryAfterSeconds: 3 } });
    expect(added.status).toBe(201);
    const first = await h.call(`/v1.0/users/${lars}/events`, { token: app });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    expect(first.json.error.code).toBe("TooManyRequests");
    expect((await h.call(`/v1.0/users/${lars}`, { token: app })).status).toBe(200); // other routes untouched
    expect((await h.call(`/v1.0/users/${lars}/events`, { token: app })).status).toBe(429);
    expect((await h.call(`/v1.0/users/${lars}/events`, { token: app })).status).toBe(200);
  });

  test("503 and 504 can be injected, and rules are listed and cleared", async () => {
    await control("/faults", "POST", { path: "/users/**", times: null, fault: { status: 503 } });
    await control("/faults", "POST", { path: "/groups", fault: { status: 504 } });
    expect((await h.call(`/v1.0/users/${lars}/events`, { token: app })).status).toBe(503);
    expect((await h.call("/v1.0/groups", { token: app })).status).toBe(504);
    expect(((await (await control("/faults")).json()) as { value: unknown[] }).value).toHaveLength(1);
    expect((await control("/faults", "DELETE")).status).toBe(204);
    expect((await h.call(`/v1.0/users/${lars}/events`, { token: app })).status).toBe(200);
  });

  test("a dropped connection reaches the client as a network error", async () => {
    await control("/faults", "POST", { path: "/users", fault: { drop: true } });
    await expect(h.call("/v1.0/users", { token: app })).rejects.toThrow();
    expect((await h.call("/v1.0/users?$top=1", { token: app })).status).toBe(200);
  });

  test("the x-sandbox-fault header injects a fault for one request", async () => {
    const r = await h.call("/v1.0/users", { token: app, headers: { "x-sandbox-fault": "429; retry-after=7" } });
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("7");
    const slow = await h.call("/v1.0/users?$top=1", { token: app, headers: { "x-sandbox-fault": "latency=50" } });
    expect(slow.status).toBe(200);
    await expect(h.call("/v1.0/users", { token: app, headers: { "x-sandbox-fault": "drop" } })).rejects.toThrow();
  });

  test("/_sandbox/reset restores the seeded calendars", async () => {
    const event = { subject: "Temp", start: { dateTime: "2030-01-01T10:00:00", timeZone: "UTC" }, end: { dateTime: "2030-01-01T11:00:00", timeZone: "UTC" } };
    await h.call(`/v1.0/users/${lars}/events`, { token: app, method: "POST", body: event });
    expect(h.emulator.state.events(lars)).toHaveLength(2);
    expect((await control("/reset", "POST")).status).toBe(204);
    expect(h.emulator.state.events(lars).map((e) => e["subject"])).toEqual(["Sprint planning"]);
  });
});
