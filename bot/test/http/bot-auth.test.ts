/**
 * The bot with a Microsoft App ID: inbound activities must carry a channel token (signature,
 * issuer, audience, serviceUrl and endorsement checked by botbuilder against the identity
 * emulator's OpenID metadata) and replies carry a bot token the connector verifies.
 */
import { startSandbox, type RunningSandbox } from "../../../sandbox";
import { teamsMessage } from "../support/activities";
import { startTestService } from "../support/service";

let sandbox: RunningSandbox;
let service: Awaited<ReturnType<typeof startTestService>>;

beforeAll(async () => {
  sandbox = await startSandbox({ botAuthentication: true });
  service = await startTestService(sandbox.botEnv);
});
afterAll(async () => {
  await service?.cleanup();
  await sandbox?.close();
});
beforeEach(() => sandbox.connector.reset());

const botId = () => sandbox.credentials.bot.appId;

async function send(activity: Record<string, unknown>, token?: string): Promise<Response> {
  return fetch(`${service.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
}

it("accepts a message signed by the channel and replies with a token the connector accepts", async () => {
  const activity = teamsMessage({ serviceUrl: sandbox.urls.connector, text: "help", botId: `28:${botId()}` });
  const token = await sandbox.identity.issueChannelToken({ botAppId: botId(), serviceUrl: sandbox.urls.connector });
  const res = await send(activity, token);
  expect(res.status).toBe(200);
  const [reply] = await sandbox.connector.waitFor(() => true);
  expect(reply!.authorization).toMatch(/^Bearer /);
  expect((await sandbox.identity.verifyBotToken(reply!.authorization!.slice(7))).ok).toBe(true);
});

it("refuses a message without a token with 401 in the JSON error shape", async () => {
  const res = await send(teamsMessage({ serviceUrl: sandbox.urls.connector, text: "help" }));
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "Unauthorized", message: expect.any(String) } });
  expect(sandbox.connector.activities).toHaveLength(0);
});

it("refuses a token minted for another bot", async () => {
  const token = await sandbox.identity.issueChannelToken({ botAppId: "11111111-2222-3333-4444-555555555555", serviceUrl: sandbox.urls.connector });
  const res = await send(teamsMessage({ serviceUrl: sandbox.urls.connector, text: "help" }), token);
  expect(res.status).toBe(401);
});

it("refuses a token whose serviceurl claim differs from the activity's serviceUrl", async () => {
  const token = await sandbox.identity.issueChannelToken({ botAppId: botId(), serviceUrl: "https://smba.example.invalid/emea/" });
  const res = await send(teamsMessage({ serviceUrl: sandbox.urls.connector, text: "help" }), token);
  expect(res.status).toBe(401);
});

it("refuses a token with a tampered signature", async () => {
  const token = await sandbox.identity.issueChannelToken({ botAppId: botId(), serviceUrl: sandbox.urls.connector });
  const [h, p, s] = token.split(".");
  const forged = `${h}.${p}.${s!.slice(0, -4)}AAAA`;
  const res = await send(teamsMessage({ serviceUrl: sandbox.urls.connector, text: "help" }), forged);
  expect(res.status).toBe(401);
});
