import { sendJson, type Handler } from "../../common/http";
import { nextLink, parsePaging, responseZone, type WebexContext } from "../context";
import { MESSAGES, sendWebexError } from "../errors";
import { DAY_MS, parseIsoDateTime } from "../time";
import { authenticate } from "../tokens";
import { canAccess, READ_SCOPES, resolveHost, sendMeetingNotFound } from "./access";
import { currentOccurrence, occurrencesBetween, type MeetingRecord, type Occurrence } from "./model";
import { renderOccurrence, renderSeries, type RenderView } from "./render";

/**
 * GET /v1/meetings/{id} and GET /v1/meetings (developer.webex.com "Get a Meeting",
 * "List Meetings"): a series id returns the series (or, with `current=true`, its current
 * occurrence); an occurrence id returns that scheduled meeting. Lists default to series;
 * `meetingType=scheduledMeeting` expands occurrences; the missing end of `from`/`to` lies
 * 7 days from the other (from now when both are missing); `max` ≤ 100, default 10, with
 * `Link: <…>; rel="next"` paging.
 */

export function getMeeting(ctx: WebexContext): Handler {
  return (req, res) => {
    const grant = authenticate(ctx.tokens, req, res, READ_SCOPES);
    if (!grant) return;
    const hostEmail = req.query.get("hostEmail") ?? undefined;
    const host = resolveHost(ctx, grant, hostEmail, "read", res);
    if (!host) return;
    const found = ctx.meetings.resolve(req.params.meetingId ?? "");
    if (!found || !canAccess(grant, found.series, "read") || (hostEmail !== undefined && found.series.host.id !== host.id)) return sendMeetingNotFound(res);
    const view: RenderView = { clientId: grant.clientId, responseZone: responseZone(req), nowMs: ctx.now(), siteUrl: ctx.siteUrl };
    if (found.occurrence) return sendJson(res, 200, renderOccurrence(found.series, found.occurrence, view));
    if (req.query.get("current") === "true") {
      const current = currentOccurrence(found.series, view.nowMs);
      if (current) return sendJson(res, 200, renderOccurrence(found.series, current, view));
    }
    sendJson(res, 200, renderSeries(found.series, view));
  };
}

type MeetingType = "meetingSeries" | "scheduledMeeting" | "meeting";
const TYPES: MeetingType[] = ["meetingSeries", "scheduledMeeting", "meeting"];

export function listMeetings(ctx: WebexContext): Handler {
  return (req, res) => {
    const grant = authenticate(ctx.tokens, req, res, READ_SCOPES);
    if (!grant) return;
    const host = resolveHost(ctx, grant, req.query.get("hostEmail") ?? undefined, "read", res);
    if (!host) return;
    const paging = parsePaging(req, 10, 100);
    if (!paging) return sendWebexError(res, 400, MESSAGES.invalidItems, ["max: must be an integer from 1 to 100."]);
    const view: RenderView = { clientId: grant.clientId, responseZone: responseZone(req), nowMs: ctx.now(), siteUrl: ctx.siteUrl };

    // meetingNumber names one meeting and overrides the other filters.
    const meetingNumber = req.query.get("meetingNumber");
    if (meetingNumber !== null) {
      const m = ctx.meetings.byNumber(meetingNumber);
      const items = m && m.host.id === host.id ? [renderSeries(m, view, true)] : [];
      return sendJson(res, 200, { items });
    }

    const seriesId = req.query.get("meetingSeriesId");
    const rawType = req.query.get("meetingType") ?? (seriesId !== null ? "scheduledMeeting" : "meetingSeries");
    if (!TYPES.includes(rawType as MeetingType)) return sendWebexError(res, 400, MESSAGES.invalidItems, [`meetingType: "${rawType}" is not one of ${TYPES.join(", ")}.`]);
    const type = rawType as MeetingType;
    const range = parseRange(req.query.get("from"), req.query.get("to"), type, view.nowMs);
    if ("error" in range) return sendWebexError(res, 400, MESSAGES.invalidItems, [range.error]);

    const tag = req.query.get("integrationTag");
    const state = req.query.get("state");
    const candidates = ctx.meetings
      .all()
      .filter((m) => m.host.id === host.id)
      .filter((m) => seriesId === null || m.id === seriesId)
      // An integration tag is only usable by the client that created it.
      .filter((m) => tag === null || (m.createdByClientId === grant.clientId && m.integrationTags.includes(tag)));

    let items: Record<string, unknown>[] = [];
    if (type === "meetingSeries") {
      const hits: [MeetingRecord, number][] = [];
      for (const m of candidates) {
        const first = occurrencesBetween(m, range.from, range.to)[0];
        if (first) hits.push([m, first.startMs]);
      }
      items = hits.sort((a, b) => a[1] - b[1]).map(([m]) => renderSeries(m, view, true));
    } else if (type === "scheduledMeeting") {
      const occ: [MeetingRecord, Occurrence][] = [];
      for (const m of candidates) for (const o of occurrencesBetween(m, range.from, range.to)) occ.push([m, o]);
      items = occ.sort((a, b) => a[1].startMs - b[1].startMs).map(([m, o]) => renderOccurrence(m, o, view));
    }
    // type "meeting" lists ended/in-progress instances: the sandbox never runs meetings.
    if (state !== null) items = items.filter((i) => i.state === state);

    const page = items.slice(paging.offset, paging.offset + paging.max);
    sendJson(res, 200, { items: page }, nextLink(ctx, req, paging.offset, paging.max, items.length));
  };
}

function parseRange(fromText: string | null, toText: string | null, type: MeetingType, nowMs: number): { from: number; to: number } | { error: string } {
  const parse = (t: string | null): number | undefined | null => (t === null ? null : parseIsoDateTime(t, "UTC", true));
  const from = parse(fromText);
  const to = parse(toText);
  if (from === undefined) return { error: `from: "${fromText}" is not a valid ISO 8601 date and time.` };
  if (to === undefined) return { error: `to: "${toText}" is not a valid ISO 8601 date and time.` };
  const week = 7 * DAY_MS;
  let range: { from: number; to: number };
  if (from !== null && to !== null) range = { from, to };
  else if (from !== null) range = { from, to: from + week };
  else if (to !== null) range = { from: to - week, to };
  else range = type === "meeting" ? { from: nowMs - week, to: nowMs } : { from: nowMs, to: nowMs + week };
  if (range.from > range.to) return { error: "from: The from date and time cannot be after the to date and time." };
  return range;
}
