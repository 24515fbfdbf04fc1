import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import { TokenAcquisitionError, type AccessTokenProvider } from "./token-provider";

/**
 * Tenant mode: app-only tokens for Microsoft Graph through msal-node's client-credentials grant,
 * proving the app's identity with a certificate (a signed client assertion), never a secret.
 * msal-node caches the token and renews it before it expires.
 */
export interface AppTokenOptions {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  certificate: { privateKeyPem: string; thumbprintSha256: string; certificatePem?: string };
  scope?: string;
}

export function createAppTokenProvider(options: AppTokenOptions): AccessTokenProvider {
  const authority = `${options.authorityHost.replace(/\/$/, "")}/${options.tenantId}`;
  const host = new URL(options.authorityHost).host;
  const config: Configuration = {
    auth: {
      clientId: options.clientId,
      authority,
      // A non-Microsoft authority host (the sandbox, a sovereign cloud) must be declared known.
      knownAuthorities: [host],
      clientCertificate: {
        thumbprintSha256: options.certificate.thumbprintSha256,
        privateKey: options.certificate.privateKeyPem,
        ...(options.certificate.certificatePem ? { x5c: options.certificate.certificatePem } : {}),
      },
    },
  };
  const app = new ConfidentialClientApplication(config);
  const scopes = [options.scope ?? "https://graph.microsoft.com/.default"];
  return {
    async getAccessToken() {
      try {
        const result = await app.acquireTokenByClientCredential({ scopes });
        if (!result?.accessToken) throw new TokenAcquisitionError("Entra ID returned no access token.");
        return result.accessToken;
      } catch (error) {
        if (error instanceof TokenAcquisitionError) throw error;
        throw toAcquisitionError(error);
      }
    },
  };
}

export function toAcquisitionError(error: unknown): TokenAcquisitionError {
  const e = error as { errorCode?: string; errorMessage?: string; message?: string; correlationId?: string };
  const text = e.errorMessage ?? e.message ?? String(error);
  const codes = [...text.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
  return new TokenAcquisitionError(`Could not get a token from Entra ID: ${firstLine(text)}`, { error: e.errorCode, errorCodes: codes, correlationId: e.correlationId }, { cause: error });
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? text;
}
