import { GraphError } from "../errors";
import { FilterSyntaxError, parseFilter, walkFilter, type FilterExpr } from "../odata/filter-parser";
import { getPath, matchesFilter } from "../odata/filter-eval";
import { nextLink } from "../odata/paging";
import { parseSelect, project } from "../odata/select";
import type { GraphRequest } from "../types";
import type { ExtendedProperty } from "./model";
import { EVENT_PROPERTIES, filterView, renderEvent, type RenderOptions } from "./shape";
import type { EventView } from "./store";
import { resolveZone } from "./timezones";

/**
 * Query options on Outlook event collections: `$select`, `$filter`, `$orderby`, `$expand` of
 * extended properties, `$top`/`$skip` paging (Outlook pages with `$skip`, default page size 10),
 * and the `Prefer` header (`outlook.timezone`, `outlook.body-content-type`).
 */

const parseUri = (message: string): GraphError => new GraphError(400, "RequestBroker--ParseUri", message);
const noProperty = (name: string): GraphError => parseUri(`Could not find a property named '${name}' on type 'Microsoft.OutlookServices.Event'.`);

export interface Preferences {
  zone?: string;
  textBody?: boolean;
  /** Value for the Preference-Applied header, when something was applied. */
  applied?: string;
}

export function parsePrefer(req: GraphRequest): Preferences {
  const header = req.headers["prefer"];
  if (!header) return {};
  const prefs: Preferences = {};
  const applied: string[] = [];
  for (const part of header.split(",")) {
    const m = /^\s*([\w.-]+)\s*=\s*"?([^"]*)"?\s*$/.exec(part);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    if (key === "outlook.timezone" && resolveZone(m[2]!)) {
      prefs.zone = m[2]!;
      applied.push(`outlook.timezone="${m[2]}"`);
    } else if (key === "outlook.body-content-type" && ["text", "html"].includes(m[2]!.toLowerCase())) {
      prefs.textBody = m[2]!.toLowerCase() === "text";
      applied.push(`outlook.body-content-type="${m[2]!.toLowerCase()}"`);
    }
  }
  if (applied.length > 0) prefs.applied = applied.join(", ");
  return prefs;
}

export function preferenceHeaders(prefs: Preferences): Record<string, string> {
  return prefs.applied ? { "preference-applied": prefs.applied } : {};
}

function parseFilterOrThrow(raw: string): FilterExpr {
  try {
    return parseFilter(raw);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new GraphError(400, "BadRequest", `Invalid filter clause: ${error.message}`);
    throw error;
  }
}

/** Rejects paths the event type does not have (lambda variables resolve inside their element). */
function checkEventFilter(expr: FilterExpr, sample: Record<string, unknown>): void {
  const known = (path: string[]): boolean => getPath(sample, path) !== undefined;
  walkFilter(expr, (node, vars) => {
    const operands = node.kind === "cmp" ? [node.left, node.right] : node.kind === "call" ? node.args : node.kind === "in" ? [node.left] : [];
    for (const op of operands) {
      if (op.kind !== "prop" || vars.includes(op.path[0]!)) continue;
      if (!known(op.path)) throw noProperty(op.path.join("/"));
    }
    if (node.kind === "lambda" && !vars.includes(node.path[0]!) && !Array.isArray(getPath(sample, node.path))) throw noProperty(node.path.join("/"));
  });
}

const SAMPLE_VIEW: Record<string, unknown> = {
  id: "", subject: "", type: "", transactionId: "", seriesMasterId: "", isAllDay: false, isCancelled: false, isOrganizer: true, showAs: "", importance: "", sensitivity: "", categories: [], iCalUId: "",
  createdDateTime: new Date(0), lastModifiedDateTime: new Date(0), start: { dateTime: new Date(0), timeZone: "" }, end: { dateTime: new Date(0), timeZone: "" },
  location: { displayName: "" }, organizer: { emailAddress: { name: "", address: "" } }, attendees: [], singleValueExtendedProperties: [],
};

