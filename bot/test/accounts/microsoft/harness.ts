import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "restify";
import type { RunningSandbox } from "../../../../sandbox";
import { getPage, parseHtmlForm, submitForm, type PageResult } from "../../../../sandbox/identity/test/helpers";
import { createMicrosoftAccounts, microsoftTokenHooks, type MicrosoftAccountsService } from "../../../src/accounts/microsoft";
import { parseConfig, type Config, type EnvSource } from "../../../src/config";
import { createHttpServer } from "../../../src/http/server";
import { generateKeyEntry, parseEncryptionKeys } from "../../../src/identity/encryption-keys";
import { createTokenManager, type TokenManager } from "../../../src/identity/token-manager";
import { createTokenVault, type TokenVault } from "../../../src/identity/token-vault";
import { createLogger } from "../../../src/logger";
import { openStore } from "../../../src/store/open-store";
import type { Store } from "../../../src/store/types";
import { SchedulerAdapter } from "../../../src/teams/adapter";
import { TestClock } from "../../store/harness";

/**
 * One bot-side world per test, against the running sandbox: a real SQLite store, the real token
 * vault and manager (with the Microsoft refresh hook), the real restify server from
 * http/server.ts with the accounts routes, listening on loopback. One clock drives the store,
 * the token manager and the accounts module; the emulators keep real time.
 */
export interface World {
  accounts: MicrosoftAccountsService;
  store: Store;
  vault: TokenVault;
  tokens: TokenManager;
  clock: TestClock;
  config: Config;
  /** `http://localhost:<port>` — what the accounts module calls its public URL. */
  baseUrl: string;
  /** Another accounts module on the same store (a second instance, or this one after a restart). */
  anotherInstance(): MicrosoftAccountsService;
  close(): Promise<void>;
}

export function sandboxEnv(sandbox: RunningSandbox, extra: EnvSource = {}): EnvSource {
  const app = sandbox.credentials.app;
  return {
    APP_MODE: "sandbox",
    LOG_LEVEL: "silent",
    AAD_APP_CLIENT_ID: app.clientId,
    AAD_APP_CLIENT_SECRET: app.clientSecret,
    AAD_APP_CERT_PATH: app.certificatePath,
    AAD_APP_CERT_KEY_PATH: app.privateKeyPath,
    AUTHORITY_HOST: sandbox.urls.identity,
    GRAPH_BASE_URL: sandbox.urls.graph,
    ...extra,
  };
}

export async function startWorld(sandbox: RunningSandbox, env: EnvSource = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), "microsoft-accounts-"));
  const clock = new TestClock();
  const config = parseConfig({ ...sandboxEnv(sandbox), ...env, SQLITE_PATH: join(dir, "store.sqlite") });
  const logger = createLogger("silent");
  const store = await openStore({ sqlitePath: join(dir, "store.sqlite"), now: clock.now });
  const vault = createTokenVault({ keys: parseEncryptionKeys(generateKeyEntry("k1")), repo: store.tokens });
  const tokens = createTokenManager({ vault, now: clock.now, ...microsoftTokenHooks({ config, now: clock.now }) });

  // The routes need the public URL, which is known once the server listens: register them then.
  let registerLater: ((routes: (server: Server) => void) => void) | undefined;
  const server = createHttpServer({
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    tabDir: dir,
    adapter: new SchedulerAdapter(config.bot, logger),
    botLogic: async () => undefined,
    health: () => ({ status: "ok", version: "test", mode: config.mode, storage: store.kind }),
    routes: [(s) => (registerLater = (register) => register(s))],
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;

  const build = () => createMicrosoftAccounts({ config, publicBaseUrl: baseUrl, store, tokens, logger, now: clock.now });
  const accounts = build();
  registerLater?.(accounts.routes);

  return {
    accounts,
    store,
    vault,
    tokens,
    clock,
    config,
    baseUrl,
    anotherInstance: build,
    async close() {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Each step a browser took: the URL it asked for and what came back. */
export interface BrowserTrail {
  steps: { url: string; status: number }[];
  final: PageResult;
}

/**
 * Follows a sign-in link the way a browser would, with plain fetch: our start route, Entra's
 * account picker (picks `user`), the consent page (answers `decision`), back to our callback.
 */
export async function signInInBrowser(sandbox: RunningSandbox, link: string, user: string, decision: "accept" | "cancel" = "accept"): Promise<BrowserTrail> {
  const steps: BrowserTrail["steps"] = [];
  const visit = async (url: string) => {
    const page = await getPage(url);
    steps.push({ url, status: page.status });
    return page;
  };
  let page = await visit(link);
  if (page.status === 302 && page.location) page = await visit(page.location);
  if (page.status === 200 && page.html.includes('id="pick"')) {
    page = await submitForm(sandbox.urls.identity, parseHtmlForm(page.html), { user_id: user });
    steps.push({ url: `${sandbox.urls.identity} (account picker)`, status: page.status });
  }
  if (page.status === 200 && page.html.includes('id="consent"')) {
    page = await submitForm(sandbox.urls.identity, parseHtmlForm(page.html), { decision });
    steps.push({ url: `${sandbox.urls.identity} (consent)`, status: page.status });
  }
  if (page.status === 302 && page.location) page = await visit(page.location);
  return { steps, final: page };
}

/** The text of our page's message paragraph. */
export function messageOf(page: PageResult): string {
  return /<p id="message">([^<]*)<\/p>/.exec(page.html)?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&") ?? "";
}

/** The retry link on our page, if any. */
export function linkOf(page: PageResult): string | undefined {
  return /<a href="([^"]*)">/.exec(page.html)?.[1]?.replace(/&amp;/g, "&");
}
