import type { RegisteredApp } from "./apps";
import type { IdentityContext } from "./context";
import { aad } from "./errors";
import { GRAPH_DELEGATED } from "./permissions";
import type { ParsedScope } from "./scopes";

/**
 * Which delegated scopes a user actually gets for a request, from the consent on record
 * (the user's own grant ∪ an admin's tenant-wide grant):
 * - Graph scopes named explicitly must all be consented, else AADSTS65001 (consent_required);
 * - Graph `/.default` means every Graph scope consented for this app (none → AADSTS65001);
 * - scopes of an app's own API (e.g. `access_as_user`) are treated as pre-authorised;
 * - OpenID Connect scopes that were never consented are dropped rather than failing the request
 *   (so no refresh token without consented `offline_access`).
 */
export interface Granted {
  names: string[];
  oidc: string[];
}

export function grantedScopes(ctx: IdentityContext, userId: string, app: RegisteredApp, scope: ParsedScope): Granted {
  const consented = ctx.state.consentedScopes(userId, app.clientId);
  const oidc = scope.oidc.filter((s) => consented.has(s));
  const { resource } = scope;
  if (resource.kind === "app") {
    return { names: scope.isDefault ? [...resource.app.exposedScopes] : scope.names, oidc };
  }
  if (resource.kind !== "graph") throw aad.invalidScope(scope.raw);
  if (scope.isDefault) {
    const names = [...consented].filter((s) => s in GRAPH_DELEGATED);
    if (names.length === 0) throw aad.consentRequired(app.clientId, app.displayName);
    return { names: [...new Set([...names, ...scope.names])].sort(), oidc };
  }
  if (!scope.names.every((n) => consented.has(n))) throw aad.consentRequired(app.clientId, app.displayName);
  return { names: scope.names, oidc };
}

/** Scopes a request would need consent for (the authorize page's question). */
export function missingConsent(ctx: IdentityContext, userId: string, app: RegisteredApp, scope: ParsedScope): string[] {
  const consented = ctx.state.consentedScopes(userId, app.clientId);
  return requestedForConsent(app, scope).filter((s) => !consented.has(s));
}

/** Everything the consent page lists: explicit scopes, or the app's configured ones for `/.default`. */
export function requestedForConsent(app: RegisteredApp, scope: ParsedScope): string[] {
  if (scope.resource.kind !== "graph") return [...scope.oidc];
  const names = scope.isDefault ? app.delegatedPermissions : scope.names;
  return [...new Set([...scope.oidc, ...names])];
}

export function needsAdmin(scopes: string[]): string[] {
  return scopes.filter((s) => GRAPH_DELEGATED[s]?.adminConsentRequired === true);
}