export function filterEvents(req: GraphRequest, views: EventView[]): EventView[] {
  const raw = req.query.get("$filter");
  if (raw === null) return views;
  const expr = parseFilterOrThrow(raw);
  checkEventFilter(expr, SAMPLE_VIEW);
  return views.filter((v) => matchesFilter(expr, filterView(v)));
}

export function orderEvents(req: GraphRequest, views: EventView[]): EventView[] {
  const raw = req.query.get("$orderby");
  if (raw === null) return views;
  const keys = raw.split(",").map((part) => {
    const m = /^\s*([\w/]+)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw parseUri(`Invalid $orderby clause '${part}'.`);
    const path = m[1]!.split("/");
    if (getPath(SAMPLE_VIEW, path) === undefined || Array.isArray(getPath(SAMPLE_VIEW, path))) throw noProperty(m[1]!);
    return { path, dir: (m[2] ?? "asc").toLowerCase() === "desc" ? -1 : 1 };
  });
  const key = (v: unknown): number | string => (v instanceof Date ? v.getTime() : typeof v === "string" ? v.toLowerCase() : typeof v === "boolean" ? Number(v) : "");
  return [...views].sort((a, b) => {
    const fa = filterView(a);
    const fb = filterView(b);
    for (const k of keys) {
      const x = key(getPath(fa, k.path));
      const y = key(getPath(fb, k.path));
      if (x < y) return -k.dir;
      if (x > y) return k.dir;
    }
    return 0;
  });
}

/** `$expand=singleValueExtendedProperties($filter=id eq '…')` → which properties to include. */
export function parseExpand(req: GraphRequest): RenderOptions["extended"] {
  const raw = req.query.get("$expand");
  if (raw === null) return undefined;
  const m = /^\s*singleValueExtendedProperties\s*(?:\(\s*\$filter\s*=\s*(.+)\)\s*)?$/i.exec(raw);
  if (!m) throw noProperty(raw.split("(")[0]!.trim());
  if (!m[1]) return () => true;
  const expr = parseFilterOrThrow(m[1]);
  walkFilter(expr, (node) => {
    if (node.kind === "cmp" && !(node.left.kind === "prop" && node.left.path.join("/").toLowerCase() === "id")) {
      throw new GraphError(400, "ErrorInvalidUrlQueryFilter", "Only 'id eq' filters are supported on expanded extended properties.");
    }
  });
  return (p: ExtendedProperty) => matchesFilter(expr, p);
}

export function parseEventSelect(req: GraphRequest): string[] | undefined {
  return parseSelect(req.query.get("$select"), EVENT_PROPERTIES, noProperty);
}

export function renderSelected(v: EventView, selected: string[] | undefined, options: RenderOptions): Record<string, unknown> {
  const full = renderEvent(v, options);
  const extra = options.extended ? ["singleValueExtendedProperties"] : [];
  return selected ? project(full, [...selected, ...extra], ["@odata.etag", "id"]) : full;
}

export interface EventPage {
  value: EventView[];
  nextLink?: string;
  count?: number;
}

export function pageEvents(req: GraphRequest, views: EventView[], defaultTop = 10): EventPage {
  const topRaw = req.query.get("$top");
  const skipRaw = req.query.get("$skip");
  if (topRaw !== null && !/^\d+$/.test(topRaw)) throw new GraphError(400, "ErrorInvalidUrlQuery", `The value '${topRaw}' of the query parameter '$top' is invalid.`);
  if (skipRaw !== null && !/^\d+$/.test(skipRaw)) throw new GraphError(400, "ErrorInvalidUrlQuery", `The value '${skipRaw}' of the query parameter '$skip' is invalid.`);
  // Outlook serves at most 1000 items per page; a larger $top is capped, not refused.
  const top = Math.min(topRaw === null ? defaultTop : Math.max(Number(topRaw), 1), 1000);
  const skip = skipRaw === null ? 0 : Number(skipRaw);
  const page: EventPage = { value: views.slice(skip, skip + top) };
  if (skip + top < views.length) page.nextLink = nextLink(req, { $top: String(top), $skip: String(skip + top) });
  if ((req.query.get("$count") ?? "").toLowerCase() === "true") page.count = views.length;
  return page;
}
