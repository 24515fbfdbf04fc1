import type { ServerResponse } from "node:http";
import { sendEmpty, sendJson, type Handler, type SandboxRequest } from "../../common/http";
import { readJsonBody } from "../body";
import { responseZone, type WebexContext } from "../context";
import { MESSAGES, sendWebexError } from "../errors";
import { hasEnd, occurrenceStarts } from "../rrule";
import type { Grant } from "../tokens";
import { authenticate } from "../tokens";
import { canAccess, resolveHost, sendMeetingNotFound, WRITE_SCOPES } from "./access";
import { DEFAULT_SETTINGS, hasRemainingOccurrence, SETTING_KEYS, type MeetingRecord, type Occurrence } from "./model";
import { renderOccurrence, renderSeries, type RenderView } from "./render";
import { checkAgenda, checkPassword, checkRecurrence, checkTags, checkTimeZone, checkTitle, parseTime, resolveTimes, UpdateBody } from "./validate";

/**
 * PATCH (partial; preferred), PUT (full; being deprecated) and DELETE /v1/meetings/{id}
 * (developer.webex.com "Patch a Meeting", "Update a Meeting", "Delete a Meeting").
 * - A series id changes the whole series. Changing its start, end or recurrence cancels its
 *   exceptions: every occurrence follows the new pattern again, deleted ones included
 *   (*uncertain* whether Webex revives deleted occurrences; Outlook does).
 * - An occurrence id changes or deletes that occurrence only.
 * - PATCH may set `agenda`/`recurrence` to null to remove them; PUT needs title, start and
 *   end, and removes agenda, recurrence and options it does not repeat (password and
 *   integration tags are kept).
 * Updates answer 200 with the list-shaped object (MeetingObjectForListMeeting).
 */
export function updateMeeting(ctx: WebexContext, mode: "patch" | "put"): Handler {
  return (req, res) => {
    const grant = authenticate(ctx.tokens, req, res, WRITE_SCOPES);
    if (!grant) return;
    const body = readJsonBody(req, res, UpdateBody);
    if (!body) return;
    const host = resolveHost(ctx, grant, body.hostEmail, "write", res);
    if (!host) return;
    const found = ctx.meetings.resolve(req.params.meetingId ?? "");
    if (!found || !canAccess(grant, found.series, "write") || (body.hostEmail !== undefined && found.series.host.id !== host.id)) return sendMeetingNotFound(res);
    if (mode === "put") {
      const missing = (["title", "start", "end"] as const).filter((k) => body[k] === undefined);
      if (missing.length > 0) return sendWebexError(res, 400, MESSAGES.invalidItems, missing.map((k) => `${k}: ${k} is required.`));
    }
    if (found.occurrence) updateOccurrence(ctx, req, res, grant, found.series, found.occurrence, body);
    else updateSeries(ctx, req, res, grant, found.series, body, mode);
  };
}

function updateSeries(ctx: WebexContext, req: SandboxRequest, res: ServerResponse, grant: Grant, m: MeetingRecord, body: UpdateBody, mode: "patch" | "put"): void {
  const errors: string[] = [];
  if (body.title !== undefined) checkTitle(body.title, errors);
  checkAgenda(body.agenda, errors);
  checkPassword(body.password, errors);
  checkTimeZone(body.timezone, errors);
  checkTags(body.integrationTags, errors);
  const tz = body.timezone !== undefined && errors.every((e) => !e.startsWith("timezone")) ? body.timezone : m.timezone;
  const startMs = body.start !== undefined ? parseTime("start", body.start, tz, errors) : m.startMs;
  const endMs = body.end !== undefined ? parseTime("end", body.end, tz, errors) : m.endMs;
  const recurrenceText = body.recurrence === undefined ? (mode === "put" ? null : (m.recurrence?.text ?? null)) : body.recurrence;
  const recurrence = checkRecurrence(recurrenceText, tz, errors);
  const times = startMs !== undefined && endMs !== undefined ? resolveTimes({ ms: startMs, isNew: body.start !== undefined }, endMs, ctx.now(), ctx.startGraceMs, errors) : undefined;
  if (errors.length > 0 || !times) return sendWebexError(res, 400, MESSAGES.invalidItems, errors);

  let { startMs: newStart, endMs: newEnd } = times;
  if (recurrence) {
    const first = occurrenceStarts(recurrence.rule, newStart, tz).next();
    if (first.done) return sendWebexError(res, 400, MESSAGES.invalidItems, ["recurrence: The recurrence rule yields no meeting after the start date."]);
    newEnd += first.value - newStart;
    newStart = first.value;
  }
  const patternChanged = newStart !== m.startMs || newEnd !== m.endMs || (recurrence?.text ?? null) !== (m.recurrence?.text ?? null) || (recurrence !== undefined && tz !== m.timezone);
  if (patternChanged) m.exceptions.clear();

  if (body.title !== undefined) m.title = body.title;
  if (body.agenda === null || (mode === "put" && body.agenda === undefined)) delete m.agenda;
  else if (body.agenda !== undefined) m.agenda = body.agenda;
  if (body.password !== undefined) m.password = body.password;
  m.timezone = tz;
  m.startMs = newStart;
  m.endMs = newEnd;
  if (recurrence) m.recurrence = recurrence;
  else delete m.recurrence;
  if (body.integrationTags !== undefined) {
    m.integrationTags = body.integrationTags;
    m.createdByClientId = grant.clientId; // tags belong to the client that set them
  }
  if (body.sendEmail !== undefined) m.sendEmail = body.sendEmail;
  for (const k of SETTING_KEYS) {
    const v = body[k] ?? (mode === "put" ? DEFAULT_SETTINGS[k] : undefined);
    if (v !== undefined) (m.settings as unknown as Record<string, unknown>)[k] = v;
  }
  m.lastModifiedMs = ctx.now();
  sendJson(res, 200, renderSeries(m, viewFor(ctx, req, grant, m), true));
}

