import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Server } from "restify";
import type { Config } from "./config";
import { createHttpServer, type HealthReport } from "./http/server";
import type { Logger } from "./logger";
import { openStore, type Store } from "./store";
import { SchedulerAdapter } from "./teams/adapter";
import { SchedulerBot } from "./teams/bot";
import { createSchedulingFeature } from "./teams/scheduling";
import { createAccountsModule, type AccountsModule } from "./accounts/compose";
import { createTabTokenVerifier } from "./http/tab-auth";
import { tabApiRoutes } from "./http/routes/tab-api";
import { createDirectoryMirror, type DirectoryMirror } from "./directory/mirror/directory-mirror";

export interface RunningService {
  url: string;
  port: number;
  store: Store;
  /** Undefined when no Entra app is configured (a bare start without the sandbox). */
  accounts: AccountsModule | undefined;
  /** The in-memory directory copy for look-ahead; undefined when DIRECTORY_REFRESH_SECONDS=0 or no Entra app. */
  directory: DirectoryMirror | undefined;
  /** Graceful stop: refuse new connections, let in-flight requests finish, then close the database. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Longest wait for in-flight requests on shutdown before connections are cut. */
  drainTimeoutMs?: number;
}

/** Composition of everything the bot process runs; index.ts and the integration tests both use it. */
export async function startService(config: Config, logger: Logger, options: ServiceOptions = {}): Promise<RunningService> {
  const store = await openStore(
    config.storage.kind === "postgres"
      ? { databaseUrl: config.storage.databaseUrl, logger }
      : { sqlitePath: config.storage.sqlitePath, logger },
  );
  const adapter = new SchedulerAdapter(config.bot, logger);
  // The bot is built once the public URL is known (sign-in links point at it, and with PORT=0 the
  // port is only known after listen). Everything from listen() to `bot = …` below runs without an
  // await, so no request can be handled before the bot exists.
  let bot: SchedulerBot | undefined;
  const version = readVersion();
  const health = (): HealthReport => ({
    status: "ok",
    version,
    mode: config.mode,
    storage: store.kind,
    // In sandbox mode the service URLs are the emulators': listed so tools can find them.
    ...(config.mode === "sandbox"
      ? { sandbox: { identity: config.microsoft.authorityHost, graph: config.microsoft.graphBaseUrl, webex: config.webex.baseUrl } }
      : {}),
  });

  const server = createHttpServer({
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    tabDir: config.tabDistDir,
    adapter,
    botLogic: (context) => bot!.run(context),
    health,
  });

  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  let accounts: AccountsModule | undefined;
  try {
    accounts = createAccountsModule({ config, store, logger, publicBaseUrl: config.publicBaseUrl ?? url });
  } catch (error) {
    server.close();
    await store.close();
    throw error;
  }
  for (const register of accounts?.routes ?? []) register(server);
  if (accounts) {
    // The tab's API trusts only Teams SSO tokens issued for this app, verified against Entra's keys.
    const verifier = createTabTokenVerifier({
      authorityHost: config.microsoft.authorityHost,
      audience: [config.microsoft.appIdUri, config.microsoft.clientId].filter((a): a is string => !!a),
      ...(config.bot.appType === "SingleTenant" && config.bot.appTenantId ? { allowedTenants: (tid: string) => tid === config.bot.appTenantId } : {}),
    });
    tabApiRoutes({ verifier, accounts: accounts.service, logger })(server);
  }
  const directory = accounts && config.directoryRefreshSeconds > 0 ? directoryMirror(config.directoryRefreshSeconds, logger) : undefined;
  bot = new SchedulerBot(
    accounts
      ? {
          logger,
          accounts: accounts.service,
          // schedule / upcoming / cancel with draft cards (bot/src/teams/scheduling)
          features: [createSchedulingFeature({ accounts, store, logger, adapter, ...(config.bot.appId ? { botAppId: config.bot.appId } : {}), ...(directory ? { directory } : {}) })],
        }
      : { logger },
  );
  logger.info({ url, mode: config.mode, storage: store.kind }, "bot service listening");

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await stopAccepting(server, options.drainTimeoutMs ?? 10_000);
      await directory?.idle();
      await store.close();
      logger.info("bot service stopped");
    })());

  return { url, port, store, accounts, directory, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
}

function stopAccepting(server: Server, drainTimeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const hardStop = setTimeout(() => server.server.closeAllConnections(), drainTimeoutMs);
    // Keep-alive sockets hold close() open; each becomes idle when its in-flight request ends.
    const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
    hardStop.unref();
    sweep.unref();
    server.close(() => {
      clearTimeout(hardStop);
      clearInterval(sweep);
      resolve();
    });
    server.server.closeIdleConnections();
  });
}

function directoryMirror(refreshSeconds: number, logger: Logger): DirectoryMirror {
  return createDirectoryMirror({
    refreshAfterMs: refreshSeconds * 1000,
    // A failing round is retried on use, at most once a minute (or as often as refreshes, if that is rarer).
    retryAfterMs: Math.min(60_000, refreshSeconds * 1000),
    onRound: (tenantId, round) => logger.info({ tenantId, ...round }, "directory copy refreshed"),
    onRoundFailed: (tenantId, err) => logger.warn({ tenantId, err }, "could not refresh the directory copy; look-ahead keeps the last copy or asks Graph"),
  });
}

function readVersion(): string {
  for (const candidate of [join(__dirname, "..", "..", "package.json"), join(__dirname, "..", "..", "..", "package.json")]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "webex-scheduler-teams" && pkg.version) return pkg.version;
    } catch {
      // try the next location: the layout differs between ts (bot/src) and the build (dist/bot/src)
    }
  }
  return "0.0.0";
}
