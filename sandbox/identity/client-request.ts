import type { ServerResponse } from "node:http";
import type { SandboxRequest } from "../common/http";
import { redirectUriAllowed, type RegisteredApp } from "./apps";
import { resolveTenant, type IdentityContext, type TenantRef } from "./context";
import { EntraError } from "./errors";
import { sendErrorPage } from "./html";

export interface ClientRequest {
  ref: TenantRef;
  app: RegisteredApp;
  redirectUri: string;
}

/**
 * The checks Entra makes before it trusts a browser request's redirect_uri (the authorize and
 * admin consent pages both start with them): tenant, client_id, a registered reply URL. Until the
 * reply URL is trusted, errors are shown as a page — never redirected. Undefined = answered.
 */
export function checkClientRequest(ctx: IdentityContext, req: SandboxRequest, res: ServerResponse): ClientRequest | undefined {
  const q = req.query;
  let ref: TenantRef;
  try {
    ref = resolveTenant(ctx, req.params.tenant ?? "");
  } catch (error) {
    if (error instanceof EntraError) return void sendErrorPage(res, 400, error.code, error.description);
    throw error;
  }
  const clientId = q.get("client_id");
  if (!clientId) return void sendErrorPage(res, 400, 900144, "The request body must contain the following parameter: 'client_id'.");
  const app = ctx.apps.get(clientId);
  if (!app) return void sendErrorPage(res, 400, 700016, `Application with identifier '${clientId}' was not found in the directory '${ref.name}'.`);
  const redirectUri = q.get("redirect_uri") ?? app.redirectUris[0];
  if (!redirectUri) return void sendErrorPage(res, 400, 500113, "No reply address is registered for the application.");
  if (!redirectUriAllowed(app, redirectUri)) {
    return void sendErrorPage(res, 400, 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`);
  }
  return { ref, app, redirectUri };
}
