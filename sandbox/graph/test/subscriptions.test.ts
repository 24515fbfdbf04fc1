import { userByLocal } from "../../tenant";
import { example, missingKeys, startHarness, type Harness } from "./harness";
import { startReceiver, type Receiver } from "./receiver";

let fakeNow = Date.parse("2026-03-02T08:00:00Z");
let h: Harness;
let rx: Receiver;
let app: string;
let lars: string;
let aiko: string;

beforeAll(async () => {
  h = await startHarness({
    clock: () => new Date(fakeNow),
    validationTimeoutMs: 400,
    deliver: { batchWindowMs: 150, retryInitialMs: 40, maxRetryDelayMs: 200, slowThresholdMs: 300, retryWindowMs: 60_000 },
  });
  rx = await startReceiver({ https: true });
  app = await h.appToken(["Calendars.ReadWrite"]);
  lars = userByLocal(h.tenant, "lars.berg").id;
  aiko = userByLocal(h.tenant, "aiko.tanaka").id;
});
afterAll(async () => {
  await h.close();
  await rx.close();
});
beforeEach(() => {
  fakeNow = Date.parse("2026-03-02T08:00:00Z");
  h.emulator.reset();
  rx.reset();
});

const inMinutes = (m: number): string => new Date(fakeNow + m * 60_000).toISOString();
const subscription = (over: Record<string, unknown> = {}) => ({
  changeType: "created,updated,deleted",
  notificationUrl: `${rx.url}/notify`,
  lifecycleNotificationUrl: `${rx.url}/lifecycle`,
  resource: `/users/${lars}/events`,
  expirationDateTime: inMinutes(60),
  clientState: "secret-state",
  ...over,
});
const subscribe = (body: unknown, token = app) => h.call("/v1.0/subscriptions", { token, method: "POST", body });
const event = (subject: string, day = "2026-03-10") => ({
  subject, start: { dateTime: `${day}T09:00:00`, timeZone: "UTC" }, end: { dateTime: `${day}T10:00:00`, timeZone: "UTC" },
});

describe("creating a subscription", () => {
  test("validates both URLs with a decoded validationToken, then answers 201 in the published shape", async () => {
    const r = await subscribe(subscription());
    expect(r.status).toBe(201);
    expect(missingKeys(example("subscriptions-create.response.json"), r.json)).toEqual([]);
    expect(missingKeys(example("subscriptions-get.response.json"), r.json)).toEqual([]);
    expect(r.json).toMatchObject({ changeType: "created,updated,deleted", clientState: "secret-state", resource: `/users/${lars}/events` });
    expect(rx.validations.map((v) => v.path)).toEqual(["/notify", "/lifecycle"]);
    expect(rx.validations[0]!.token).toMatch(/^Validation: Testing client application reachability/);
    expect(rx.validations[0]!.contentType).toMatch(/^text\/plain/);
  });

  test("an endpoint that echoes the wrong token, fails, or answers JSON makes creation fail with 400 ValidationError", async () => {
    for (const validation of ["wrong-token", "status-500", "json"] as const) {
      rx.behaviour = { ...rx.behaviour, validation };
      const r = await subscribe(subscription());
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe("ValidationError");
    }
    expect((await h.call("/v1.0/subscriptions", { token: app })).json.value).toEqual([]);
  });

  test("an endpoint slower than the validation timeout makes creation fail with 400", async () => {
    rx.behaviour = { ...rx.behaviour, validation: "slow", slowMs: 1500 };
    const r = await subscribe(subscription());
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("Subscription validation request timed out.");
  });

  test("an unreachable notification URL fails validation", async () => {
    const r = await subscribe(subscription({ notificationUrl: "https://localhost:1/nothing-here" }));
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("ValidationError");
  });

  test("http notification URLs are refused unless loopback http was allowed", async () => {
    const r = await subscribe(subscription({ notificationUrl: "http://localhost:3978/api/notify" }));
    expect(r.status).toBe(400);
    const plain = await startReceiver({ https: false });
    const lenient = await startHarness({ allowHttpNotificationUrl: true });
    try {
      const token = await lenient.appToken(["Calendars.Read"]);
      const ok = await lenient.call("/v1.0/subscriptions", {
        token, method: "POST",
        body: { ...subscription({ notificationUrl: `${plain.url}/notify`, lifecycleNotificationUrl: undefined }), expirationDateTime: new Date(Date.now() + 3600_000).toISOString() },
      });
      expect(ok.status).toBe(201);
    } finally {
      await lenient.close();
      await plain.close();
    }
  });

  test("the expiration may not exceed the maximum lifetime, and must be in the future", async () => {
    const far = await subscribe(subscription({ expirationDateTime: inMinutes(10_081) }));
    expect(far.status).toBe(400);
    expect(far.json.error.message).toBe("Subscription expiration can only be 10080 minutes in the future.");
    expect((await subscribe(subscription({ expirationDateTime: inMinutes(10_079) }))).status).toBe(201);
    expect((await subscribe(subscription({ expirationDateTime: inMinutes(-1) }))).status).toBe(400);
  });

  test("changeType, clientState and resource are checked", async () => {
    expect((await subscribe(subscription({ changeType: "created,moved" }))).status).toBe(400);
    expect((await subscribe(subscription({ clientState: "x".repeat(129) }))).status).toBe(400);
    expect((await subscribe(subscription({ clientState: "x".repeat(128) }))).status).toBe(201);
    expect((await subscribe(subscription({ resource: "/users/nobody@contoso.com/events" }))).status).toBe(404);
    expect((await subscribe(subscription({ resource: "/me/messages" }))).status).toBe(400);
    expect((await subscribe(subscription({ unknownField: 1 }))).status).toBe(400);
  });

  test("delegated tokens may subscribe to their own mailbox only", async () => {
    const token = await h.userToken("lars.berg", "User.Read Calendars.ReadWrite");
    const own = await subscribe(subscription({ resource: "/me/events" }), token);
    expect(own.status).toBe(201);
    expect(own.json.creatorId).toBe(lars);
    const other = await subscribe(subscription({ resource: `/users/${aiko}/events` }), token);
    expect(other.status).toBe(403);
  });

  test("without a calendar permission the service refuses with 403", async () => {
    const token = await h.appToken(["User.Read.All"]);
    expect((await subscribe(subscription(), token)).status).toBe(403);
  });
});

