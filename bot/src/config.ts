import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";

/**
 * Configuration: read once at start-up from the environment plus `env/.env.<APP_ENV>` (and its
 * git-ignored `.user` twin for secrets), validated here, then passed down as a typed object.
 * Nothing else in the service reads process.env.
 *
 * Every variable is declared once in VARIABLES: the parser, the error messages and the README
 * table all come from that list.
 */

export type Mode = "sandbox" | "tenant" | "individual";

export interface Config {
  appEnv: string;
  /** sandbox: emulators on loopback, no credentials. tenant/individual: real Microsoft 365 + Webex. */
  mode: Mode;
  port: number;
  host: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  bodyLimitBytes: number;
  /** Age after which the in-memory directory copy is refreshed; 0 = no copy (directory/mirror). */
  directoryRefreshSeconds: number;
  /** Unset only in sandbox mode, where the service's own loopback URL is used. */
  publicBaseUrl: string | undefined;
  tabDistDir: string;
  storage: { kind: "sqlite"; sqlitePath: string } | { kind: "postgres"; databaseUrl: string };
  tokenEncryptionKey: string | undefined;
  bot: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
    appTenantId: string | undefined;
    /** Overrides for the Bot Framework auth endpoints (the sandbox identity emulator sets these). */
    toChannelFromBotLoginUrl: string | undefined;
    toChannelFromBotOAuthScope: string | undefined;
    toBotFromChannelTokenIssuer: string | undefined;
    toBotFromChannelOpenIdMetadataUrl: string | undefined;
  };
  microsoft: {
    authorityHost: string;
    graphBaseUrl: string;
    clientId: string | undefined;
    clientSecret: string | undefined;
    certificatePath: string | undefined;
    certificateKeyPath: string | undefined;
    /** Audience of the tab's Teams SSO tokens. */
    appIdUri: string | undefined;
  };
  webex: {
    baseUrl: string;
    clientId: string | undefined;
    clientSecret: string | undefined;
    serviceToken: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

interface Variable {
  name: string;
  description: string;
  example: string;
  default?: string;
  secret?: boolean;
  schema: z.ZodType<unknown>;
}

const httpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith("https://"), "must be an https:// URL");
const anyUrl = z.string().url();
const guidOrName = z.string().min(1);