function updateOccurrence(ctx: WebexContext, req: SandboxRequest, res: ServerResponse, grant: Grant, m: MeetingRecord, o: Occurrence, body: UpdateBody): void {
  const errors: string[] = [];
  if (typeof body.recurrence === "string") errors.push("recurrence: The recurrence applies only to a meeting series, not to a scheduled meeting.");
  if (body.title !== undefined) checkTitle(body.title, errors);
  checkAgenda(body.agenda, errors);
  checkPassword(body.password, errors);
  checkTimeZone(body.timezone, errors);
  const tz = body.timezone !== undefined && errors.every((e) => !e.startsWith("timezone")) ? body.timezone : m.timezone;
  const startMs = body.start !== undefined ? parseTime("start", body.start, tz, errors) : o.startMs;
  const endMs = body.end !== undefined ? parseTime("end", body.end, tz, errors) : o.endMs;
  const times = startMs !== undefined && endMs !== undefined ? resolveTimes({ ms: startMs, isNew: body.start !== undefined }, endMs, ctx.now(), ctx.startGraceMs, errors) : undefined;
  if (errors.length > 0 || !times) return sendWebexError(res, 400, MESSAGES.invalidItems, errors);

  const previous = m.exceptions.get(o.key);
  const override = previous && !previous.deleted ? { ...previous.override } : {};
  if (body.title !== undefined) override.title = body.title;
  if (body.agenda !== undefined) override.agenda = body.agenda;
  if (body.password !== undefined) override.password = body.password;
  override.startMs = times.startMs;
  override.endMs = times.endMs;
  m.exceptions.set(o.key, { deleted: false, override });
  m.lastModifiedMs = ctx.now();
  const updated = ctx.meetings.resolve(o.id)?.occurrence ?? o;
  sendJson(res, 200, renderOccurrence(m, updated, viewFor(ctx, req, grant, m)));
}

export function deleteMeeting(ctx: WebexContext): Handler {
  return (req, res) => {
    const grant = authenticate(ctx.tokens, req, res, WRITE_SCOPES);
    if (!grant) return;
    const hostEmail = req.query.get("hostEmail") ?? undefined;
    const host = resolveHost(ctx, grant, hostEmail, "write", res);
    if (!host) return;
    const found = ctx.meetings.resolve(req.params.meetingId ?? "");
    if (!found || !canAccess(grant, found.series, "write") || (hostEmail !== undefined && found.series.host.id !== host.id)) return sendMeetingNotFound(res);
    const { series, occurrence } = found;
    if (!occurrence) {
      ctx.meetings.delete(series.id);
      return sendEmpty(res, 204);
    }
    series.exceptions.set(occurrence.key, { deleted: true });
    series.lastModifiedMs = ctx.now();
    // Deleting the last occurrence of a series that ends leaves nothing: the series goes too.
    if ((!series.recurrence || hasEnd(series.recurrence.rule)) && !hasRemainingOccurrence(series)) ctx.meetings.delete(series.id);
    sendEmpty(res, 204);
  };
}

/** Update responses use the meeting's zone unless the caller asks for another. */
function viewFor(ctx: WebexContext, req: SandboxRequest, grant: Grant, m: MeetingRecord): RenderView {
  return { clientId: grant.clientId, responseZone: responseZone(req, m.timezone), nowMs: ctx.now(), siteUrl: ctx.siteUrl };
}
