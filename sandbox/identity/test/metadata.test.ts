import { createRemoteJWKSet, jwtVerify } from "jose";
import { TENANT_ID, userByLocal } from "../../tenant";
import { SANDBOX_APP_ID } from "../index";
import { aadCode, assertionFields, clientAssertion, codeFor, postForm, redeemFields, startHarness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("OpenID metadata", () => {
  it("describes a tenant named by its domain with tenant-id endpoints and issuer", async () => {
    const { status, body } = await getJson(`${h.url}/contoso.com/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      issuer: `${h.url}/${TENANT_ID}/v2.0`,
      token_endpoint: `${h.url}/${TENANT_ID}/oauth2/v2.0/token`,
      authorization_endpoint: `${h.url}/${TENANT_ID}/oauth2/v2.0/authorize`,
      jwks_uri: `${h.url}/${TENANT_ID}/discovery/v2.0/keys`,
    });
  });

  it("keeps Entra's {tenantid} placeholder in the issuer of the common endpoint", async () => {
    const { body } = await getJson(`${h.url}/common/v2.0/.well-known/openid-configuration`);
    expect(body.issuer).toBe(`${h.url}/{tenantid}/v2.0`);
    expect(body.token_endpoint).toBe(`${h.url}/common/oauth2/v2.0/token`);
  });

  it("answers an unknown tenant with AADSTS90002", async () => {
    const { status, body } = await getJson(`${h.url}/fabrikam.com/v2.0/.well-known/openid-configuration`);
    expect([status, aadCode(body)]).toEqual([400, 90002]);
  });

  it("serves msal's instance discovery for its own host and refuses foreign ones", async () => {
    const ours = await getJson(`${h.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${h.url}/${TENANT_ID}/oauth2/v2.0/authorize`)}`);
    const host = new URL(h.url).host;
    expect(ours.body).toMatchObject({ tenant_discovery_endpoint: `${h.url}/${TENANT_ID}/v2.0/.well-known/openid-configuration`, metadata: [{ preferred_network: host, aliases: [host] }] });
    const foreign = await getJson(`${h.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent("https://login.example.com/x/oauth2/v2.0/authorize")}`);
    expect([foreign.status, foreign.body.error]).toEqual([400, "invalid_instance"]);
  });
});

describe("the JWKS", () => {
  it("verifies app tokens, user access tokens and id tokens fetched from the advertised jwks_uri", async () => {
    const meta = (await getJson(`${h.url}/${TENANT_ID}/v2.0/.well-known/openid-configuration`)).body;
    const keys = createRemoteJWKSet(new URL(String(meta.jwks_uri)));
    const issuer = String(meta.issuer);
    const app = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h)));
    await expect(jwtVerify(String(app.body.access_token), keys, { issuer, audience: "https://graph.microsoft.com", currentDate: h.clock.now })).resolves.toBeDefined();
    const user = await postForm(h.tokenUrl(), redeemFields(h, await codeFor(h, userByLocal(h.tenant, "aiko.tanaka").id)));
    await expect(jwtVerify(String(user.body.access_token), keys, { issuer, audience: "https://graph.microsoft.com", currentDate: h.clock.now })).resolves.toBeDefined();
    await expect(jwtVerify(String(user.body.id_token), keys, { issuer, audience: SANDBOX_APP_ID, currentDate: h.clock.now })).resolves.toBeDefined();
  });

  it("stops validating an access token once the clock passes its expiry", async () => {
    const keys = createRemoteJWKSet(new URL(`${h.url}/${TENANT_ID}/discovery/v2.0/keys`));
    const app = await postForm(h.tokenUrl(), assertionFields(await clientAssertion(h)));
    const later = new Date(h.clock.now.getTime() + 3700 * 1000);
    await expect(jwtVerify(String(app.body.access_token), keys, { currentDate: later })).rejects.toMatchObject({ code: "ERR_JWT_EXPIRED" });
  });
});