export const VARIABLES: readonly Variable[] = [
  { name: "APP_ENV", description: "Which `env/.env.<name>` file to read (and its `.user` twin).", example: "sandbox", default: "sandbox", schema: z.string().regex(/^[a-z0-9-]+$/, "lowercase letters, digits and dashes") },
  { name: "APP_MODE", description: "Force a mode: `sandbox` (emulators, set by `npm start`), `tenant` or `individual`. Unset: `sandbox` without Microsoft credentials, else `tenant` with a certificate, `individual` with only a secret.", example: "sandbox", schema: z.enum(["sandbox", "tenant", "individual"]) },
  { name: "PORT", description: "HTTP port of the bot service.", example: "3978", default: "3978", schema: z.coerce.number().int().min(0).max(65535) },
  { name: "HOST", description: "Interface to listen on.", example: "0.0.0.0", default: "0.0.0.0", schema: z.string().min(1) },
  { name: "LOG_LEVEL", description: "pino log level.", example: "info", default: "info", schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]) },
  { name: "BODY_LIMIT_BYTES", description: "Largest accepted request body; larger ones get 413.", example: "262144", default: "262144", schema: z.coerce.number().int().min(1024).max(10 * 1024 * 1024) },
  { name: "PUBLIC_BASE_URL", description: "Public https URL of this service (OAuth callbacks, Graph webhooks).", example: "https://webex-scheduler.contoso.com", schema: anyUrl },
  { name: "TAB_DIST_DIR", description: "Folder of the built tab, served under /tab.", example: "tab/dist", default: "tab/dist", schema: z.string().min(1) },
  { name: "DATABASE_URL", description: "PostgreSQL connection string; when unset, SQLite is used.", example: "postgres://app:secret@db.internal:5432/webex", secret: true, schema: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://") },
  { name: "SQLITE_PATH", description: "SQLite database file (the embedded default).", example: ".data/webex-scheduler.sqlite", default: ".data/webex-scheduler.sqlite", schema: z.string().min(1) },
  { name: "TOKEN_ENCRYPTION_KEY", description: "Tokens at rest: `<keyId>:<base64 of 32 bytes>`, several separated by commas (the first encrypts). Required outside sandbox mode.", example: "k1:q83vEjRWeJqrze8SNFZ4mqvN7xI0VniaXcJ/qPbk8Zo=", secret: true, schema: z.string().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=)*$/, "must be keyId:base64(32 bytes)[,keyId:base64…]") },
  { name: "MicrosoftAppId", description: "The bot's Microsoft App ID (Bot Framework). Without it the bot accepts unauthenticated activities (Agents Playground).", example: "4f0b2c5e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", schema: guidOrName },
  { name: "MicrosoftAppPassword", description: "The bot's client secret.", example: "<secret from Teams Toolkit>", secret: true, schema: z.string().min(1) },
  { name: "MicrosoftAppType", description: "MultiTenant, SingleTenant or UserAssignedMSI.", example: "MultiTenant", default: "MultiTenant", schema: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]) },
  { name: "MicrosoftAppTenantId", description: "Tenant of a SingleTenant bot.", example: "8c3dd6a1-7f1e-4b2a-9d55-5e0c7a1b2c3d", schema: guidOrName },
  { name: "ToChannelFromBotLoginUrl", description: "Authority for bot → channel tokens (override; the sandbox sets it).", example: "https://login.microsoftonline.com/botframework.com", schema: httpsUrl },
  { name: "ToChannelFromBotOAuthScope", description: "Scope of bot → channel tokens (override).", example: "https://api.botframework.com/.default", schema: z.string().min(1) },
  { name: "ToBotFromChannelTokenIssuer", description: "Issuer of channel → bot tokens (override).", example: "https://api.botframework.com", schema: z.string().min(1) },
  { name: "ToBotFromChannelOpenIdMetadataUrl", description: "OpenID metadata of channel → bot tokens (override).", example: "https://localhost:4001/botframework/v1/.well-known/openidconfiguration", schema: httpsUrl },
  { name: "AAD_APP_CLIENT_ID", description: "Entra app (client) id used for Graph and SSO. Its presence switches off sandbox mode.", example: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", schema: guidOrName },
  { name: "AAD_APP_ID_URI", description: "Application ID URI the tab's Teams SSO tokens are issued for (their audience). Default `api://<PUBLIC_BASE_URL host>/<AAD_APP_CLIENT_ID>`.", example: "api://webex-scheduler.contoso.com/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", schema: z.string().regex(/^api:\/\/\S+$/, "must start with api://") },
  { name: "AAD_APP_CLIENT_SECRET", description: "Client secret for the individual (delegated) sign-in flow.", example: "<secret>", secret: true, schema: z.string().min(1) },
  { name: "AAD_APP_CERT_PATH", description: "PEM certificate registered on the Entra app (tenant mode, client-credentials with a certificate assertion).", example: "/run/secrets/webex-scheduler.crt.pem", schema: z.string().min(1) },
  { name: "AAD_APP_CERT_KEY_PATH", description: "PEM private key of that certificate.", example: "/run/secrets/webex-scheduler.key.pem", secret: true, schema: z.string().min(1) },
  { name: "AUTHORITY_HOST", description: "Entra ID authority host.", example: "https://login.microsoftonline.com", default: "https://login.microsoftonline.com", schema: httpsUrl },
  { name: "GRAPH_BASE_URL", description: "Microsoft Graph base URL.", example: "https://graph.microsoft.com", default: "https://graph.microsoft.com", schema: httpsUrl },
  { name: "DIRECTORY_REFRESH_SECONDS", description: "Tenant mode: invitee look-ahead reads an in-memory copy of the directory's users (names, addresses, titles; never written to disk; ≈ 1.2 KB of memory per user), kept with Graph delta query. A copy older than this never answers: the next look-up asks Graph and refreshes the copy in the background. `0` turns the copy off: every name is a Graph search.", example: "300", default: "300", schema: z.coerce.number().int().min(0).max(86_400) },
  { name: "WEBEX_BASE_URL", description: "Webex REST API base URL.", example: "https://webexapis.com", default: "https://webexapis.com", schema: httpsUrl },
  { name: "WEBEX_CLIENT_ID", description: "Webex integration client id (per-user Webex OAuth).", example: "C0123456789abcdef", schema: z.string().min(1) },
  { name: "WEBEX_CLIENT_SECRET", description: "Webex integration client secret.", example: "<secret>", secret: true, schema: z.string().min(1) },
  { name: "WEBEX_SERVICE_TOKEN", description: "Tenant mode: an admin/service token that schedules on behalf of hosts (hostEmail).", example: "<token>", secret: true, schema: z.string().min(1) },
];

