import type { ServerResponse } from "node:http";
import { z } from "zod";
import { parseJson, sendEmpty, sendJson, type Router, type SandboxRequest } from "../common/http";
import { AppRegistrationError, type RegisteredApp } from "./apps";
import type { IdentityEmulator } from "./index";

/**
 * Control endpoints under `/_sandbox/` — test and demo plumbing, JSON in and out. Never part of
 * what the real service offers; the bot never calls them.
 *
 *   POST   /_sandbox/reset                                  → 204
 *   GET    /_sandbox/apps                                   → 200 {value:[app]}
 *   POST   /_sandbox/apps            {clientId, …}          → 201 app
 *   POST   /_sandbox/admin-consent   {clientId, roles?, scopes?} → 200 {clientId, roles, scopes}
 *   DELETE /_sandbox/admin-consent/{clientId}               → 204
 *   POST   /_sandbox/user-consent    {user, clientId, scopes} → 200 {userId, clientId, scopes}
 *   DELETE /_sandbox/user-consent/{clientId}/{user}         → 204
 *   GET    /_sandbox/consents                               → 200 {admin:[…], users:[…]}
 *   POST   /_sandbox/users/{user}/revoke-refresh-tokens     → 200 {revoked: n}
 *   POST   /_sandbox/channel-token   {botAppId, serviceUrl, channelId?} → 200 {token}
 * `user` is an object id, UPN or e-mail. Failures: 400/404 `{error:{code,message}}`.
 */

const AppBody = z.object({
  clientId: z.string(),
  displayName: z.string().optional(),
  clientSecret: z.string().optional(),
  secrets: z.array(z.string()).optional(),
  certificatePem: z.string().optional(),
  certificatePems: z.array(z.string()).optional(),
  redirectUris: z.array(z.string()).optional(),
  identifierUris: z.array(z.string()).optional(),
  applicationPermissions: z.array(z.string()).optional(),
  delegatedPermissions: z.array(z.string()).optional(),
  exposedScopes: z.array(z.string()).optional(),
  publicClient: z.boolean().optional(),
});
const AdminConsentBody = z.object({ clientId: z.string(), roles: z.array(z.string()).optional(), scopes: z.array(z.string()).optional() });
const UserConsentBody = z.object({ user: z.string(), clientId: z.string(), scopes: z.array(z.string()).min(1) });
const ChannelTokenBody = z.object({ botAppId: z.string(), serviceUrl: z.string().url(), channelId: z.string().optional(), lifetimeSeconds: z.number().int().positive().optional() });

class ControlError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function body<T>(schema: z.ZodType<T>, req: SandboxRequest): T {
  const parsed = schema.safeParse(parseJson(req.body));
  if (!parsed.success) throw new ControlError(400, "BadRequest", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  return parsed.data;
}

export function appSummary(app: RegisteredApp): Record<string, unknown> {
  return {
    clientId: app.clientId,
    displayName: app.displayName,
    redirectUris: app.redirectUris,
    identifierUris: app.identifierUris,
    applicationPermissions: app.applicationPermissions,
    delegatedPermissions: app.delegatedPermissions,
    exposedScopes: app.exposedScopes,
    publicClient: app.publicClient,
    secretCount: app.secrets.length,
    certificateThumbprints: app.certificates.map((c) => c.sha1.toString("hex").toUpperCase()),
  };
}

export function controlRoutes(router: Router, emulator: IdentityEmulator): void {
  const handle =
    (fn: (req: SandboxRequest, res: ServerResponse) => void | Promise<void>) =>
    async (req: SandboxRequest, res: ServerResponse): Promise<void> => {
      try {
        await fn(req, res);
      } catch (error) {
        if (error instanceof ControlError) return sendJson(res, error.status, { error: { code: error.code, message: error.message } });
        if (error instanceof AppRegistrationError) return sendJson(res, 400, { error: { code: "BadRequest", message: error.message } });
        throw error;
      }
    };
  const known = (clientId: string) => {
    if (!emulator.apps.get(clientId)) throw new ControlError(404, "NotFound", `no app registered with client id ${clientId}`);
  };
  const userId = (who: string) => {
    const u = emulator.findUser(who);
    if (!u) throw new ControlError(404, "NotFound", `no user ${who} in the tenant`);
    return u.id;
  };

  router.post("/_sandbox/reset", handle((_req, res) => {
    emulator.reset();
    sendEmpty(res, 204);
  }));
  router.get("/_sandbox/apps", handle((_req, res) => sendJson(res, 200, { value: emulator.apps.list().map(appSummary) })));
  router.post("/_sandbox/apps", handle((req, res) => {
    const b = body(AppBody, req);
    const app = emulator.registerApp({
      ...b,
      secrets: [...(b.secrets ?? []), ...(b.clientSecret ? [b.clientSecret] : [])],
      certificatePems: [...(b.certificatePems ?? []), ...(b.certificatePem ? [b.certificatePem] : [])],
    });
    sendJson(res, 201, appSummary(app));
  }));
  router.post("/_sandbox/admin-consent", handle((req, res) => {
    const b = body(AdminConsentBody, req);
    known(b.clientId);
    sendJson(res, 200, emulator.grantAdminConsent(b.clientId, b.roles, b.scopes));
  }));
  router.delete("/_sandbox/admin-consent/:clientId", handle((req, res) => {
    known(req.params.clientId ?? "");
    emulator.revokeAdminConsent(req.params.clientId ?? "");
    sendEmpty(res, 204);
  }));
  router.post("/_sandbox/user-consent", handle((req, res) => {
    const b = body(UserConsentBody, req);
    known(b.clientId);
    const id = userId(b.user);
    emulator.grantUserConsent(id, b.clientId, b.scopes);
    sendJson(res, 200, { userId: id, clientId: b.clientId.toLowerCase(), scopes: [...emulator.state.consentedScopes(id, b.clientId.toLowerCase())].sort() });
  }));
  router.delete("/_sandbox/user-consent/:clientId/:user", handle((req, res) => {
    known(req.params.clientId ?? "");
    emulator.revokeUserConsent(userId(req.params.user ?? ""), req.params.clientId ?? "");
    sendEmpty(res, 204);
  }));
  router.get("/_sandbox/consents", handle((_req, res) => {
    const admin = [...emulator.state.adminGrants.entries()].map(([clientId, g]) => ({ clientId, roles: [...g.roles].sort(), scopes: [...g.scopes].sort() }));
    sendJson(res, 200, { admin, users: emulator.state.userGrantsSnapshot() });
  }));
  router.post("/_sandbox/users/:user/revoke-refresh-tokens", handle((req, res) => {
    sendJson(res, 200, { revoked: emulator.revokeRefreshTokens(userId(req.params.user ?? "")) });
  }));
  router.post("/_sandbox/channel-token", handle(async (req, res) => {
    const b = body(ChannelTokenBody, req);
    sendJson(res, 200, { token: await emulator.issueChannelToken(b) });
  }));
}
