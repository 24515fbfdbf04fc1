import { createHash } from "node:crypto";

/**
 * Webex OAuth scopes the app uses and the integration registered with the sandbox.
 * Scope names: developer.webex.com/docs/integrations#scopes and the meetings guide
 * (admin variants let a Webex admin or service app schedule for a host via `hostEmail`).
 */
export const SCOPES = {
  peopleRead: "spark:people_read",
  adminPeopleRead: "spark-admin:people_read",
  sparkAll: "spark:all",
  kms: "spark:kms",
  schedulesRead: "meeting:schedules_read",
  schedulesWrite: "meeting:schedules_write",
  adminSchedulesRead: "meeting:admin_schedule_read",
  adminSchedulesWrite: "meeting:admin_schedule_write",
} as const;

export const ADMIN_SCOPES: ReadonlySet<string> = new Set([SCOPES.adminPeopleRead, SCOPES.adminSchedulesRead, SCOPES.adminSchedulesWrite]);

export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  [SCOPES.peopleRead]: "Read your company directory",
  [SCOPES.adminPeopleRead]: "Access to read your organization's users (admin)",
  [SCOPES.sparkAll]: "Full access to your Webex account",
  [SCOPES.kms]: "Permission to interact with encrypted content",
  [SCOPES.schedulesRead]: "Retrieve your Webex meeting lists and details",
  [SCOPES.schedulesWrite]: "Create, update and delete your Webex meetings",
  [SCOPES.adminSchedulesRead]: "Retrieve meeting lists and details of users in your organization (admin)",
  [SCOPES.adminSchedulesWrite]: "Schedule meetings on behalf of users in your organization (admin)",
};

export interface WebexIntegration {
  clientId: string;
  clientSecret: string;
  name: string;
  /** Scopes the integration was registered with; an authorize request may ask for a subset. */
  scopes: string[];
  /** Registered redirect URIs, or "loopback": any http(s) URI on localhost/127.0.0.1/[::1]. */
  redirectUris: string[] | "loopback";
}

const hex = (seed: string): string => createHash("sha256").update(seed).digest("hex");

/**
 * The integration registered in the sandbox, with a fixed id and secret (client ids are
 * "C" + 64 hex characters, like the real ones). Not a secret: it only opens the emulator.
 */
export const SANDBOX_WEBEX_INTEGRATION: WebexIntegration = {
  clientId: `C${hex("webex-sandbox-integration:client-id")}`,
  clientSecret: hex("webex-sandbox-integration:client-secret"),
  name: "Webex Scheduler for Microsoft Teams (sandbox)",
  scopes: Object.values(SCOPES),
  redirectUris: "loopback",
};

export function redirectUriAllowed(integration: WebexIntegration, uri: string): boolean {
  if (integration.redirectUris !== "loopback") return integration.redirectUris.includes(uri);
  try {
    const u = new URL(uri);
    return (u.protocol === "https:" || u.protocol === "http:") && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
  } catch {
    return false;
  }
}
