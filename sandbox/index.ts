import type { RunningServer } from "./common/http";
import { ensureSandboxTls, type SandboxTls } from "./common/tls";
import { createSigningKeys } from "./common/tokens";
import { createConnectorEmulator, type ConnectorEmulator, type RosterMember } from "./connector";
import { createGraphEmulator, type GraphEmulator } from "./graph";
import { createIdentityEmulator, loadSandboxCredentials, sandboxAppRegistrations, type IdentityEmulator, type SandboxCredentials } from "./identity";
import { createTenant, userByLocal, type Tenant } from "./tenant";
import { SANDBOX_WEBEX_INTEGRATION, SCOPES, createWebexEmulator, type WebexEmulator } from "./webex";

/**
 * All emulators in one process on loopback, seeded with the demo tenant. `botEnv` is the
 * configuration that points the bot at them: only base URLs (and sandbox credentials) differ
 * from production. Used by `npm start` (sandbox/start.ts) and by integration tests.
 */
export interface SandboxOptions {
  tls?: SandboxTls;
  tenant?: Tenant;
  /**
   * Give the bot a Microsoft App ID so every activity must carry a channel token the identity
   * emulator signed (tests). Off for `npm start`: the Agents Playground sends no token.
   */
  botAuthentication?: boolean;
  /**
   * The demo tenant's admin has consented to the app's application permissions (tenant mode).
   * Default true for `npm start`; false shows individual mode (each user signs in).
   */
  adminConsent?: boolean;
  /** Give the bot a Webex service token (tenant mode schedules on hosts' behalf). Default true. */
  webexServiceToken?: boolean;
  /** Graph webhook timings; tests shorten them. */
  graphDelivery?: Parameters<typeof createGraphEmulator>[0]["deliver"];
}

export interface RunningSandbox {
  tenant: Tenant;
  credentials: SandboxCredentials;
  identity: IdentityEmulator;
  graph: GraphEmulator;
  webex: WebexEmulator;
  connector: ConnectorEmulator;
  urls: { identity: string; graph: string; webex: string; connector: string };
  /** Environment for the bot process (names as in bot/src/config.ts). */
  botEnv: Record<string, string>;
  describe(): string[];
  /** Back to the seeded state in every emulator. */
  reset(): void;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const tls = options.tls ?? ensureSandboxTls();
  const tenant = options.tenant ?? createTenant();
  const credentials = loadSandboxCredentials();
  const keys = createSigningKeys();
  const servers: RunningServer[] = [];
  try {
    const identity = createIdentityEmulator({ tenant, keys, apps: sandboxAppRegistrations(credentials) });
    const identityServer = await identity.start({ tls });
    servers.push(identityServer);
    const consent = (): void => {
      if (options.adminConsent ?? true) identity.grantAdminConsent(credentials.app.clientId);
    };
    consent();

    const graph = createGraphEmulator({ tenant, keys, issuer: (tid) => identity.issuer(tid), allowHttpNotificationUrl: true, ...(options.graphDelivery ? { deliver: options.graphDelivery } : {}) });
    const graphServer = await graph.start({ tls });
    servers.push(graphServer);

    const webex = createWebexEmulator({ tenant });
    const webexServer = await webex.start({ tls });
    servers.push(webexServer);
    // Daniel Okafor is the demo tenant's Webex admin: his token schedules on hosts' behalf.
    const serviceToken = (options.webexServiceToken ?? true)
      ? webex.issueToken("daniel.okafor@contoso.com", [SCOPES.peopleRead, SCOPES.adminSchedulesRead, SCOPES.adminSchedulesWrite], { expiresInSeconds: 365 * 24 * 3600, survivesReset: true })
      : undefined;

    const connector = createConnectorEmulator({
      rosters: rosters(tenant),
      ...(options.botAuthentication ? { verifyToken: async (token: string | undefined) => (await identity.verifyBotToken(token)).ok } : {}),
    });
    const connectorServer = await connector.start();
    servers.push(connectorServer);

    const urls = { identity: identityServer.url, graph: graphServer.url, webex: webexServer.url, connector: connectorServer.url };
    const botEnv: Record<string, string> = {
      APP_MODE: "sandbox",
      AAD_APP_CLIENT_ID: credentials.app.clientId,
      AAD_APP_CLIENT_SECRET: credentials.app.clientSecret,
      AAD_APP_CERT_PATH: credentials.app.certificatePath,
      AAD_APP_CERT_KEY_PATH: credentials.app.privateKeyPath,
      AAD_APP_ID_URI: `api://localhost/${credentials.app.clientId}`,
      ...(serviceToken ? { WEBEX_SERVICE_TOKEN: serviceToken } : {}),
      AUTHORITY_HOST: urls.identity,
      GRAPH_BASE_URL: urls.graph,
      WEBEX_BASE_URL: urls.webex,
      WEBEX_CLIENT_ID: SANDBOX_WEBEX_INTEGRATION.clientId,
      WEBEX_CLIENT_SECRET: SANDBOX_WEBEX_INTEGRATION.clientSecret,
      ...(options.botAuthentication ? identity.botFrameworkAuthConfig({ appId: credentials.bot.appId, appPassword: credentials.bot.appPassword }) : {}),
    };
    delete botEnv.ValidateAuthority; // not one of our variables; authority validation is msal's default

    return {
      tenant,
      credentials,
      identity,
      graph,
      webex,
      connector,
      urls,
      botEnv,
      describe: () => [
        `identity       ${urls.identity}   (Entra ID v2: /<tenant>/oauth2/v2.0/authorize|token; controls /_sandbox/*)`,
        `graph          ${urls.graph}/v1.0   (Microsoft Graph; controls /_sandbox/*)`,
        `webex          ${urls.webex}/v1   (Webex REST; controls /_sandbox/*)`,
        `connector      ${urls.connector}   (Bot Framework connector; replies: /_sandbox/activities)`,
      ],
      reset() {
        identity.reset();
        consent();
        graph.reset();
        webex.reset();
        connector.reset();
      },
      close: () => closeAll(servers),
    };
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
}

async function closeAll(servers: RunningServer[]): Promise<void> {
  await Promise.all(servers.map((s) => s.close()));
}

/** A demo group chat (not part of any team): Lars Berg with Mehmet Yılmaz, Zeynep Kaya and Sara Ek. */
export const DEMO_GROUP_CHAT_ID = "19:sandbox-demo-group-chat@thread.v2";
const DEMO_GROUP_CHAT_MEMBERS = ["lars.berg", "mehmet.yilmaz", "zeynep.kaya", "sara.ek"];

/** The bot's roster calls (TeamsInfo) answer with the demo team's (or group chat's) members, Teams-shaped. */
function rosters(tenant: Tenant): Record<string, RosterMember[]> {
  const result: Record<string, RosterMember[]> = {};
  const member = (id: string): RosterMember => {
    const u = tenant.users.find((x) => x.id === id)!;
    return {
      id: `29:${u.id}`,
      name: u.displayName,
      aadObjectId: u.id,
      email: u.mail ?? u.userPrincipalName,
      userPrincipalName: u.userPrincipalName,
      givenName: u.givenName,
      surname: u.surname,
      tenantId: tenant.id,
      userRole: "user" as const,
    };
  };
  for (const team of tenant.teams) {
    const members = team.channels[0]!.memberUserIds.map(member);
    for (const channel of team.channels) result[channel.id] = members;
  }
  result[DEMO_GROUP_CHAT_ID] = DEMO_GROUP_CHAT_MEMBERS.map((local) => member(userByLocal(tenant, local).id));
  return result;
}
