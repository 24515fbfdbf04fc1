import { ConfidentialClientApplication } from "@azure/msal-node";
import { ConfigurationBotFrameworkAuthentication, type Activity } from "botbuilder";
import { MsalServiceClientCredentialsFactory } from "botframework-connector";
import { SANDBOX_BOT_APP_ID } from "../index";
import { aadCode, decodeClaims, postForm, startHarness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const SERVICE_URL = "https://localhost:56150/_connector";

function activity(channelId = "msteams", serviceUrl = SERVICE_URL): Activity {
  return {
    type: "message",
    id: "1",
    channelId,
    serviceUrl,
    from: { id: "user-1", name: "Aiko" },
    recipient: { id: `28:${SANDBOX_BOT_APP_ID}`, name: "bot" },
    conversation: { id: "conv-1", isGroup: false, name: "chat", conversationType: "personal" },
    text: "hi",
  } as Activity;
}

function botAuth(): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication(h.emulator.botFrameworkAuthConfig({ appId: h.creds.bot.appId, appPassword: h.creds.bot.appPassword }));
}

describe("channel → bot tokens, checked by botbuilder's own validation", () => {
  it("are accepted for the bot's app id, the activity's serviceUrl and the msteams channel", async () => {
    const token = await h.emulator.issueChannelToken({ botAppId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL, channelId: "msteams" });
    const result = await botAuth().authenticateRequest(activity(), `Bearer ${token}`);
    expect(result.claimsIdentity.isAuthenticated).toBe(true);
    expect(result.claimsIdentity.getClaimValue("aud")).toBe(SANDBOX_BOT_APP_ID);
  });

  it("are refused when the serviceUrl claim differs from the activity's", async () => {
    const token = await h.emulator.issueChannelToken({ botAppId: SANDBOX_BOT_APP_ID, serviceUrl: "https://elsewhere.example/" });
    await expect(botAuth().authenticateRequest(activity(), `Bearer ${token}`)).rejects.toThrow(/ServiceUrl/i);
  });

  it("are refused for another bot's app id", async () => {
    const token = await h.emulator.issueChannelToken({ botAppId: "00000000-1111-4111-8111-000000000000", serviceUrl: SERVICE_URL });
    await expect(botAuth().authenticateRequest(activity(), `Bearer ${token}`)).rejects.toThrow(/Invalid AppId/i);
  });

  it("are refused for a channel the signing key does not endorse", async () => {
    const token = await h.emulator.issueChannelToken({ botAppId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL });
    // botframework-connector prints the key it tried before rethrowing; keep the test output clean.
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await expect(botAuth().authenticateRequest(activity("webchat"), `Bearer ${token}`)).rejects.toThrow(/endorsement/i);
    } finally {
      quiet.mockRestore();
    }
  });

  it("are served with OpenID metadata whose keys carry endorsements", async () => {
    const meta = (await (await fetch(`${h.url}/botframework/v1/.well-known/openidconfiguration`)).json()) as { issuer: string; jwks_uri: string };
    expect(meta.issuer).toBe("https://api.botframework.com");
    const keys = (await (await fetch(meta.jwks_uri)).json()) as { keys: { endorsements: string[] }[] };
    expect(keys.keys[0]?.endorsements).toEqual(["msteams"]);
  });
});

describe("bot → channel tokens", () => {
  it("are issued for the bot's app id and secret with the Bot Framework scope, and verify", async () => {
    const r = await postForm(`${h.url}/botframework.com/oauth2/v2.0/token`, {
      grant_type: "client_credentials",
      client_id: h.creds.bot.appId,
      client_secret: h.creds.bot.appPassword,
      scope: "https://api.botframework.com/.default",
    });
    expect(r.status).toBe(200);
    const token = String(r.body.access_token);
    expect(decodeClaims(token)).toMatchObject({ aud: "https://api.botframework.com", appid: SANDBOX_BOT_APP_ID });
    const check = await h.emulator.verifyBotToken(token);
    expect(check.ok).toBe(true);
    expect(await h.emulator.verifyBotToken(`${token.slice(0, -4)}AAAA`)).toMatchObject({ ok: false });
  });

  it("are refused with a wrong secret (AADSTS7000215)", async () => {
    const r = await postForm(`${h.url}/botframework.com/oauth2/v2.0/token`, {
      grant_type: "client_credentials",
      client_id: h.creds.bot.appId,
      client_secret: "wrong",
      scope: "https://api.botframework.com/.default",
    });
    expect([r.status, aadCode(r.body)]).toEqual([401, 7000215]);
  });

  it("are not valid Graph tokens, and Graph tokens are not bot tokens", async () => {
    const graph = await h.emulator.issueAppToken({ clientId: SANDBOX_BOT_APP_ID });
    expect(await h.emulator.verifyBotToken(graph)).toMatchObject({ ok: false, reason: "audience" });
  });

  it("reach botbuilder's credentials through an msal client that knows the emulator as an authority", async () => {
    const msal = new ConfidentialClientApplication({
      auth: { clientId: h.creds.bot.appId, clientSecret: h.creds.bot.appPassword, ...h.emulator.msalOptions("botframework.com") },
    });
    const config = h.emulator.botFrameworkAuthConfig({ appId: h.creds.bot.appId, appPassword: h.creds.bot.appPassword });
    // botframework-connector pins msal-node 2 while the app uses 3; the factory only calls
    // acquireTokenByClientCredential, which both majors share — hence the cast.
    const factory = new MsalServiceClientCredentialsFactory(h.creds.bot.appId, msal as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]);
    const credentials = await factory.createCredentials(h.creds.bot.appId, config.ToChannelFromBotOAuthScope!, config.ToChannelFromBotLoginUrl!, false);
    const token = await (credentials as unknown as { getToken(force?: boolean): Promise<string> }).getToken(true);
    expect((await h.emulator.verifyBotToken(token)).ok).toBe(true);
  });
});
