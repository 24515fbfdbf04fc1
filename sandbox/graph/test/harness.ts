import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createSigningKeys, signAccessToken, GRAPH_AUDIENCE, type SigningKeys } from "../../common/tokens";
import { ensureSandboxTls } from "../../common/tls";
import { createTenant, userByLocal, TENANT_ID, type Tenant } from "../../tenant";
import { createGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from "../index";

/**
 * Test harness: a real HTTPS emulator on loopback, tokens minted with the sandbox keys, and a
 * small fetch wrapper. Tests run with NODE_EXTRA_CA_CERTS=.data/sandbox-tls/ca.pem.
 */

export const APP_ID = "6f1c2d3e-0000-4000-8000-00000000a11a";
export const SP_OID = "7a7a7a7a-0000-4000-8000-00000000a11a";
export const issuerFor = (tid: string): string => `https://login.microsoftonline.com/${tid}/v2.0`;

export interface Harness {
  emulator: GraphEmulator;
  url: string;
  keys: SigningKeys;
  tenant: Tenant;
  appToken(roles: string[], opts?: { tid?: string; lifetimeSeconds?: number; audience?: string; keys?: SigningKeys; appId?: string }): Promise<string>;
  userToken(local: string, scopes: string, opts?: { lifetimeSeconds?: number }): Promise<string>;
  call(path: string, init?: { method?: string; token?: string; headers?: Record<string, string>; body?: unknown }): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary Graph JSON
  text: string;
}

export async function startHarness(extra: Partial<GraphEmulatorOptions> = {}): Promise<Harness> {
  const tls = ensureSandboxTls();
  const keys = createSigningKeys();
  const tenant = createTenant();
  const emulator = createGraphEmulator({ tenant, keys, issuer: issuerFor, ...extra });
  const running = await emulator.start({ tls });
  const now = (): Date => (extra.clock ? extra.clock() : new Date());

  const appToken: Harness["appToken"] = (roles, opts = {}) =>
    signAccessToken(opts.keys ?? keys, { tid: opts.tid ?? TENANT_ID, oid: SP_OID, appid: opts.appId ?? APP_ID, roles }, {
      issuer: issuerFor(opts.tid ?? TENANT_ID),
      audience: opts.audience ?? GRAPH_AUDIENCE,
      lifetimeSeconds: opts.lifetimeSeconds ?? 3600,
      now: now(),
    });

  const userToken: Harness["userToken"] = (local, scopes, opts = {}) => {
    const u = userByLocal(tenant, local);
    return signAccessToken(keys, { tid: TENANT_ID, oid: u.id, appid: APP_ID, scp: scopes, upn: u.userPrincipalName, name: u.displayName }, {
      issuer: issuerFor(TENANT_ID),
      audience: GRAPH_AUDIENCE,
      lifetimeSeconds: opts.lifetimeSeconds ?? 3600,
      now: now(),
    });
  };

  const call: Harness["call"] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.token) headers["authorization"] = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(path.startsWith("http") ? path : `${running.url}${path}`, { method: init.method ?? "GET", headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };

  return { emulator, url: running.url, keys, tenant, appToken, userToken, call, close: () => emulator.close() };
}

/** A published example (copied from shared/schemas/graph-docs/examples so the repo stands alone). */
export function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, "examples", name), "utf8")) as Record<string, unknown>;
}

/** Top-level keys of `sample` missing from `actual` (annotations like @odata.context excluded when asked). */
export function missingKeys(sample: Record<string, unknown>, actual: Record<string, unknown>, ignore: string[] = []): string[] {
  return Object.keys(sample).filter((k) => !(k in actual) && !ignore.includes(k));
}
