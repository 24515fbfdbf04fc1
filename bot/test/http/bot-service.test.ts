import { request } from "node:http";
import { createConnectorEmulator, type ConnectorEmulator } from "../../../sandbox/connector";
import type { RunningServer } from "../../../sandbox/common/http";
import { teamsMessage } from "../support/activities";
import { startTestService } from "../support/service";

type Service = Awaited<ReturnType<typeof startTestService>>;

let connector: ConnectorEmulator;
let connectorServer: RunningServer;
let service: Service;

beforeAll(async () => {
  connector = createConnectorEmulator();
  connectorServer = await connector.start();
  service = await startTestService();
});

afterAll(async () => {
  await service?.cleanup();
  await connectorServer?.close();
});

beforeEach(() => connector.reset());

async function post(path: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(`${service.url}${path}`, { method: "POST", headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

function cardText(activity: Record<string, unknown>): string {
  return JSON.stringify((activity.attachments as unknown[] | undefined) ?? []);
}

describe("the bot over HTTP", () => {
  it("answers `help` in a personal chat with an Adaptive Card that lists every command, delivered to the connector", async () => {
    const activity = teamsMessage({ serviceUrl: connectorServer.url, text: "help" });
    const res = await post("/api/messages", JSON.stringify(activity));
    expect(res.status).toBe(200);

    const [reply] = await connector.waitFor((a) => a.conversationId === (activity.conversation as { id: string }).id);
    expect(reply!.operation).toBe("reply");
    expect(reply!.replyToId).toBe(activity.id);
    const attachments = reply!.activity.attachments as { contentType: string; content: { body: unknown[] } }[];
    expect(attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const text = cardText(reply!.activity);
    for (const command of ["schedule", "upcoming", "cancel", "connect", "disconnect", "whoami", "help"]) {
      expect(text).toContain(`"title":"${command}"`);
    }
    expect(text).toContain("Schedule Webex meetings without leaving Teams");
  });

  it("speaks the user's language: a Swedish Teams client gets the help card in Swedish", async () => {
    const activity = teamsMessage({ serviceUrl: connectorServer.url, text: "hjälp", locale: "sv-SE" });
    expect((await post("/api/messages", JSON.stringify(activity))).status).toBe(200);
    const [reply] = await connector.waitFor(() => true);
    expect(cardText(reply!.activity)).toContain("Boka Webex-möten utan att lämna Teams");
  });

  it("strips the @mention in a channel before reading the command", async () => {
    const activity = teamsMessage({ serviceUrl: connectorServer.url, text: "<at>Webex Scheduler</at> help", conversationType: "channel", conversationId: "19:general-product-launch@thread.tacv2;messageid=1700000000000", locale: "ja-JP" });
    activity.entities = [
      ...(activity.entities as unknown[]),
      { type: "mention", text: "<at>Webex Scheduler</at>", mentioned: activity.recipient },
    ];
    expect((await post("/api/messages", JSON.stringify(activity))).status).toBe(200);
    const [reply] = await connector.waitFor(() => true);
    expect(cardText(reply!.activity)).toContain("Teams から離れずに Webex 会議を予約できます");
  });

  it("says what it can do when it does not understand, instead of staying silent", async () => {
    const activity = teamsMessage({ serviceUrl: connectorServer.url, text: "what's the weather" });
    expect((await post("/api/messages", JSON.stringify(activity))).status).toBe(200);
    const [reply] = await connector.waitFor(() => true);
    expect(reply!.activity.text).toContain("help");
  });

  it("is honest about commands that are not built yet", async () => {
    const activity = teamsMessage({ serviceUrl: connectorServer.url, text: "upcoming" });
    expect((await post("/api/messages", JSON.stringify(activity))).status).toBe(200);
    const [reply] = await connector.waitFor(() => true);
    expect(reply!.activity.text).toContain("upcoming");
    expect(reply!.activity.text).toContain("not available yet");
  });
});

describe("bad input gets the JSON error shape and the service keeps serving", () => {
  it("rejects malformed JSON with 400 InvalidJson", async () => {
    const res = await post("/api/messages", '{"type": "message", ');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: "InvalidJson", message: expect.stringContaining("not valid JSON") } });
  });

  it("rejects an oversized body with 413 PayloadTooLarge", async () => {
    const big = JSON.stringify({ type: "message", text: "x".repeat(service.config.bodyLimitBytes + 10) });
    const res = await post("/api/messages", big);
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: { code: "PayloadTooLarge", message: expect.any(String) } });
  });

  it("rejects JSON that is not an activity with 400 naming the missing field", async () => {
    const res = await post("/api/messages", JSON.stringify({ hello: "world" }));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: "InvalidActivity", message: expect.stringContaining("type") } });
  });

  it("answers an unknown route with 404 in the same shape, without a stack trace", async () => {
    const res = await fetch(`${service.url}/api/nope`);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(404);
    expect(body.error.code).toBe("NotFound");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it("still answers /healthz after all of that, with mode, storage and version", async () => {
    const res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", mode: "sandbox", storage: "sqlite", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});

describe("the tab from the same origin", () => {
  it("serves the built tab page under /tab/", async () => {
    const res = await fetch(`${service.url}/tab/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<div id=\"root\"");
  });

  it("does not serve files outside the tab folder", async () => {
    const res = await fetch(`${service.url}/tab/..%2F..%2Fpackage.json`);
    expect(res.status).toBe(404);
  });
});

describe("graceful shutdown", () => {
  it("finishes a turn that is in flight, then refuses new connections", async () => {
    const own = await startTestService();
    connector.setLatency(400);
    const activity = teamsMessage({ serviceUrl: connectorServer.url, text: "help" });
    const inFlight = fetch(`${own.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    // Let the request reach the bot, which is now waiting on the slow connector.
    await new Promise((r) => setTimeout(r, 150));
    expect(connector.activities.length).toBe(0);
    const closing = own.cleanup();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await closing;
    expect(connector.activities.length).toBe(1);
    await expect(
      new Promise((resolve, reject) => {
        const req = request(`${own.url}/healthz`, resolve);
        req.on("error", reject);
        req.end();
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
