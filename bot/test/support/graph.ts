import type { Client } from "@microsoft/microsoft-graph-client";
import type { RunningSandbox } from "../../../sandbox";
import { TENANT_ID } from "../../../sandbox/tenant";
import { createGraphClient } from "../../src/graph/client";
import { createAppTokenProvider } from "../../src/identity/app-token";

/**
 * The Graph SDK client our gateways use in tenant mode, against the sandbox: app-only tokens from
 * the identity emulator through msal (certificate assertion), Graph over HTTPS. Each call builds
 * a fresh msal client, so a consent changed in the sandbox shows in the next token.
 */
export function sandboxAppGraphClient(sandbox: RunningSandbox): Client {
  const app = sandbox.credentials.app;
  const tokens = createAppTokenProvider({
    authorityHost: sandbox.urls.identity,
    tenantId: TENANT_ID,
    clientId: app.clientId,
    certificate: { privateKeyPem: app.privateKeyPem, thumbprintSha256: app.thumbprintSha256 },
  });
  return createGraphClient({ baseUrl: sandbox.urls.graph, tokens });
}
