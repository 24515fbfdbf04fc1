import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import restify, { type Server } from "restify";
import { startSandbox, type RunningSandbox } from "../../../../sandbox";
import { parseConfig, type Config } from "../../../src/config";
import { createWebexAccounts, webexTokenHooks, type WebexAccountsLogger } from "../../../src/accounts/webex";
import type { UserRef, WebexAccounts } from "../../../src/accounts/types";
import { generateKeyEntry, parseEncryptionKeys } from "../../../src/identity/encryption-keys";
import { createTokenManager, type TokenManager } from "../../../src/identity/token-manager";
import { createTokenVault, type TokenVault } from "../../../src/identity/token-vault";
import { openStore } from "../../../src/store/open-store";
import type { Store } from "../../../src/store/types";
import { TestClock } from "../../store/harness";

/**
 * The real pieces wired the way the composition root wires them: the sandbox's Webex emulator
 * over HTTPS, a SQLite store in a temp folder, the AES-GCM vault, the one token manager with the
 * Webex refresh hook, and the accounts' routes on a real restify server on loopback.
 */

export const AIKO = "aiko.tanaka@contoso.com";
export const LARS = "lars.berg@contoso.se";
export const DANIEL_ADMIN = "daniel.okafor@contoso.com";
export const aiko: UserRef = { tenantId: "contoso-tenant", userId: "aiko-object-id" };

export interface LogEntry {
  level: string;
  obj: object;
  msg?: string;
}

export interface Fixture {
  sandbox: RunningSandbox;
  config: Config;
  clock: TestClock;
  store: Store;
  vault: TokenVault;
  tokens: TokenManager;
  accounts: WebexAccounts;
  /** Our service's base URL (the restify server with the accounts' routes). */
  baseUrl: string;
  sqlitePath: string;
  logs: LogEntry[];
  close(): Promise<void>;
}

export async function startFixture(sandbox: RunningSandbox, env: Record<string, string> = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), "webex-accounts-"));
  const sqlitePath = join(dir, "store.sqlite");
  const config = parseConfig({ ...sandbox.botEnv, LOG_LEVEL: "silent", SQLITE_PATH: sqlitePath, ...env });
  const clock = new TestClock(new Date().toISOString());
  const store = await openStore({ sqlitePath, now: clock.now });
  const vault = createTokenVault({ keys: parseEncryptionKeys(generateKeyEntry("k1")), repo: store.tokens });
  const logs: LogEntry[] = [];
  const record = (level: string) => (obj: object, msg?: string) => void logs.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
  const logger: WebexAccountsLogger = { info: record("info"), warn: record("warn"), error: record("error") };
  const tokens = createTokenManager({ vault, now: clock.now, logger, refresh: { ...webexTokenHooks({ config, now: clock.now }).refresh } });

  const server: Server = restify.createServer({ handleUncaughtExceptions: false });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = createWebexAccounts({ config, publicBaseUrl: baseUrl, store, tokens, logger, now: clock.now, fetchSleep: async () => undefined });
  accounts.routes(server);

  return {
    sandbox,
    config,
    clock,
    store,
    vault,
    tokens,
    accounts,
    baseUrl,
    sqlitePath,
    logs,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ConnectOutcome {
  /** The link the bot would show. */
  connectUrl: string;
  /** Where Webex sent the browser back to. */
  callbackUrl: string;
  status: number;
  html: string;
}

/**
 * What a person does in the browser: open the connect link, follow our redirect to Webex's
 * authorize page, pick who they are and press Accept (or Decline), follow Webex back to us.
 */
export async function connectInBrowser(f: Fixture, user: UserRef, email: string, options: { locale?: string; decision?: "accept" | "decline"} = {}): Promise<ConnectOutcome> {
  const connectUrl = await f.accounts.connectUrl(user, options.locale);
  const start = await fetch(connectUrl, { redirect: "manual" });
  if (start.status !== 302) throw new Error(`start answered ${start.status}`);
  const authorizeUrl = start.headers.get("location")!;
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`Webex authorize page answered ${page.status}: ${html}`);

  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (action === undefined) throw new Error("no form on Webex's authorize page");
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1]!, unescapeHtml(m[2]!));
  form.set("email", email);
  form.set("decision", options.decision ?? "accept");
  const decided = await fetch(new URL(unescapeHtml(action), authorizeUrl), { method: "POST", body: form, redirect: "manual" });
  if (decided.status !== 302) throw new Error(`Webex authorize decision answered ${decided.status}: ${await decided.text()}`);
  const callbackUrl = decided.headers.get("location")!;
  const back = await fetch(callbackUrl, { redirect: "manual" });
  return { connectUrl, callbackUrl, status: back.status, html: await back.text() };
}

/** Every row of the tables that could hold a token, as text (blobs read as latin1). */
export function databaseText(sqlitePath: string): string {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const rows = ["token_records", "bot_state"].flatMap((table) => db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]);
    return rows.map((row) => Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString("latin1") : String(v))).join("|")).join("\n");
  } finally {
    db.close();
  }
}

/** Revokes a token at the emulator through its control endpoint. */
export async function revokeAtWebex(sandbox: RunningSandbox, token: string): Promise<void> {
  const res = await fetch(`${sandbox.urls.webex}/_sandbox/tokens/${encodeURIComponent(token)}`, { method: "DELETE" });
  if (res.status !== 204) throw new Error(`revoking at the emulator answered ${res.status}`);
}

export function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!);
}

export { startSandbox };
