import { BatchRequestContent, BatchResponseContent, Client, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import { userByLocal } from "../../tenant";
import { startHarness, type Harness } from "./harness";

// The official Graph SDK (what the bot's gateway uses) against the emulator: custom host, paging, retries, batching.
let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  const token = await h.appToken(["User.Read.All", "Directory.Read.All", "Calendars.ReadWrite"]);
  client = Client.init({ authProvider: (done) => done(null, token), baseUrl: `${h.url}/`, customHosts: new Set(["localhost"]) });
});
afterAll(() => h.close());

test("the SDK pages through every user with its PageIterator", async () => {
  const first = (await client.api("/users").select("id,mail").top(7).get()) as PageCollection;
  const ids: string[] = [];
  await new PageIterator(client, first, (u: { id: string }) => {
    ids.push(u.id);
    return true;
  }).iterate();
  expect(new Set(ids).size).toBe(h.tenant.users.length);
});

test("the SDK's retry handler rides out a 429 and the transactionId keeps the event single", async () => {
  await fetch(`${h.url}/_sandbox/faults`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: "/users/*/events", method: "POST", times: 1, fault: { status: 429, retryAfterSeconds: 1 } }),
  });
  const lars = userByLocal(h.tenant, "lars.berg").id;
  const before = h.emulator.state.events(lars).length;
  const event = await client.api(`/users/${lars}/events`).post({
    subject: "Via SDK", transactionId: "sdk-1", start: { dateTime: "2030-01-01T10:00:00", timeZone: "UTC" }, end: { dateTime: "2030-01-01T11:00:00", timeZone: "UTC" },
  });
  expect(event.type).toBe("singleInstance");
  expect(h.emulator.state.events(lars)).toHaveLength(before + 1);
});

test("the SDK surfaces Graph errors with status and code", async () => {
  await expect(client.api("/me").get()).rejects.toMatchObject({ statusCode: 400, code: "BadRequest" });
});

test("the SDK's batch content round-trips through /$batch (URLs without the version: the SDK keeps it, Graph rejects it)", async () => {
  const lars = userByLocal(h.tenant, "lars.berg");
  const batch = new BatchRequestContent([
    // SDK 3.0.7 strips only scheme and host, so the sub-request URL must not carry /v1.0.
    { id: "1", request: new Request(`${h.url}/users/${lars.id}?$select=mail`, { method: "GET" }) },
    { id: "2", request: new Request(`${h.url}/v1.0/organization`, { method: "GET" }) },
  ]);
  const response = new BatchResponseContent(await client.api("/$batch").post(await batch.getContent()));
  const one = response.getResponseById("1");
  expect(one.status).toBe(200);
  expect(((await one.json()) as { mail: string }).mail).toBe(lars.mail);
  const two = response.getResponseById("2");
  expect(two.status).toBe(400);
  expect(((await two.json()) as { error: { message: string } }).error.message).toBe("Resource not found for the segment 'v1.0'.");
});