describe("managing a subscription", () => {
  test("get, list, renew, reauthorize and delete", async () => {
    const id = (await subscribe(subscription())).json.id as string;
    const got = await h.call(`/v1.0/subscriptions/${id}`, { token: app });
    expect(got.status).toBe(200);
    expect((await h.call("/v1.0/subscriptions", { token: app })).json.value.map((s: { id: string }) => s.id)).toEqual([id]);
    const otherApp = await h.appToken(["Calendars.ReadWrite"], { appId: "99999999-0000-4000-8000-000000000000" });
    expect((await h.call(`/v1.0/subscriptions/${id}`, { token: otherApp })).status).toBe(404);

    const renewed = await h.call(`/v1.0/subscriptions/${id}`, { token: app, method: "PATCH", body: { expirationDateTime: inMinutes(4000) } });
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.json.expirationDateTime)).toBe(Date.parse(inMinutes(4000)));
    const tooLong = await h.call(`/v1.0/subscriptions/${id}`, { token: app, method: "PATCH", body: { expirationDateTime: inMinutes(20_000) } });
    expect(tooLong.status).toBe(400);

    expect((await h.call(`/v1.0/subscriptions/${id}/reauthorize`, { token: app, method: "POST" })).status).toBe(204);
    const del = await h.call(`/v1.0/subscriptions/${id}`, { token: app, method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await h.call(`/v1.0/subscriptions/${id}`, { token: app })).status).toBe(404);
  });

  test("a lifecycle URL cannot be added by PATCH", async () => {
    const id = (await subscribe(subscription({ lifecycleNotificationUrl: undefined }))).json.id as string;
    const r = await h.call(`/v1.0/subscriptions/${id}`, { token: app, method: "PATCH", body: { lifecycleNotificationUrl: `${rx.url}/lifecycle` } });
    expect(r.status).toBe(400);
  });
});

