import { ConfidentialClientApplication } from "@azure/msal-node";
import { GRAPH_AUDIENCE, verifyAccessToken } from "../../common/tokens";
import { TENANT_ID, userByLocal } from "../../tenant";
import { SANDBOX_APP_ID } from "../index";
import { codeFor, decodeClaims, postForm, redeemFields, startHarness, type Harness } from "./helpers";

/**
 * Smoke tests with the real @azure/msal-node over HTTPS: the client the bot's identity gateway
 * uses must work against the emulator exactly as it does against Entra.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.reset());

function host(): string {
  return new URL(h.url).host;
}

async function verifies(token: string): Promise<boolean> {
  const r = await verifyAccessToken(h.keys, token, { audience: GRAPH_AUDIENCE, issuer: (tid) => `${h.url}/${tid}/v2.0`, tenantId: TENANT_ID, now: h.clock.now });
  return r.ok;
}

describe("@azure/msal-node against the emulator", () => {
  it("gets an app token with a certificate (SHA-1 thumbprint), discovering endpoints from the OpenID metadata", async () => {
    h.emulator.grantAdminConsent(SANDBOX_APP_ID);
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: SANDBOX_APP_ID,
        authority: `${h.url}/${TENANT_ID}`,
        knownAuthorities: [host()],
        clientCertificate: { thumbprint: h.creds.app.thumbprintSha1, privateKey: h.creds.app.privateKeyPem },
      },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
    expect(result?.accessToken).toBeTruthy();
    expect(await verifies(result!.accessToken)).toBe(true);
    expect(decodeClaims(result!.accessToken).roles).toContain("Calendars.ReadWrite");
  });

  it("gets an app token with a SHA-256 thumbprint (PS256) and pre-filled discovery metadata", async () => {
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: SANDBOX_APP_ID,
        ...h.emulator.msalOptions("contoso.com"),
        clientCertificate: { thumbprintSha256: h.creds.app.thumbprintSha256, privateKey: h.creds.app.privateKeyPem },
      },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
    expect(await verifies(result!.accessToken)).toBe(true);
  });

  it("surfaces the emulator's AADSTS error for a wrong secret", async () => {
    const cca = new ConfidentialClientApplication({ auth: { clientId: SANDBOX_APP_ID, clientSecret: "wrong", ...h.emulator.msalOptions(TENANT_ID) } });
    await expect(cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] })).rejects.toMatchObject({ errorCode: "invalid_client", errorMessage: expect.stringContaining("AADSTS7000215") });
  });

  it("redeems a refresh token from a sign-in through the /common authority", async () => {
    const aiko = userByLocal(h.tenant, "aiko.tanaka").id;
    const signedIn = await postForm(h.tokenUrl(), redeemFields(h, await codeFor(h, aiko)));
    const cca = new ConfidentialClientApplication({ auth: { clientId: SANDBOX_APP_ID, clientSecret: h.creds.app.clientSecret, authority: `${h.url}/common`, knownAuthorities: [host()] } });
    const result = await cca.acquireTokenByRefreshToken({ refreshToken: String(signedIn.body.refresh_token), scopes: ["User.Read", "Calendars.ReadWrite"] });
    expect(result?.account?.username).toBe("aiko.tanaka@contoso.com");
    expect(decodeClaims(result!.accessToken).scp).toBe("User.Read Calendars.ReadWrite");
    expect(await verifies(result!.accessToken)).toBe(true);
  });

  it("exchanges a Teams SSO token on behalf of the user, signed in with the certificate", async () => {
    const aiko = userByLocal(h.tenant, "aiko.tanaka").id;
    h.emulator.grantUserConsent(aiko, SANDBOX_APP_ID, ["openid", "profile", "offline_access", "User.Read", "Calendars.ReadWrite"]);
    const sso = await h.emulator.issueUserToken({ user: aiko, clientId: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", scope: `api://localhost/${SANDBOX_APP_ID}/access_as_user` });
    const cca = new ConfidentialClientApplication({
      auth: { clientId: SANDBOX_APP_ID, ...h.emulator.msalOptions(TENANT_ID), clientCertificate: { thumbprint: h.creds.app.thumbprintSha1, privateKey: h.creds.app.privateKeyPem } },
    });
    const result = await cca.acquireTokenOnBehalfOf({ oboAssertion: sso, scopes: ["https://graph.microsoft.com/Calendars.ReadWrite"] });
    expect(decodeClaims(result!.accessToken)).toMatchObject({ oid: aiko, scp: "Calendars.ReadWrite", aud: GRAPH_AUDIENCE });
  });
});
