/**
 * The app's own Microsoft gateways — msal-node with a certificate assertion and the Graph SDK
 * client — against the identity and Graph emulators over HTTPS with real tokens.
 */
import { startSandbox, type RunningSandbox } from "../../../sandbox";
import { TENANT_ID, userByLocal } from "../../../sandbox/tenant";
import { createGraphClient } from "../../src/graph/client";
import { getUser, getVerifiedDomains } from "../../src/graph/directory";
import { createAppTokenProvider } from "../../src/identity/app-token";
import { TokenAcquisitionError } from "../../src/identity/token-provider";

let sandbox: RunningSandbox;

beforeAll(async () => {
  // No admin consent at first: each test grants what it needs.
  sandbox = await startSandbox({ adminConsent: false });
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

function appTokens() {
  const app = sandbox.credentials.app;
  return createAppTokenProvider({
    authorityHost: sandbox.urls.identity,
    tenantId: TENANT_ID,
    clientId: app.clientId,
    certificate: { privateKeyPem: app.privateKeyPem, thumbprintSha256: app.thumbprintSha256 },
  });
}

describe("tenant mode gateways", () => {
  it("gets an app-only token with a certificate assertion once an admin consented, and reads the directory with it", async () => {
    sandbox.identity.grantAdminConsent(sandbox.credentials.app.clientId);
    const client = createGraphClient({ baseUrl: sandbox.urls.graph, tokens: appTokens() });
    const aiko = userByLocal(sandbox.tenant, "aiko.tanaka");
    const user = await getUser(client, { userId: aiko.id });
    expect(user.mail).toBe("aiko.tanaka@contoso.com");
    expect(user.proxyAddresses).toContain("SMTP:aiko.tanaka@contoso.com");
    expect(await getVerifiedDomains(client)).toEqual(expect.arrayContaining(["contoso.com", "contoso.se"]));
  });

  it("without admin consent the token carries no roles and Graph refuses with 403", async () => {
    const client = createGraphClient({ baseUrl: sandbox.urls.graph, tokens: appTokens() });
    const error = await getUser(client, { userId: userByLocal(sandbox.tenant, "aiko.tanaka").id }).catch((e: unknown) => e);
    expect((error as { statusCode?: number }).statusCode).toBe(403);
    expect((error as { code?: string }).code).toBe("Authorization_RequestDenied");
  });

  it("reports a certificate Entra does not know as a clear token error", async () => {
    const other = createAppTokenProvider({
      authorityHost: sandbox.urls.identity,
      tenantId: TENANT_ID,
      clientId: "99999999-9999-4999-8999-999999999999",
      certificate: { privateKeyPem: sandbox.credentials.app.privateKeyPem, thumbprintSha256: sandbox.credentials.app.thumbprintSha256 },
    });
    const error = await other.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenAcquisitionError);
    expect((error as TokenAcquisitionError).details.errorCodes).toContain(700016);
  });
});