describe("change notifications", () => {
  test("created, updated and deleted events are delivered in Graph's payload shape", async () => {
    const sub = (await subscribe(subscription())).json;
    const created = (await h.call(`/v1.0/users/${lars}/events`, { token: app, method: "POST", body: event("Planning") })).json;
    await rx.waitFor(() => rx.notifications("/notify").length >= 1);
    await h.call(`/v1.0/users/${lars}/events/${created.id}`, { token: app, method: "PATCH", body: { subject: "Planning (moved)" } });
    await rx.waitFor(() => rx.notifications("/notify").length >= 2);
    await h.call(`/v1.0/users/${lars}/events/${created.id}`, { token: app, method: "DELETE" });
    await rx.waitFor(() => rx.notifications("/notify").length >= 3);

    const [n1, n2, n3] = rx.notifications("/notify") as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const sample = (example("outlook-change-notification.json") as { value: Record<string, unknown>[] }).value[0]!;
    expect(missingKeys(sample, n1!)).toEqual([]);
    expect(missingKeys(sample["resourceData"] as Record<string, unknown>, n1!["resourceData"])).toEqual([]);
    expect([n1!["changeType"], n2!["changeType"], n3!["changeType"]]).toEqual(["created", "updated", "deleted"]);
    expect(n1).toMatchObject({
      subscriptionId: sub.id,
      clientState: "secret-state",
      tenantId: h.tenant.id,
      resource: `Users/${lars}/Events/${created.id}`,
      resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": `Users/${lars}/Events/${created.id}`, id: created.id },
    });
    expect(n2!["resourceData"]["@odata.etag"]).not.toBe(n1!["resourceData"]["@odata.etag"]);
  });

  test("changes close together arrive in one POST with several notifications", async () => {
    await subscribe(subscription());
    const batch = {
      requests: [1, 2, 3].map((n) => ({ id: String(n), method: "POST", url: `/users/${lars}/events`, headers: { "content-type": "application/json" }, body: event(`E${n}`) })),
    };
    const r = await h.call("/v1.0/$batch", { token: app, method: "POST", body: batch });
    expect(r.json.responses.map((x: { status: number }) => x.status)).toEqual([201, 201, 201]);
    await rx.waitFor(() => rx.notifications("/notify").length >= 3);
    expect(rx.received.filter((x) => x.path === "/notify")).toHaveLength(1);
    expect(rx.received[0]!.body.value).toHaveLength(3);
  });

  test("only the subscribed change types are delivered, and only for the subscribed mailbox", async () => {
    await subscribe(subscription({ changeType: "deleted" }));
    const e = (await h.call(`/v1.0/users/${lars}/events`, { token: app, method: "POST", body: event("Will go") })).json;
    await h.call(`/v1.0/users/${aiko}/events`, { token: app, method: "POST", body: event("Other mailbox") });
    await h.call(`/v1.0/users/${lars}/events/${e.id}`, { token: app, method: "DELETE" });
    await rx.waitFor(() => rx.notifications("/notify").length >= 1);
    await h.emulator.state.deliveriesIdle();
    expect(rx.notifications("/notify").map((n) => n["changeType"])).toEqual(["deleted"]);
  });

  test("a failing endpoint is retried with backoff until it accepts", async () => {
    await subscribe(subscription());
    rx.behaviour = { ...rx.behaviour, notificationStatuses: [503, 500] };
    await h.call(`/v1.0/users/${lars}/events`, { token: app, method: "POST", body: event("Retry me") });
    await rx.waitFor(() => rx.notifications("/notify").length >= 1);
    await h.emulator.state.deliveriesIdle();
    const attempts = h.emulator.state.deliveries().filter((a) => a.kind === "change");
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, 503], [2, 500], [3, 202]]);
  });

  test("an answer slower than the slow threshold counts as a failure and is retried", async () => {
    await subscribe(subscription());
    rx.behaviour = { ...rx.behaviour, notificationDelays: [1000] };
    await h.call(`/v1.0/users/${lars}/events`, { token: app, method: "POST", body: event("Slow") });
    await rx.waitFor((r) => r.length >= 1);
    await h.emulator.state.deliveriesIdle();
    const attempts = h.emulator.state.deliveries().filter((a) => a.kind === "change");
    expect(attempts[0]).toMatchObject({ attempt: 1, outcome: "timeout", ok: false });
    expect(attempts[1]).toMatchObject({ attempt: 2, ok: true });
  });

  test("an expired subscription is gone and delivers nothing", async () => {
    const id = (await subscribe(subscription({ expirationDateTime: inMinutes(10) }))).json.id as string;
    fakeNow += 11 * 60_000;
    await h.call(`/v1.0/users/${lars}/events`, { token: app, method: "POST", body: event("After expiry") });
    await h.emulator.state.deliveriesIdle();
    expect(rx.notifications("/notify")).toEqual([]);
    expect((await h.call(`/v1.0/subscriptions/${id}`, { token: app })).status).toBe(404);
  });
});

describe("lifecycle notifications", () => {
  const trigger = (subscriptionId: string, lifecycleEvent: string) =>
    fetch(`${h.url}/_sandbox/lifecycle`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ subscriptionId, lifecycleEvent }) });

  test("reauthorizationRequired and missed are sent to the lifecycle URL in the published shape", async () => {
    const sub = (await subscribe(subscription())).json;
    expect((await trigger(sub.id, "reauthorizationRequired")).status).toBe(202);
    expect((await trigger(sub.id, "missed")).status).toBe(202);
    await rx.waitFor(() => rx.notifications("/lifecycle").length >= 2);
    const [n] = rx.notifications("/lifecycle");
    expect(missingKeys((example("lifecycle-notification.reauthorizationRequired.json") as { value: Record<string, unknown>[] }).value[0]!, n!)).toEqual([]);
    expect(rx.notifications("/lifecycle").map((x) => x["lifecycleEvent"]).sort()).toEqual(["missed", "reauthorizationRequired"]);
    expect(n).toMatchObject({ subscriptionId: sub.id, clientState: "secret-state", tenantId: h.tenant.id });
  });

  test("subscriptionRemoved deletes the subscription", async () => {
    const sub = (await subscribe(subscription())).json;
    await trigger(sub.id, "subscriptionRemoved");
    await rx.waitFor(() => rx.notifications("/lifecycle").length >= 1);
    expect((await h.call(`/v1.0/subscriptions/${sub.id}`, { token: app })).status).toBe(404);
    expect((await trigger(sub.id, "missed")).status).toBe(404);
  });
});