export type EnvSource = Record<string, string | undefined>;

export interface LoadOptions {
  /** Folder holding `.env.<name>` files. */
  envDir?: string;
}

/** Reads env files under the process environment (which wins), then validates. */
export function loadConfig(processEnv: EnvSource = process.env, options: LoadOptions = {}): Config {
  const envDir = options.envDir ?? join(process.cwd(), "env");
  const appEnv = processEnv.APP_ENV ?? "sandbox";
  const fromFiles = { ...readEnvFile(join(envDir, `.env.${appEnv}`)), ...readEnvFile(join(envDir, `.env.${appEnv}.user`)) };
  return parseConfig({ ...fromFiles, ...processEnv, APP_ENV: appEnv });
}

export function parseConfig(env: EnvSource): Config {
  const v: Record<string, unknown> = {};
  for (const variable of VARIABLES) {
    const raw = env[variable.name];
    const text = raw === undefined || raw.trim() === "" ? variable.default : raw.trim();
    if (text === undefined) continue;
    const result = variable.schema.safeParse(text);
    if (!result.success) throw invalid(variable, result.error.issues[0]?.message ?? "invalid value", variable.secret ? undefined : text);
    v[variable.name] = result.data;
  }
  const str = (name: string): string | undefined => v[name] as string | undefined;

  const clientId = str("AAD_APP_CLIENT_ID");
  const certPath = str("AAD_APP_CERT_PATH");
  const certKeyPath = str("AAD_APP_CERT_KEY_PATH");
  const clientSecret = str("AAD_APP_CLIENT_SECRET");
  let mode: Mode = "sandbox";
  const forced = v.APP_MODE as Mode | undefined;
  if (clientId && forced !== "sandbox") {
    if (certPath || certKeyPath) {
      requireTogether("AAD_APP_CERT_PATH", certPath, "AAD_APP_CERT_KEY_PATH", certKeyPath);
      mode = "tenant";
    } else if (clientSecret) {
      mode = "individual";
    } else {
      throw invalid(byName("AAD_APP_CERT_PATH"), "is required when AAD_APP_CLIENT_ID is set (or set AAD_APP_CLIENT_SECRET for individual mode)");
    }
    if (!str("TOKEN_ENCRYPTION_KEY")) throw invalid(byName("TOKEN_ENCRYPTION_KEY"), "is required outside sandbox mode");
    if (!str("PUBLIC_BASE_URL")) throw invalid(byName("PUBLIC_BASE_URL"), "is required outside sandbox mode (OAuth callbacks and Graph webhooks need it)");
    if (forced === "individual") mode = "individual";
    if (forced === "tenant" && mode !== "tenant") throw invalid(byName("AAD_APP_CERT_PATH"), "is required for APP_MODE=tenant (app-only tokens need a certificate)");
  } else if (forced && forced !== "sandbox") {
    throw invalid(byName("AAD_APP_CLIENT_ID"), `is required for APP_MODE=${forced}`);
  }
  if (certPath || certKeyPath) requireTogether("AAD_APP_CERT_PATH", certPath, "AAD_APP_CERT_KEY_PATH", certKeyPath);
  const appId = str("MicrosoftAppId");
  const appType = v.MicrosoftAppType as Config["bot"]["appType"];
  if (appId && appType !== "UserAssignedMSI" && !str("MicrosoftAppPassword")) {
    throw invalid(byName("MicrosoftAppPassword"), "is required when MicrosoftAppId is set");
  }
  if (appType === "SingleTenant" && !str("MicrosoftAppTenantId")) {
    throw invalid(byName("MicrosoftAppTenantId"), "is required when MicrosoftAppType is SingleTenant");
  }

  const databaseUrl = str("DATABASE_URL");
  return {
    appEnv: str("APP_ENV") ?? "sandbox",
    mode,
    port: v.PORT as number,
    host: str("HOST") ?? "0.0.0.0",
    logLevel: v.LOG_LEVEL as Config["logLevel"],
    bodyLimitBytes: v.BODY_LIMIT_BYTES as number,
    directoryRefreshSeconds: v.DIRECTORY_REFRESH_SECONDS as number,
    publicBaseUrl: str("PUBLIC_BASE_URL")?.replace(/\/$/, ""),
    tabDistDir: str("TAB_DIST_DIR") ?? "tab/dist",
    storage: databaseUrl ? { kind: "postgres", databaseUrl } : { kind: "sqlite", sqlitePath: str("SQLITE_PATH") ?? ".data/webex-scheduler.sqlite" },
    tokenEncryptionKey: str("TOKEN_ENCRYPTION_KEY"),
    bot: {
      appId,
      appPassword: str("MicrosoftAppPassword"),
      appType,
      appTenantId: str("MicrosoftAppTenantId"),
      toChannelFromBotLoginUrl: str("ToChannelFromBotLoginUrl"),
      toChannelFromBotOAuthScope: str("ToChannelFromBotOAuthScope"),
      toBotFromChannelTokenIssuer: str("ToBotFromChannelTokenIssuer"),
      toBotFromChannelOpenIdMetadataUrl: str("ToBotFromChannelOpenIdMetadataUrl"),
    },
    microsoft: {
      authorityHost: str("AUTHORITY_HOST")!,
      graphBaseUrl: str("GRAPH_BASE_URL")!,
      clientId,
      clientSecret,
      certificatePath: certPath,
      certificateKeyPath: certKeyPath,
      appIdUri: str("AAD_APP_ID_URI") ?? (clientId ? `api://${new URL(str("PUBLIC_BASE_URL") ?? "http://localhost").host}/${clientId}` : undefined),
    },
    webex: {
      baseUrl: str("WEBEX_BASE_URL")!,
      clientId: str("WEBEX_CLIENT_ID"),
      clientSecret: str("WEBEX_CLIENT_SECRET"),
      serviceToken: str("WEBEX_SERVICE_TOKEN"),
    },
  };
}

function byName(name: string): Variable {
  const found = VARIABLES.find((x) => x.name === name);
  if (!found) throw new Error(`unknown configuration variable ${name}`);
  return found;
}

function requireTogether(a: string, av: string | undefined, b: string, bv: string | undefined): void {
  if (av && !bv) throw invalid(byName(b), `is required when ${a} is set`);
  if (bv && !av) throw invalid(byName(a), `is required when ${b} is set`);
}

function invalid(variable: Variable, problem: string, value?: string): ConfigError {
  const shown = value === undefined ? "" : ` (got "${value.length > 60 ? `${value.slice(0, 57)}...` : value}")`;
  return new ConfigError(variable.name, `Configuration error: ${variable.name} ${problem}${shown}. Example: ${variable.name}=${variable.example}`);
}

function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseDotenv(readFileSync(path));
}

/** Markdown rows for the README's configuration table. */
export function configurationTable(): string {
  const rows = VARIABLES.map((x) => `| \`${x.name}\` | ${x.default === undefined ? "" : `\`${x.default}\``} | ${x.description} | \`${x.example}\` |`);
  return ["| variable | default | what it does | example |", "|---|---|---|---|", ...rows].join("\n");
}
