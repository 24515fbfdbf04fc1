import { userJson } from "./directory";
import { GraphError } from "./errors";
import type { GraphEnv } from "./env";
import { nextLink, parseTop } from "./odata/paging";
import { contextSelection, project } from "./odata/select";
import { PERMISSIONS, requirePermission } from "./permissions";
import type { RouteTable } from "./route-table";
import type { GraphRequest, RouteContext } from "./types";

/**
 * `GET /users/delta` (https://learn.microsoft.com/graph/api/user-delta), as a client sees it:
 * - the first round lists every user (with `$select` honoured) over `@odata.nextLink` pages and
 *   ends with an `@odata.deltaLink`; the links carry only an opaque `$skiptoken`/`$deltatoken`,
 *   the first request's query options are remembered server-side;
 * - a deltaLink round returns the users created or changed since that link was issued, and
 *   `{ id, "@removed": { reason: "deleted" } }` for users that are gone;
 * - `$deltatoken=latest` starts from now: no users, just a deltaLink;
 * - a token the service no longer holds answers 400 `syncStateNotFound` (Graph's answer once a
 *   directory delta link is older than seven days): the client must synchronise again.
 *
 * Changes are found by comparing snapshots of the tenant, so every way the sandbox changes a
 * user (control API, a test editing the tenant, reset) shows up in the next round.
 */

interface SyncState {
  /** Each user's selected view at the moment the link was issued, by id: only those properties are tracked. */
  snapshot: Map<string, string>;
  selected: string[] | undefined;
  /** The first request's `$top`, kept for every page of every later round. */
  top: number;
}

interface PagedRound {
  items: Record<string, unknown>[];
  next: SyncState;
  selected: string[] | undefined;
  top: number;
}

/** How many unfinished rounds and delta links the emulator remembers; older ones are "expired". */
const MAX_TOKENS = 200;

const expired = (): GraphError =>
  new GraphError(400, "syncStateNotFound", "The sync state generation is not found. The delta token is expired and data must be synchronized again.");

export function registerUsersDelta(table: RouteTable, env: GraphEnv, selectUsers: (req: GraphRequest) => string[] | undefined): void {
  const deltaTokens = new Map<string, SyncState>();
  const rounds = new Map<string, PagedRound>();
  let issued = 0;

  const remember = <T>(map: Map<string, T>, value: T): string => {
    const token = `${(++issued).toString(36)}${Buffer.from(`${env.tenant.id}:${Date.now()}:${issued}`).toString("base64url")}`;
    map.set(token, value);
    if (map.size > MAX_TOKENS) map.delete(map.keys().next().value as string);
    return token;
  };

  // A change to a property outside $select is not a change to this sync (as Graph documents).
  const snapshotNow = (selected: string[] | undefined): Map<string, { json: Record<string, unknown>; text: string }> => {
    const out = new Map<string, { json: Record<string, unknown>; text: string }>();
    for (const u of env.tenant.users) {
      const json = view(userJson(u, env.tenant), selected);
      out.set(u.id, { json, text: JSON.stringify(json) });
    }
    return out;
  };

  const stateOf = (now: Map<string, { text: string }>, selected: string[] | undefined, top: number): SyncState => ({
    snapshot: new Map([...now].map(([id, v]) => [id, v.text])),
    selected,
    top,
  });

  const handler = ({ req, principal }: RouteContext) => {
    requirePermission(principal, PERMISSIONS.usersDelta);
    const skipToken = req.query.get("$skiptoken");
    const deltaToken = req.query.get("$deltatoken");
    let round: PagedRound;
    let offset = 0;
    if (skipToken !== null) {
      const found = rounds.get(skipToken.split(".")[0] ?? "");
      offset = Number(skipToken.split(".")[1] ?? "0");
      if (!found || !Number.isInteger(offset) || offset < 0) throw expired();
      round = found;
    } else if (deltaToken !== null) {
      if (deltaToken === "latest") {
        const selected = selectUsers(req);
        const top = topOf(req);
        round = { items: [], next: stateOf(snapshotNow(selected), selected, top), selected, top };
      } else {
        const previous = deltaTokens.get(deltaToken);
        if (!previous) throw expired();
        const now = snapshotNow(previous.selected);
        const items: Record<string, unknown>[] = [];
        for (const [id, current] of now) {
          if (previous.snapshot.get(id) !== current.text) items.push(current.json);
        }
        for (const id of previous.snapshot.keys()) if (!now.has(id)) items.push({ id, "@removed": { reason: "deleted" } });
        round = { items, next: stateOf(now, previous.selected, previous.top), selected: previous.selected, top: previous.top };
      }
    } else {
      // The first round: every user as of now; the query options hold for the whole sync.
      const selected = selectUsers(req);
      const top = topOf(req);
      const now = snapshotNow(selected);
      round = { items: [...now.values()].map((v) => v.json), next: stateOf(now, selected, top), selected, top };
    }

    const page = round.items.slice(offset, offset + round.top);
    const body: Record<string, unknown> = { "@odata.context": `${req.origin}/v1.0/$metadata#users${contextSelection(round.selected)}` };
    if (offset + round.top < round.items.length) {
      const token = skipToken?.split(".")[0] ?? remember(rounds, round);
      body["@odata.nextLink"] = nextLink(req, { $skiptoken: `${token}.${offset + round.top}` }, ["$select", "$top", "$deltatoken"]);
    } else {
      body["@odata.deltaLink"] = nextLink(req, { $deltatoken: remember(deltaTokens, round.next) }, ["$select", "$top", "$skiptoken"]);
    }
    body["value"] = page;
    return { status: 200, body };
  };

  // Registered before /users/{id}, which would otherwise take "delta" for an id.
  table.add("GET", "/users/delta", handler);
  table.add("GET", "/users/microsoft.graph.delta", handler);
}

function topOf(req: GraphRequest): number {
  return parseTop(req.query.get("$top"), 100, 999, (message) => new GraphError(400, "Request_BadRequest", message));
}

function view(full: Record<string, unknown>, selected: string[] | undefined): Record<string, unknown> {
  return project(full, selected); // keeps the id, selected or not, as Graph does
}
