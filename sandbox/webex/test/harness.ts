import type { RunningServer } from "../../common/http";
import { ensureSandboxTls } from "../../common/tls";
import { createWebexEmulator, SCOPES, type WebexEmulator, type WebexEmulatorOptions } from "../index";

/**
 * Starts the emulator on HTTPS with the sandbox CA (the test process trusts it through
 * NODE_EXTRA_CA_CERTS) and a pinned clock, so no test depends on the wall time.
 */
export const NOW = new Date("2026-11-20T08:00:00Z"); // a Friday

export interface Harness {
  emu: WebexEmulator;
  url: string;
  server: RunningServer;
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startHarness(options: WebexEmulatorOptions = {}): Promise<Harness> {
  const tls = ensureSandboxTls();
  const clock = { now: NOW };
  const emu = createWebexEmulator({ clock: () => clock.now, ...options });
  const server = await emu.start({ tls });
  return { emu, url: server.url, server, clock, close: () => server.close() };
}

export const USER_SCOPES = [SCOPES.peopleRead, SCOPES.schedulesRead, SCOPES.schedulesWrite];
export const ADMIN_SCOPE_SET = [SCOPES.peopleRead, SCOPES.adminPeopleRead, SCOPES.adminSchedulesRead, SCOPES.adminSchedulesWrite];

/** Demo people by role. */
export const AIKO = "aiko.tanaka@contoso.com";
export const LARS = "lars.berg@contoso.se";
export const DANIEL_ADMIN = "daniel.okafor@contoso.com";
export const LASSE_MS_MAIL = "lasse.nystrom@contoso.se";
export const LASSE_WEBEX_ALIAS = "lars.nystrom@contoso.se";
export const TOM_NO_WEBEX = "tom.baker@contoso.com";
export const EXTERNAL = "jun.park@fabrikam.com";

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

export async function call(h: Harness, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    redirect: "manual",
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A valid meeting body two days after NOW, one hour long. */
export function meetingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: "Design review", start: "2026-11-24T14:00:00Z", end: "2026-11-24T15:00:00Z", timezone: "Europe/Stockholm", ...overrides };
}

export function expectWebexError(reply: Reply, status: number): void {
  expect(reply.status).toBe(status);
  expect(typeof reply.body.message).toBe("string");
  expect(Array.isArray(reply.body.errors)).toBe(true);
  expect(reply.body.trackingId).toMatch(/^ROUTER_[0-9A-F-]{36}$/);
  expect(reply.headers.get("trackingid")).toBe(reply.body.trackingId);
}
