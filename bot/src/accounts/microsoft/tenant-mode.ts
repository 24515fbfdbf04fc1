import type { ConfidentialClientApplication } from "@azure/msal-node";
import { toAcquisitionError } from "../../identity/app-token";
import { TokenAcquisitionError, type AccessTokenProvider } from "../../identity/token-provider";
import type { Store } from "../../store/types";
import type { AuthorizationMode } from "../types";
import { appTokenRoles, createMsalClient, GRAPH_APP_SCOPE, type MsalSettings } from "./msal-clients";

/**
 * Which authorization mode a tenant is in (SPEC.md "Two authorization modes"), decided per
 * tenant by asking Entra rather than by a switch: an app-only token whose `roles` carry the
 * permissions we need means an admin consented (tenant mode); anything short of that means each
 * person signs in for themself (individual mode). The answer is kept in `store.tenants`, shared
 * by every instance, and re-checked after a while — sooner for individual tenants, since an
 * admin consenting is the change users wait for.
 */

/** Without these an app token is of no use to us; with them, tenant mode. */
export const TENANT_MODE_ROLES = ["User.Read.All", "Calendars.ReadWrite"] as const;

/**
 * AADSTS codes that mean "this app is not (yet) consented or provisioned in that tenant":
 * 65001 consent required, 700016 app not found in the directory, 7000229 no service principal,
 * 500011 resource principal not found in the tenant. Any other failure (a bad certificate, the
 * network) is not a statement about consent, so it is thrown rather than read as individual mode.
 */
const NOT_CONSENTED = new Set([65001, 700016, 7000229, 500011]);

export interface ModeTimings {
  /** Re-probe an individual tenant after this long. Default 1 hour. */
  individualMs: number;
  /** Re-probe a tenant-mode tenant after this long. Default 24 hours. */
  tenantMs: number;
}

export const DEFAULT_MODE_TIMINGS: ModeTimings = { individualMs: 60 * 60 * 1000, tenantMs: 24 * 60 * 60 * 1000 };

/**
 * How long this process trusts the tenant row it last read before reading it again. Every bot
 * turn asks for the mode (often twice); the row changes only when a probe or another instance's
 * invalidate() writes it, and this bounds how long another instance's change goes unseen.
 */
const ROW_MEMO_MS = 30_000;

/** An app token is used from memory until this close to its expiry, then msal is asked again. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export interface TenantModesDeps {
  store: Pick<Store, "tenants">;
  settings: MsalSettings;
  /** false for individual-only deployments (no certificate, or APP_MODE=individual). */
  tenantModeAllowed: boolean;
  now: () => Date;
  timings?: Partial<ModeTimings>;
}

export interface TenantModes {
  modeFor(tenantId: string): Promise<AuthorizationMode>;
  /** Forget the recorded mode (admin consent given or revoked, Graph answered 403): the next modeFor asks Entra. */
  invalidate(tenantId: string): Promise<void>;
  /** App-only Graph tokens for that tenant (msal caches and renews them). */
  appTokens(tenantId: string): AccessTokenProvider;
}

export function createTenantModes(deps: TenantModesDeps): TenantModes {
  const timings = { ...DEFAULT_MODE_TIMINGS, ...deps.timings };
  const clients = new Map<string, ConfidentialClientApplication>();
  const probing = new Map<string, Promise<AuthorizationMode>>();
  const rows = new Map<string, { row: Awaited<ReturnType<TenantModesDeps["store"]["tenants"]["get"]>>; readAt: number }>();
  // msal caches app tokens too, but its cache look-up costs more than the rest of a bot turn.
  const tokens = new Map<string, { accessToken: string; expiresAt: number }>();
  const providers = new Map<string, AccessTokenProvider>();

  const recordedMode = async (tenantId: string) => {
    const memo = rows.get(tenantId);
    const at = deps.now().getTime();
    if (memo && at - memo.readAt < ROW_MEMO_MS) return memo.row;
    const row = await deps.store.tenants.get(tenantId);
    rows.set(tenantId, { row, readAt: at });
    return row;
  };

  const clientFor = (tenantId: string): ConfidentialClientApplication => {
    let client = clients.get(tenantId);
    if (client === undefined) {
      client = createMsalClient(deps.settings, tenantId);
      clients.set(tenantId, client);
    }
    return client;
  };

  async function appToken(tenantId: string, fresh: boolean): Promise<string> {
    try {
      // skipCache for the probe: a token cached before consent changed would answer for the past.
      const held = tokens.get(tenantId);
      // Real time, not deps.now(): the expiry is Entra's, on the real clock (tests move deps.now).
      if (!fresh && held && held.expiresAt - Date.now() > TOKEN_MARGIN_MS) return held.accessToken;
      const result = await clientFor(tenantId).acquireTokenByClientCredential({ scopes: [GRAPH_APP_SCOPE], skipCache: fresh });
      if (!result?.accessToken) throw new TokenAcquisitionError("Entra ID returned no access token.");
      if (result.expiresOn) tokens.set(tenantId, { accessToken: result.accessToken, expiresAt: result.expiresOn.getTime() });
      return result.accessToken;
    } catch (error) {
      throw error instanceof TokenAcquisitionError ? error : toAcquisitionError(error);
    }
  }

  async function probe(tenantId: string): Promise<AuthorizationMode> {
    let mode: AuthorizationMode;
    try {
      const roles = new Set(appTokenRoles(await appToken(tenantId, true)));
      mode = TENANT_MODE_ROLES.every((r) => roles.has(r)) ? "tenant" : "individual";
    } catch (error) {
      const codes = error instanceof TokenAcquisitionError ? (error.details.errorCodes ?? []) : [];
      if (!codes.some((c) => NOT_CONSENTED.has(c))) throw error;
      mode = "individual";
    }
    const previous = await deps.store.tenants.get(tenantId);
    const grantedAt = mode === "tenant" ? (previous?.mode === "tenant" ? previous.adminConsentGrantedAt : null) ?? deps.now() : null;
    await deps.store.tenants.upsert({ tenantId, mode, adminConsentGrantedAt: grantedAt });
    rows.set(tenantId, { row: await deps.store.tenants.get(tenantId), readAt: deps.now().getTime() });
    return mode;
  }

  return {
    async modeFor(tenantId) {
      if (!deps.tenantModeAllowed) return "individual";
      const recorded = await recordedMode(tenantId);
      if (recorded !== undefined) {
        const age = deps.now().getTime() - recorded.updatedAt.getTime();
        if (age < (recorded.mode === "tenant" ? timings.tenantMs : timings.individualMs)) return recorded.mode;
      }
      // One probe per tenant at a time in this process; concurrent callers share its answer.
      let pending = probing.get(tenantId);
      if (pending === undefined) {
        pending = probe(tenantId).finally(() => probing.delete(tenantId));
        probing.set(tenantId, pending);
      }
      return pending;
    },

    async invalidate(tenantId) {
      // The row goes (the store cannot back-date updatedAt); the next probe records consent again.
      await deps.store.tenants.delete(tenantId);
      rows.delete(tenantId);
      // msal's cached app token may carry roles that no longer hold (or lack new ones).
      clients.delete(tenantId);
      tokens.delete(tenantId);
    },

    appTokens(tenantId) {
      // One provider per tenant, so a Graph client built on it can be kept too.
      let provider = providers.get(tenantId);
      if (!provider) {
        provider = { getAccessToken: () => appToken(tenantId, false) };
        providers.set(tenantId, provider);
      }
      return provider;
    },
  };
}
