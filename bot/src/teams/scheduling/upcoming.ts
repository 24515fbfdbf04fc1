/**
 * "upcoming" and "cancel": the organizer's Webex meetings of the next 7 days, read from their
 * Outlook calendar (the events carrying our property) with join links from Webex, each row with
 * Join, Reschedule (single meetings; reschedule-actions.ts) and Cancel; cancelling confirms
 * first, then removes the event (Outlook sends the cancellation) and the Webex meeting.
 */
import type { AdaptiveCardInvokeResponse, Attachment } from "botbuilder";
import type { UserRef } from "../../accounts/types";
import { cancelMeeting } from "../../scheduling/cancel";
import { CancelError } from "../../scheduling/errors";
import { graphDateTimeToInstant } from "../../scheduling/time";
import { accountCard, textCard } from "../cards/account-card";
import { renderCard } from "../cards/render";
import { cardResponse, type CardActionHandler } from "../feature";
import { noticeCard } from "./cards/outcome-cards";
import upcomingTemplate from "./cards/upcoming.json";
import { isSignInRequired, portsFor, type SchedulingFeatureDeps } from "./deps";
import { formatRange } from "./format";
import { schedulingTranslator } from "./strings";
import { localeOf } from "./turn-info";

const WEEK_MS = 7 * 24 * 3600 * 1000;
const answer = (card: Attachment): AdaptiveCardInvokeResponse => cardResponse(card.content as object);

export async function webexEmailOf(deps: SchedulingFeatureDeps, user: UserRef): Promise<string | undefined> {
  const linked = (await deps.store.accounts.get(user.tenantId, user.userId))?.webexEmail;
  if (linked) return linked;
  // Never matched yet (their first command): matching now records the link for next time.
  const status = await deps.accounts.service.quickStatus(user);
  return status.match?.kind === "matched" ? status.match.webexEmail : undefined;
}

export async function upcomingCard(deps: SchedulingFeatureDeps, user: UserRef, locale: string, timeZone: string): Promise<Attachment> {
  const st = schedulingTranslator(locale);
  const now = (deps.now ?? (() => new Date()))();
  const range = { start: now, end: new Date(now.getTime() + WEEK_MS) };
  const ports = await portsFor(deps.accounts, user, await webexEmailOf(deps, user));
  const events = await ports.calendar.listWebexEvents(range, timeZone);
  // One Webex call for every join link (the calendar holds the meeting id, Webex the link).
  const links = new Map<string, string>();
  try {
    for (const m of await ports.meetings.list({ from: range.start, to: range.end, max: 100, ...(ports.hostEmail ? { hostEmail: ports.hostEmail } : {}) })) {
      links.set(m.id, m.webLink);
      if (m.meetingSeriesId) links.set(m.meetingSeriesId, m.webLink);
    }
  } catch (error) {
    deps.logger.warn({ err: error }, "could not read Webex join links for upcoming; listing without them");
  }
  const rows = events.map((e) => {
    const start = graphDateTimeToInstant(e.start, e.timeZone);
    const end = graphDateTimeToInstant(e.end, e.timeZone);
    return {
      when: start && end ? formatRange(start, end, locale, timeZone) : e.start,
      title: e.subject,
      joinTitle: st("upcoming.join"),
      joinUrl: links.get(e.webexMeetingId ?? "") ?? "",
      cancelTitle: st("upcoming.cancel"),
      rescheduleTitle: st("reschedule.button"),
      // Only single meetings move from here (rescheduleMeeting refuses series and their occurrences).
      canReschedule: e.type === "singleInstance",
      // An occurrence is cancelled with its series: the Webex meeting is the series.
      eventId: e.seriesMasterId ?? e.id,
      webexMeetingId: e.webexMeetingId ?? "",
      inviteeCount: String(e.attendeesCount),
    };
  });
  return renderCard(upcomingTemplate, { heading: st("upcoming.title"), empty: st("upcoming.empty"), scheduleOne: st("upcoming.scheduleOne"), rows });
}

export function meetingActions(deps: SchedulingFeatureDeps): Record<string, CardActionHandler> {
  const guarded =
    (run: (user: UserRef, data: Record<string, unknown>, locale: string) => Promise<Attachment>): CardActionHandler =>
    async (ctx) => {
      if (!ctx.user) return answer(textCard(ctx.t("error.noUser")));
      const user = ctx.user;
      try {
        return answer(await run(user, ctx.data, localeOf(ctx.turn)));
      } catch (error) {
        if (isSignInRequired(error)) return answer(accountCard(ctx.t, await deps.accounts.service.status(user)));
        throw error;
      }
    };
  const eventIdOf = (data: Record<string, unknown>): string => (typeof data.eventId === "string" ? data.eventId : "");

  // The event is read back from the user's own calendar: title, invitees and the Webex id come
  // from there, not from the button's data.
  const confirm = guarded(async (user, data, locale) => {
    const st = schedulingTranslator(locale);
    const ports = await portsFor(deps.accounts, user, await webexEmailOf(deps, user));
    const event = eventIdOf(data) ? await ports.calendar.getEvent(eventIdOf(data)) : undefined;
    if (!event?.webexMeetingId) return noticeCard(st("cancel.gone"));
    return noticeCard(st("cancel.confirm", { title: event.subject, count: event.attendeesCount }), {
      execute: [
        { title: st("cancel.yes"), verb: "meeting.cancel.confirm", data: { eventId: event.id } },
        { title: st("cancel.keep"), verb: "meeting.cancel.keep", data: { eventId: event.id, title: event.subject } },
      ],
    });
  });

  const doCancel = guarded(async (user, data, locale) => {
    const st = schedulingTranslator(locale);
    const ports = await portsFor(deps.accounts, user, await webexEmailOf(deps, user));
    const eventId = eventIdOf(data);
    const event = eventId ? await ports.calendar.getEvent(eventId) : undefined;
    // A retry after a cancel that removed the Outlook event but failed at Webex finds no event;
    // our link still names the Webex meeting, so the retry finishes the job instead of orphaning it.
    const link = !event?.webexMeetingId && eventId ? await deps.store.eventLinks.get(user.tenantId, user.userId, eventId) : undefined;
    const webexMeetingId = event?.webexMeetingId ?? link?.webexMeetingId;
    if (!webexMeetingId) return noticeCard(st("cancel.gone"));
    try {
      await cancelMeeting(
        { meetings: ports.meetings, calendar: ports.calendar, links: deps.store.eventLinks, logger: deps.logger },
        { ...user, eventId, webexMeetingId, ...(ports.hostEmail ? { hostEmail: ports.hostEmail } : {}) },
      );
      return noticeCard(st("cancel.done"));
    } catch (error) {
      if (!(error instanceof CancelError)) throw error;
      deps.logger.warn({ err: error, kind: error.kind, eventId }, "cancelling failed");
      const retry = { title: st("error.tryAgain"), verb: "meeting.cancel.confirm", data: { eventId } };
      return noticeCard(st(error.kind === "calendar-failed" ? "cancel.failed.calendar" : "cancel.failed.webex"), { execute: [retry] });
    }
  });

  const keep = guarded(async (_user, data, locale) => noticeCard(schedulingTranslator(locale)("cancel.kept", { title: typeof data.title === "string" ? data.title : "" })));

  return { "meeting.cancel": confirm, "meeting.cancel.confirm": doCancel, "meeting.cancel.keep": keep };
}

