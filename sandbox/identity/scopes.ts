import type { AppRegistry, RegisteredApp } from "./apps";
import { aad } from "./errors";
import { BOTFRAMEWORK_RESOURCE, GRAPH_APP_ID, GRAPH_RESOURCE, OIDC_SCOPES, canonicalDelegated } from "./permissions";

/**
 * Parsing of the v2 `scope` parameter: `User.Read offline_access`,
 * `https://graph.microsoft.com/.default`, `api://localhost/<id>/access_as_user` …
 * One request names one resource (Entra refuses two: AADSTS28000). Bare names mean Graph.
 */

export type Resource =
  | { kind: "graph"; audience: string }
  | { kind: "botframework"; audience: string }
  | { kind: "app"; audience: string; app: RegisteredApp; identifier: string };

export interface ParsedScope {
  resource: Resource;
  /** Canonical permission names on that resource (no OIDC scopes, no `.default`). */
  names: string[];
  isDefault: boolean;
  /** Requested OpenID Connect scopes (openid, profile, email, offline_access). */
  oidc: string[];
  /** The raw scope string, for error messages. */
  raw: string;
}

const GRAPH_IDENTIFIERS = new Set([GRAPH_RESOURCE, GRAPH_APP_ID, "https://graph.microsoft.com/", "graph.microsoft.com"]);

export const GRAPH: Resource = { kind: "graph", audience: GRAPH_RESOURCE };

function resolveResource(identifier: string, apps: AppRegistry, tenantName: string): Resource {
  const id = identifier.replace(/\/+$/, "");
  if (GRAPH_IDENTIFIERS.has(id.toLowerCase())) return GRAPH;
  if (id.toLowerCase() === BOTFRAMEWORK_RESOURCE) return { kind: "botframework", audience: BOTFRAMEWORK_RESOURCE };
  const app = apps.byAudience(id);
  // v2 tokens for an app's own API carry the client id as audience.
  if (app) return { kind: "app", audience: app.clientId, app, identifier: id };
  throw aad.unknownResource(identifier, tenantName);
}

function sameResource(a: Resource, b: Resource): boolean {
  return a.audience === b.audience;
}

export function parseScope(raw: string, apps: AppRegistry, tenantName: string): ParsedScope {
  const parts = raw.split(/\s+/).filter((s) => s.length > 0);
  if (parts.length === 0) throw aad.missingParameter("scope");
  const oidc: string[] = [];
  const names: string[] = [];
  let resource: Resource | undefined;
  let isDefault = false;
  for (const part of parts) {
    if (OIDC_SCOPES.has(part.toLowerCase())) {
      oidc.push(part.toLowerCase());
      continue;
    }
    const slash = part.lastIndexOf("/");
    const [res, name] = slash > 0 ? [resolveResource(part.slice(0, slash), apps, tenantName), part.slice(slash + 1)] : [GRAPH, part];
    if (resource && !sameResource(resource, res)) throw aad.multipleResources(raw);
    resource = res;
    if (name === ".default") {
      isDefault = true;
      continue;
    }
    names.push(canonicalName(res, name, raw));
  }
  return { resource: resource ?? GRAPH, names: [...new Set(names)], isDefault, oidc: [...new Set(oidc)], raw };
}

function canonicalName(resource: Resource, name: string, raw: string): string {
  if (resource.kind === "graph") {
    const c = canonicalDelegated(name);
    if (!c || OIDC_SCOPES.has(c)) throw aad.invalidScope(raw);
    return c;
  }
  if (resource.kind === "app") {
    const c = resource.app.exposedScopes.find((s) => s.toLowerCase() === name.toLowerCase());
    if (!c) throw aad.invalidScope(raw);
    return c;
  }
  // The Bot Framework resource has no delegated scopes: only `/.default` is meaningful.
  throw aad.invalidScope(raw);
}

/** How a granted scope is written in the token response's `scope` member. */
export function responseScope(resource: Resource, names: string[], oidc: string[]): string {
  const prefixed = resource.kind === "graph" ? names : names.map((n) => `${resource.kind === "app" ? resource.identifier : resource.audience}/${n}`);
  return [...prefixed, ...oidc].join(" ");
}
