import { GraphError } from "../errors";
import type { GraphRequest } from "../types";
import { FilterSyntaxError, parseFilter, walkFilter, type FilterExpr, type Operand } from "./filter-parser";
import { matchesFilter } from "./filter-eval";
import { decodeSkipToken, encodeSkipToken, nextLink, parseTop } from "./paging";

/**
 * `$filter`, `$search`, `$orderby`, `$count`, `$top` and `$skiptoken` the way the directory
 * (Entra ID) endpoints treat them. The directory distinguishes "default" queries from "advanced"
 * ones: `ne`, `not`, `endswith`, and `$search`/`$count` need `ConsistencyLevel: eventual`
 * (advanced filter operators additionally need `$count=true`).
 */
export interface DirectoryRules {
  resource: "User" | "Group" | "DirectoryObject";
  /** Lower-case property → kind. Collections are only reachable through any()/all(). */
  filterable: Record<string, "string" | "bool" | "collection">;
  searchable: string[];
  orderable: string[];
}

export interface DirectoryPage {
  value: Record<string, unknown>[];
  count?: number;
  nextLink?: string;
}

const unsupported = (property: string, resource: string): GraphError =>
  new GraphError(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`);

export function isEventual(req: GraphRequest): boolean {
  return (req.headers["consistencylevel"] ?? "").trim().toLowerCase() === "eventual";
}

function wantsCount(req: GraphRequest): boolean {
  const raw = req.query.get("$count");
  if (raw === null) return false;
  if (raw.toLowerCase() === "true") return true;
  if (raw.toLowerCase() === "false") return false;
  throw new GraphError(400, "Request_BadRequest", `Invalid value '${raw}' for $count query option.`);
}

function checkFilter(expr: FilterExpr, rules: DirectoryRules, advanced: boolean): void {
  const propName = (op: Operand, vars: string[]): string | undefined => {
    if (op.kind !== "prop") return undefined;
    if (vars.includes(op.path[0]!) && op.path.length === 1) return "$var";
    return op.path.join("/");
  };
  const requireScalar = (op: Operand, vars: string[]): string => {
    const name = propName(op, vars);
    if (name === undefined) throw new GraphError(400, "BadRequest", "Invalid filter clause: the left operand must be a property.");
    if (name === "$var") return name;
    const kind = rules.filterable[name.toLowerCase()];
    if (!kind || kind === "collection") throw unsupported(name, rules.resource);
    return name;
  };
  walkFilter(expr, (node, vars) => {
    switch (node.kind) {
      case "not":
        if (!advanced) throw unsupported("not", rules.resource);
        return;
      case "cmp": {
        const name = requireScalar(node.left, vars);
        if (node.right.kind !== "lit") throw new GraphError(400, "BadRequest", "Invalid filter clause: comparisons take a literal on the right.");
        if (node.op !== "eq" && !advanced) throw unsupported(name, rules.resource);
        return;
      }
      case "in":
        requireScalar(node.left, vars);
        return;
      case "call": {
        const [target, value] = node.args;
        if (!target || !value || node.args.length !== 2 || value.kind !== "lit" || typeof value.value !== "string") {
          throw new GraphError(400, "BadRequest", `Invalid filter clause: ${node.name} takes a property and a string.`);
        }
        const name = requireScalar(target, vars);
        if (node.name === "startswith") return;
        if (node.name === "endswith" && advanced) return;
        throw unsupported(name, rules.resource);
      }
      case "lambda": {
        const name = node.path.join("/");
        if (rules.filterable[name.toLowerCase()] !== "collection") throw unsupported(name, rules.resource);
        return;
      }
      case "bool":
        throw new GraphError(400, "BadRequest", "Invalid filter clause");
      default:
        return;
    }
  });
}

/** `"displayName:ann" OR "mail:ann"` — clauses must be quoted and name a property. */
function parseSearch(raw: string, rules: DirectoryRules): (item: Record<string, unknown>) => boolean {
  const clause = /^\s*"([^":]+):([^"]*)"\s*/;
  let rest = raw;
  const terms: { prop: string; term: string }[] = [];
  const joins: ("AND" | "OR")[] = [];
  for (;;) {
    const m = clause.exec(rest);
    if (!m) throw new GraphError(400, "Request_UnsupportedQuery", `Syntax error: $search clause '${raw}' must look like "property:value".`);
    const prop = m[1]!.trim();
    const canonical = rules.searchable.find((s) => s.toLowerCase() === prop.toLowerCase());
    if (!canonical) throw new GraphError(400, "Request_UnsupportedQuery", `Unsupported property '${prop}' for $search on resource '${rules.resource}'.`);
    terms.push({ prop: canonical, term: m[2]!.trim().toLowerCase() });
    rest = rest.slice(m[0].length);
    if (rest.trim() === "") break;
    const join = /^(AND|OR)\s+/.exec(rest);
    if (!join) throw new GraphError(400, "Request_UnsupportedQuery", `Syntax error in $search '${raw}'.`);
    joins.push(join[1] as "AND" | "OR");
    rest = rest.slice(join[0].length);
  }
  const hit = (item: Record<string, unknown>, t: { prop: string; term: string }): boolean => {
    const v = item[t.prop];
    const values = Array.isArray(v) ? v : [v];
    return values.some((value) => {
      if (typeof value !== "string") return false;
      // Tokenised prefix match, as the directory's search index does ("ann" finds "Anna Berg").
      const tokens = searchTokens(value);
      return t.term.split(/\s+/).filter(Boolean).every((w) => tokens.some((tok) => tok.startsWith(w)) || value.toLowerCase().startsWith(w));
    });
  };
  return (item) => {
    let result = hit(item, terms[0]!);
    for (let i = 1; i < terms.length; i++) {
      const r = hit(item, terms[i]!);
      result = joins[i - 1] === "AND" ? result && r : result || r;
    }
    return result;
  };
}

export function runDirectoryQuery(req: GraphRequest, items: Record<string, unknown>[], rules: DirectoryRules): DirectoryPage {
  const eventual = isEventual(req);
  const count = wantsCount(req);
  if (count && !eventual) throw new GraphError(400, "Request_BadRequest", "$count is not currently supported.");
  let out = items;

  const search = req.query.get("$search");
  if (search !== null) {
    if (!eventual) {
      throw new GraphError(400, "Request_UnsupportedQuery", "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    }
    out = out.filter(parseSearch(search, rules));
  }

  const filterRaw = req.query.get("$filter");
  if (filterRaw !== null) {
    let expr: FilterExpr;
    try {
      expr = parseFilter(filterRaw);
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw new GraphError(400, "BadRequest", `Invalid filter clause: ${error.message}`);
      throw error;
    }
    checkFilter(expr, rules, eventual && count);
    out = out.filter((item) => matchesFilter(expr, item));
  }

  const orderRaw = req.query.get("$orderby");
  if (orderRaw !== null) {
    const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(orderRaw);
    const prop = m && rules.orderable.find((o) => o.toLowerCase() === m[1]!.toLowerCase());
    if (!m || !prop) throw new GraphError(400, "Request_UnsupportedQuery", `Order by '${orderRaw}' is not supported.`);
    // Sorting a filtered result is an advanced query.
    if (filterRaw !== null && !(eventual && count)) throw new GraphError(400, "Request_UnsupportedQuery", "Sorting not supported for current query.");
    const dir = (m[2] ?? "asc").toLowerCase() === "desc" ? -1 : 1;
    out = [...out].sort((a, b) => dir * String(a[prop] ?? "").localeCompare(String(b[prop] ?? ""), "en", { sensitivity: "base" }));
  }

  const top = parseTop(req.query.get("$top"), 100, 999, (message) => new GraphError(400, "Request_BadRequest", message));
  const offset = decodeSkipToken(req.query.get("$skiptoken"));
  const page = out.slice(offset, offset + top);
  const result: DirectoryPage = { value: page };
  if (count) result.count = out.length;
  if (offset + top < out.length) result.nextLink = nextLink(req, { $skiptoken: encodeSkipToken(offset + top) });
  return result;
}

/**
 * How the directory's search index splits a value: at spaces and address punctuation, and also
 * where the case changes — "SfBMailUser" is found by "mail" and "user", "Ronan McDonald" by
 * "donald". Each separated part also stays whole ("sfbm" still finds "SfBMailUser").
 */
export function searchTokens(value: string): string[] {
  const tokens: string[] = [];
  for (const part of value.split(/[\s@._\-:]+/)) {
    if (part === "") continue;
    tokens.push(part.toLowerCase());
    const pieces = part.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u);
    if (pieces.length > 1) for (const piece of pieces) tokens.push(piece.toLowerCase());
  }
  return tokens;
}
