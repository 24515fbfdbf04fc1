/**
 * The app's own Webex gateway (fetch + zod) against the Webex emulator over HTTPS with a real
 * token: the same code that talks to webexapis.com in production.
 */
import { ensureSandboxTls } from "../../../sandbox/common/tls";
import type { RunningServer } from "../../../sandbox/common/http";
import { SCOPES, createWebexEmulator, type WebexEmulator } from "../../../sandbox/webex";
import { createWebexClient, WebexError } from "../../src/webex/client";
import { findPersonByEmail, getMe } from "../../src/webex/people";

let webex: WebexEmulator;
let server: RunningServer;

beforeAll(async () => {
  webex = createWebexEmulator();
  server = await webex.start({ tls: ensureSandboxTls() });
});
afterAll(() => server?.close());
beforeEach(() => webex.reset());

function clientFor(email: string, scopes: string[] = [SCOPES.peopleRead], sleeps: number[] = []) {
  const token = webex.issueToken(email, scopes);
  return createWebexClient({
    baseUrl: server.url,
    tokens: { getAccessToken: async () => token },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

describe("Webex gateway against the emulator", () => {
  it("finds a colleague's Webex account by e-mail, and reads the caller's own", async () => {
    const client = clientFor("aiko.tanaka@contoso.com");
    const lars = await findPersonByEmail(client, "lars.berg@contoso.se");
    expect(lars?.emails).toContain("lars.berg@contoso.se");
    expect((await getMe(client)).emails).toContain("aiko.tanaka@contoso.com");
  });

  it("reports an unknown address as no account rather than an error", async () => {
    const client = clientFor("aiko.tanaka@contoso.com");
    expect(await findPersonByEmail(client, "tom.baker@contoso.com")).toBeUndefined();
  });

  it("waits out a 429 with Retry-After and then succeeds", async () => {
    const sleeps: number[] = [];
    const client = clientFor("aiko.tanaka@contoso.com", [SCOPES.peopleRead], sleeps);
    const fault = await fetch(`${server.url}/_sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "GET", path: "/v1/people", status: 429, retryAfter: 2, count: 1 }),
    });
    expect(fault.ok).toBe(true);
    expect((await findPersonByEmail(client, "lars.berg@contoso.se"))?.emails).toContain("lars.berg@contoso.se");
    expect(sleeps).toEqual([2000]);
  });

  it("turns a missing scope into a WebexError with Webex's tracking id", async () => {
    const client = clientFor("aiko.tanaka@contoso.com", [SCOPES.schedulesRead]);
    const error = await findPersonByEmail(client, "lars.berg@contoso.se").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexError);
    expect((error as WebexError).status).toBe(403);
    expect((error as WebexError).trackingId).toMatch(/^ROUTER_/);
  });
});
