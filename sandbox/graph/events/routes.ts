import { mailboxKey, mailboxOwner } from "../access";
import { jsonBody } from "../body";
import { GraphError, itemNotFound } from "../errors";
import type { GraphEnv } from "../env";
import { parseInstant } from "../odata/filter-eval";
import { contextSelection } from "../odata/select";
import { PERMISSIONS } from "../permissions";
import type { RouteTable } from "../route-table";
import type { GraphResult, RouteContext } from "../types";
import { parseEventInput } from "./model";
import { filterEvents, orderEvents, pageEvents, parseEventSelect, parseExpand, parsePrefer, preferenceHeaders, renderSelected } from "./query";
import type { EventView } from "./store";

/**
 * `/users/{id}/events`, `/me/events` (and the same under `/calendar/`): list, create, get,
 * update, delete, `/instances`, plus `/calendarView`.
 */
export function registerEvents(table: RouteTable, env: GraphEnv): void {
  const mailbox = mailboxKey(env);
  const roots = ["/users/:userId", "/me"];
  const collections = ["events", "calendar/events"];

  const ctxUrl = (c: RouteContext, ownerId: string, tail: string): string => `${c.req.origin}/v1.0/$metadata#users('${ownerId}')/${tail}`;

  const list = (c: RouteContext): GraphResult => {
    const owner = mailboxOwner(env, c, PERMISSIONS.eventsList);
    const prefs = parsePrefer(c.req);
    const selected = parseEventSelect(c.req);
    const extended = parseExpand(c.req);
    const views = orderEvents(c.req, filterEvents(c.req, env.events.list(owner.id)));
    const page = pageEvents(c.req, views);
    const body: Record<string, unknown> = { "@odata.context": ctxUrl(c, owner.id, `events${contextSelection(selected)}`) };
    if (page.count !== undefined) body["@odata.count"] = page.count;
    body["value"] = page.value.map((v) => renderSelected(v, selected, { zone: prefs.zone, textBody: prefs.textBody, extended }));
    if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
    return { status: 200, body, headers: preferenceHeaders(prefs) };
  };

  const single = (c: RouteContext, v: EventView, ownerId: string, status = 200, extraHeaders: Record<string, string> = {}): GraphResult => {
    const prefs = parsePrefer(c.req);
    const selected = parseEventSelect(c.req);
    const extended = parseExpand(c.req);
    return {
      status,
      headers: { ...preferenceHeaders(prefs), ...extraHeaders },
      body: { "@odata.context": ctxUrl(c, ownerId, `events${contextSelection(selected)}/$entity`), ...renderSelected(v, selected, { zone: prefs.zone, textBody: prefs.textBody, extended }) },
    };
  };

  const create = (c: RouteContext): GraphResult => {
    const owner = mailboxOwner(env, c, PERMISSIONS.eventWrite, "Create");
    const input = parseEventInput(jsonBody(c.req), false);
    // A retried POST with the same transactionId returns the event the first one created.
    const existing = input.transactionId ? env.events.findByTransactionId(owner.id, input.transactionId) : undefined;
    const view =
      existing ??
      env.events.create(owner.id, { name: owner.displayName, address: owner.mail ?? owner.userPrincipalName }, owner.timeZone, input);
    const location = `${c.req.origin}/v1.0/Users('${owner.id}')/Events('${encodeURIComponent(view.id)}')`;
    return single(c, view, owner.id, 201, { location });
  };

  const get = (c: RouteContext): GraphResult => {
    const owner = mailboxOwner(env, c, PERMISSIONS.eventRead);
    const view = env.events.view(owner.id, c.params["eventId"]!);
    if (!view) throw itemNotFound();
    return single(c, view, owner.id);
  };

  const checkIfMatch = (c: RouteContext, view: EventView): void => {
    const want = c.req.headers["if-match"];
    if (!want || want.trim() === "*") return;
    if (want.trim() !== `W/"${view.changeKey}"` && want.trim() !== view.changeKey) {
      throw new GraphError(412, "ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
    }
  };

  const update = (c: RouteContext): GraphResult => {
    const owner = mailboxOwner(env, c, PERMISSIONS.eventWrite, "Update");
    const current = env.events.view(owner.id, c.params["eventId"]!);
    if (!current) throw itemNotFound();
    checkIfMatch(c, current);
    const input = parseEventInput(jsonBody(c.req), true, current.data.startZone);
    const view = env.events.update(owner.id, current.id, input);
    return single(c, view, owner.id);
  };

  const remove = (c: RouteContext): GraphResult => {
    const owner = mailboxOwner(env, c, PERMISSIONS.eventWrite, "Delete");
    const current = env.events.view(owner.id, c.params["eventId"]!);
    if (!current) throw itemNotFound();
    checkIfMatch(c, current);
    env.events.remove(owner.id, current.id);
    return { status: 204 };
  };

  const window = (c: RouteContext): { from: number; to: number } => {
    const start = c.req.query.get("startDateTime") ?? c.req.query.get("startdatetime");
    const end = c.req.query.get("endDateTime") ?? c.req.query.get("enddatetime");
    if (!start || !end) {
      throw new GraphError(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
    }
    const from = parseInstant(start);
    const to = parseInstant(end);
    if (from === undefined || to === undefined) throw new GraphError(400, "ErrorInvalidParameter", "The value of the StartDateTime or EndDateTime parameter isn't a valid date and time.");
    if (to < from) throw new GraphError(400, "ErrorInvalidParameter", "The EndDateTime parameter must be later than StartDateTime.");
    return { from, to };
  };

  const instances = (c: RouteContext): GraphResult => {
    const owner = mailboxOwner(env, c, PERMISSIONS.eventRead);
    const { from, to } = window(c);
    const master = env.events.view(owner.id, c.params["eventId"]!);
    if (!master) throw itemNotFound();
    const prefs = parsePrefer(c.req);
    const selected = parseEventSelect(c.req);
    const extended = parseExpand(c.req);
    const views = orderEvents(c.req, filterEvents(c.req, master.type === "seriesMaster" ? env.events.instances(owner.id, master.id, from, to) : []));
    const page = pageEvents(c.req, views);
    const body: Record<string, unknown> = { "@odata.context": ctxUrl(c, owner.id, `events('${master.id}')/instances${contextSelection(selected)}`) };
    body["value"] = page.value.map((v) => renderSelected(v, selected, { zone: prefs.zone, textBody: prefs.textBody, extended }));
    if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
    return { status: 200, body, headers: preferenceHeaders(prefs) };
  };

  const calendarView = (c: RouteContext): GraphResult => {
    const owner = mailboxOwner(env, c, PERMISSIONS.eventsList);
    const { from, to } = window(c);
    const prefs = parsePrefer(c.req);
    const selected = parseEventSelect(c.req);
    const extended = parseExpand(c.req);
    const views = orderEvents(c.req, filterEvents(c.req, env.events.calendarView(owner.id, from, to)));
    const page = pageEvents(c.req, views);
    const body: Record<string, unknown> = { "@odata.context": ctxUrl(c, owner.id, `calendarView${contextSelection(selected)}`) };
    body["value"] = page.value.map((v) => renderSelected(v, selected, { zone: prefs.zone, textBody: prefs.textBody, extended }));
    if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
    return { status: 200, body, headers: preferenceHeaders(prefs) };
  };

  for (const root of roots) {
    for (const col of collections) {
      table.add("GET", `${root}/${col}`, list, mailbox);
      table.add("POST", `${root}/${col}`, create, mailbox);
      table.add("GET", `${root}/${col}/:eventId`, get, mailbox);
      table.add("PATCH", `${root}/${col}/:eventId`, update, mailbox);
      table.add("DELETE", `${root}/${col}/:eventId`, remove, mailbox);
      table.add("GET", `${root}/${col}/:eventId/instances`, instances, mailbox);
    }
    table.add("GET", `${root}/calendarView`, calendarView, mailbox);
    table.add("GET", `${root}/calendar/calendarView`, calendarView, mailbox);
  }
}
