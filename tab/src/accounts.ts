/**
 * The tab's view of the user's accounts: `GET /api/tab/me` (bot/src/http/routes/tab-api.ts,
 * `TabMeResponse`) and `POST /api/tab/disconnect`. Parsed with zod; unknown step kinds are
 * kept (as "other") so a newer server never breaks an older tab.
 */
import { z } from "zod";
import type { TabApi } from "./api";

// Links the tab renders as buttons: http(s) only (a `javascript:` URL must never become a link).
// Relative links (on this service) are allowed; the browser resolves them against the tab's origin.
const Link = z.string().refine((value) => {
  try {
    return ["https:", "http:"].includes(new URL(value, "https://tab.invalid").protocol);
  } catch {
    return false;
  }
}, "must be an http(s) link");

const KnownStep = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("microsoft-sign-in"), url: Link }),
  z.object({ kind: z.literal("webex-connect"), url: Link }),
  z.object({ kind: z.literal("admin-consent-missing"), url: Link }),
  z.object({ kind: z.literal("webex-account-mismatch"), url: Link, connectedAs: z.string(), expected: z.string() }),
]);
const Step = z.union([KnownStep, z.object({ kind: z.string(), url: Link }).transform((s) => ({ kind: "other" as const, url: s.url }))]);

const Match = z.union([
  z.object({ kind: z.literal("matched"), webexEmail: z.string(), address: z.string(), source: z.string() }),
  z.object({ kind: z.literal("no-webex-account"), tried: z.array(z.string()) }),
  z.object({ kind: z.literal("domain-not-verified"), tried: z.array(z.string()), verifiedDomains: z.array(z.string()) }),
  z.object({ kind: z.literal("account-disabled") }),
]);

export const AccountStatusSchema = z.object({
  user: z.object({
    tenantId: z.string(),
    userId: z.string(),
    displayName: z.string().optional(),
    userPrincipalName: z.string().optional(),
  }),
  mode: z.enum(["tenant", "individual"]),
  ready: z.boolean(),
  steps: z.array(Step),
  match: Match.nullable(),
  webex: z.object({ via: z.enum(["user-token", "service-token"]), email: z.string().optional() }).nullable(),
});
export type AccountStatus = z.infer<typeof AccountStatusSchema>;
export type AccountStep = AccountStatus["steps"][number];
export type AccountMatch = NonNullable<AccountStatus["match"]>;

const DisconnectSchema = z.object({
  removedTokens: z.number(),
  removedSubscriptions: z.number(),
  removedLink: z.boolean(),
});
export type DisconnectResult = z.infer<typeof DisconnectSchema>;

export function fetchAccountStatus(api: TabApi, signal?: AbortSignal): Promise<AccountStatus> {
  return api.getTab("/api/tab/me", AccountStatusSchema, signal);
}

export function disconnectAccounts(api: TabApi, signal?: AbortSignal): Promise<DisconnectResult> {
  return api.postTab("/api/tab/disconnect", DisconnectSchema, signal);
}
