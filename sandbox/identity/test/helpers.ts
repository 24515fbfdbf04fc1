import { createHash, createPrivateKey, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { RunningServer } from "../../common/http";
import { ensureSandboxTls } from "../../common/tls";
import { createSigningKeys, type SigningKeys } from "../../common/tokens";
import { createTenant, TENANT_ID, type Tenant } from "../../tenant";
import { SANDBOX_APP_ID, createIdentityEmulator, loadSandboxCredentials, sandboxAppRegistrations, type IdentityEmulator, type IdentitySettings, type SandboxCredentials } from "../index";

/** Shared set-up for the identity emulator's tests: a real HTTPS server and a movable clock. */
export interface Harness {
  emulator: IdentityEmulator;
  server: RunningServer;
  url: string;
  keys: SigningKeys;
  tenant: Tenant;
  creds: SandboxCredentials;
  clock: { now: Date; advance(seconds: number): void };
  tokenUrl(tenant?: string): string;
  close(): Promise<void>;
}

export async function startHarness(settings: Partial<IdentitySettings> = {}): Promise<Harness> {
  const tls = ensureSandboxTls();
  const creds = loadSandboxCredentials();
  const keys = createSigningKeys();
  const tenant = createTenant();
  const clock = {
    now: new Date(),
    advance(seconds: number) {
      this.now = new Date(this.now.getTime() + seconds * 1000);
    },
  };
  const emulator = createIdentityEmulator({ tenant, keys, clock: () => clock.now, apps: sandboxAppRegistrations(creds), settings });
  const server = await emulator.start({ tls });
  return {
    emulator,
    server,
    url: server.url,
    keys,
    tenant,
    creds,
    clock,
    tokenUrl: (t = TENANT_ID) => `${server.url}/${t}/oauth2/v2.0/token`,
    close: () => server.close(),
  };
}

export interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
}

export async function postForm(url: string, fields: Record<string, string>): Promise<JsonResponse> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The AADSTS number in an Entra error body. */
export function aadCode(body: Record<string, unknown>): number | undefined {
  return (body.error_codes as number[] | undefined)?.[0];
}

export function x5t(hexThumbprint: string): string {
  return Buffer.from(hexThumbprint, "hex").toString("base64url");
}

/** A client assertion signed with the sandbox app's certificate key (RS256 + x5t unless told otherwise). */
export async function clientAssertion(
  h: Harness,
  opts: { aud?: string; iss?: string; sub?: string; alg?: "RS256" | "PS256"; jti?: string; iat?: number; exp?: number; nbf?: number; keyPem?: string; header?: Record<string, string> } = {},
): Promise<string> {
  const now = Math.floor(h.clock.now.getTime() / 1000);
  const alg = opts.alg ?? "RS256";
  const thumb = alg === "PS256" ? { "x5t#S256": x5t(h.creds.app.thumbprintSha256) } : { x5t: x5t(h.creds.app.thumbprintSha1) };
  return new SignJWT({ jti: opts.jti ?? randomUUID() })
    .setProtectedHeader({ alg, typ: "JWT", ...(opts.header ?? thumb) })
    .setIssuer(opts.iss ?? h.creds.app.clientId)
    .setSubject(opts.sub ?? h.creds.app.clientId)
    .setAudience(opts.aud ?? h.tokenUrl())
    .setIssuedAt(opts.iat ?? now)
    .setNotBefore(opts.nbf ?? now)
    .setExpirationTime(opts.exp ?? now + 600)
    .sign(createPrivateKey(opts.keyPem ?? h.creds.app.privateKeyPem));
}

export function assertionFields(assertion: string, scope = "https://graph.microsoft.com/.default"): Record<string, string> {
  return {
    grant_type: "client_credentials",
    client_id: SANDBOX_APP_ID,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
    scope,
  };
}

export function decodeClaims(jwt: string): Record<string, unknown> {
  const part = jwt.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomUUID() + randomUUID();
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

// ---- driving the HTML pages with plain fetch ----

export interface HtmlForm {
  action: string;
  fields: Record<string, string>;
  /** Values of submit buttons named `decision`, in page order. */
  decisions: string[];
  radios: Record<string, string[]>;
}

function unescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export function parseHtmlForm(html: string): HtmlForm {
  const form = /<form method="post" action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form in page:\n${html}`);
  const inner = form[2] ?? "";
  const fields: Record<string, string> = {};
  for (const m of inner.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescape(m[1]!)] = unescape(m[2]!);
  const radios: Record<string, string[]> = {};
  for (const m of inner.matchAll(/<input type="radio" name="([^"]*)" value="([^"]*)"/g)) (radios[m[1]!] ??= []).push(unescape(m[2]!));
  const decisions = [...inner.matchAll(/<button type="submit" name="decision" value="([^"]*)"/g)].map((m) => m[1]!);
  return { action: unescape(form[1] ?? ""), fields, decisions, radios };
}

export interface PageResult {
  status: number;
  html: string;
  location?: string;
}

export async function getPage(url: string): Promise<PageResult> {
  const res = await fetch(url, { redirect: "manual" });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") ?? undefined };
}

export async function submitForm(baseUrl: string, form: HtmlForm, extra: Record<string, string>): Promise<PageResult> {
  const res = await fetch(new URL(form.action, baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...form.fields, ...extra }).toString(),
  });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") ?? undefined };
}

export const REDIRECT_URI = "https://localhost:3978/api/auth/callback";

export function authorizeUrl(h: Harness, params: Record<string, string>, tenant = "organizations"): string {
  const q = new URLSearchParams({
    client_id: SANDBOX_APP_ID,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid profile offline_access User.Read Calendars.ReadWrite",
    state: "st-123",
    ...params,
  });
  return `${h.url}/${tenant}/oauth2/v2.0/authorize?${q.toString()}`;
}

/**
 * Walks the authorize pages like a browser would: picks `user` (if asked), answers the consent
 * page with `decision` (if shown), and returns the final page (usually a 302 to the app).
 */
export async function signIn(h: Harness, params: Record<string, string>, user: string, decision: "accept" | "cancel" = "accept", extra: Record<string, string> = {}): Promise<PageResult> {
  let page = await getPage(authorizeUrl(h, params));
  if (page.status === 200 && page.html.includes('id="pick"')) page = await submitForm(h.url, parseHtmlForm(page.html), { user_id: user });
  if (page.status === 200 && page.html.includes('id="consent"')) page = await submitForm(h.url, parseHtmlForm(page.html), { decision, ...extra });
  return page;
}

/** The query parameters of a redirect back to the app. */
export function redirectParams(page: PageResult): URLSearchParams {
  if (page.status !== 302 || !page.location) throw new Error(`expected a redirect, got ${page.status}:\n${page.html}`);
  return new URL(page.location).searchParams;
}

export async function codeFor(h: Harness, user: string, params: Record<string, string> = {}): Promise<string> {
  const p = redirectParams(await signIn(h, params, user));
  const code = p.get("code");
  if (!code) throw new Error(`no code in redirect: ${p.toString()}`);
  return code;
}

export function redeemFields(h: Harness, code: string, extra: Record<string, string> = {}): Record<string, string> {
  return { grant_type: "authorization_code", client_id: SANDBOX_APP_ID, client_secret: h.creds.app.clientSecret, code, redirect_uri: REDIRECT_URI, ...extra };
}
