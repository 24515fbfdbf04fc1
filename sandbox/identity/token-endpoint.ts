import type { ServerResponse } from "node:http";
import { parseForm, sendJson, type SandboxRequest } from "../common/http";
import { resolveTenant, type IdentityContext, type TenantRef } from "./context";
import { aad, EntraError, sendEntraError } from "./errors";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { JWT_BEARER_GRANT, onBehalfOfGrant } from "./grants/on-behalf-of";
import { refreshTokenGrant } from "./grants/refresh-token";
import type { TokenResponse } from "./token-issuer";

/**
 * `POST /{tenant}/oauth2/v2.0/token` — form-encoded, dispatched on `grant_type`.
 * Every failure is answered in Entra's error shape (errors.ts).
 */
type Grant = (ctx: IdentityContext, ref: TenantRef, req: SandboxRequest, form: URLSearchParams) => Promise<TokenResponse>;

const GRANTS: Record<string, Grant> = {
  client_credentials: clientCredentialsGrant,
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  [JWT_BEARER_GRANT]: onBehalfOfGrant,
};

export function tokenEndpoint(ctx: IdentityContext) {
  return async (req: SandboxRequest, res: ServerResponse): Promise<void> => {
    try {
      const ref = resolveTenant(ctx, req.params.tenant ?? "");
      const type = String(req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/x-www-form-urlencoded") throw aad.missingParameter("grant_type");
      const form = parseForm(req.body);
      const grantType = form.get("grant_type");
      if (!grantType) throw aad.missingParameter("grant_type");
      const grant = GRANTS[grantType];
      if (!grant) throw aad.unsupportedGrant(grantType);
      const body = await grant(ctx, ref, req, form);
      sendJson(res, 200, body, { "cache-control": "no-store, no-cache", pragma: "no-cache" });
    } catch (error) {
      if (error instanceof EntraError) {
        sendEntraError(res, req, error, ctx.now(), ctx.baseUrl());
        return;
      }
      throw error;
    }
  };
}
