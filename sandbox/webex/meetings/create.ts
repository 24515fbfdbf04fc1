import type { Handler } from "../../common/http";
import { sendJson } from "../../common/http";
import { readJsonBody } from "../body";
import { responseZone, type WebexContext } from "../context";
import { MESSAGES, sendWebexError } from "../errors";
import { digits, newMeetingId, newMeetingPassword } from "../ids";
import { occurrenceStarts } from "../rrule";
import { authenticate } from "../tokens";
import { isAdmin, resolveHost, WRITE_SCOPES } from "./access";
import { DEFAULT_SETTINGS, SETTING_KEYS, type MeetingRecord, type MeetingSettings } from "./model";
import { renderSeries } from "./render";
import {
  checkAgenda,
  checkInvitees,
  checkPassword,
  checkRecurrence,
  checkTags,
  checkTimeZone,
  checkTitle,
  CreateBody,
  parseTime,
  resolveTimes,
} from "./validate";

/**
 * POST /v1/meetings — answers **200** (not 201) with the new series, as Webex does.
 * The meeting-creation quota is checked after validation, so refused requests don't count.
 */
export function createMeeting(ctx: WebexContext): Handler {
  return (req, res) => {
    const grant = authenticate(ctx.tokens, req, res, WRITE_SCOPES);
    if (!grant) return;
    const body = readJsonBody(req, res, CreateBody);
    if (!body) return;
    const host = resolveHost(ctx, grant, body.hostEmail, "write", res);
    if (!host) return;

    const errors: string[] = [];
    if (body.adhoc) errors.push("adhoc: ad-hoc meetings for spaces are not supported by the sandbox.");
    if (body.scheduledType !== undefined && body.scheduledType !== "meeting") errors.push("scheduledType: only regular meetings are supported by the sandbox.");
    if (body.siteUrl !== undefined && body.siteUrl !== ctx.siteUrl) errors.push(`siteUrl: "${body.siteUrl}" is not a Webex site of the host.`);
    checkTitle(body.title, errors);
    checkAgenda(body.agenda, errors);
    checkPassword(body.password, errors);
    checkTimeZone(body.timezone, errors);
    checkTags(body.integrationTags, errors);
    checkInvitees(body.invitees, errors);
    // Without a timezone Webex uses the host's preferred one.
    const tz = body.timezone !== undefined && errors.every((e) => !e.startsWith("timezone")) ? body.timezone : host.timezone;
    const startMs = parseTime("start", body.start, tz, errors);
    const endMs = parseTime("end", body.end, tz, errors);
    const recurrence = checkRecurrence(body.recurrence, tz, errors);
    const times = startMs !== undefined && endMs !== undefined ? resolveTimes({ ms: startMs, isNew: true }, endMs, ctx.now(), ctx.startGraceMs, errors) : undefined;
    if (errors.length > 0 || !times) return sendWebexError(res, 400, MESSAGES.invalidItems, errors);

    // A recurring series starts at its first occurrence (the first matching date at or after start).
    let { startMs: seriesStart, endMs: seriesEnd } = times;
    if (recurrence) {
      const first = occurrenceStarts(recurrence.rule, seriesStart, tz).next();
      if (first.done) return sendWebexError(res, 400, MESSAGES.invalidItems, ["recurrence: The recurrence rule yields no meeting after the start date."]);
      seriesEnd += first.value - seriesStart;
      seriesStart = first.value;
    }

    const admin = isAdmin(grant, "write");
    const quota = ctx.quota.check(grant.person.id, host.id, admin);
    if (!quota.ok) return sendWebexError(res, 429, MESSAGES.tooManyRequests, [quota.description], { "retry-after": String(quota.retryAfterSeconds) });

    const settings: MeetingSettings = { ...DEFAULT_SETTINGS };
    for (const k of SETTING_KEYS) if (body[k] !== undefined) (settings as unknown as Record<string, unknown>)[k] = body[k];
    const now = ctx.now();
    const record: MeetingRecord = {
      id: newMeetingId(),
      meetingNumber: ctx.meetings.uniqueMeetingNumber(),
      title: body.title!,
      ...(body.agenda !== undefined ? { agenda: body.agenda } : {}),
      password: body.password ?? newMeetingPassword(),
      phoneAndVideoSystemPassword: digits(8),
      timezone: tz,
      startMs: seriesStart,
      endMs: seriesEnd,
      ...(recurrence ? { recurrence } : {}),
      host,
      hostKey: digits(6),
      invitees: (body.invitees ?? []).map((inv) => ({
        email: inv.email.trim(),
        displayName: inv.displayName ?? ctx.directory.byEmail(inv.email)?.displayName ?? inv.email.trim(),
        coHost: inv.coHost ?? false,
        panelist: inv.panelist ?? false,
      })),
      sendEmail: body.sendEmail ?? true,
      integrationTags: body.integrationTags ?? [],
      createdByClientId: grant.clientId,
      createdByPersonId: grant.person.id,
      createdAtMs: now,
      lastModifiedMs: now,
      mtid: newMeetingId(),
      settings,
      exceptions: new Map(),
    };
    ctx.meetings.add(record);
    ctx.quota.record(grant.person.id, host.id, admin);
    sendJson(res, 200, renderSeries(record, { clientId: grant.clientId, responseZone: responseZone(req, tz), nowMs: now, siteUrl: ctx.siteUrl }));
  };
}
