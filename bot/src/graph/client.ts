import { Client } from "@microsoft/microsoft-graph-client";
import type { AccessTokenProvider } from "../identity/token-provider";

/**
 * One Microsoft Graph client per token provider. The SDK only attaches the bearer token to
 * https:// URLs on Graph hosts or hosts listed in customHosts, so a non-default base URL (the
 * sandbox, a national cloud) is added there. Its default middleware retries 429/503/504 with
 * Retry-After — POSTs included, which is why event creation carries a transactionId.
 */
export interface GraphClientOptions {
  baseUrl: string;
  tokens: AccessTokenProvider;
}

export function createGraphClient(options: GraphClientOptions): Client {
  const url = new URL(options.baseUrl);
  return Client.initWithMiddleware({
    baseUrl: `${url.origin}/`,
    defaultVersion: "v1.0",
    customHosts: new Set([url.hostname]),
    authProvider: { getAccessToken: () => options.tokens.getAccessToken() },
  });
}
