/**
 * Reschedule from a card: [Reschedule] (on an upcoming row or the scheduled card) opens a small
 * card with the meeting's date, time and duration in the user's zone; [Save] moves it in Outlook
 * and Webex (rescheduleMeeting) and refreshes the same card with where it went; [Keep it] leaves
 * it. The event is read back from the user's own calendar: the title and the Webex id come from
 * there, not from the button's data.
 */
import type { AdaptiveCardInvokeResponse, Attachment } from "botbuilder";
import type { UserRef } from "../../accounts/types";
import { rescheduleMeeting, RescheduleError, type RescheduleProblem } from "../../scheduling/reschedule";
import { graphDateTimeToInstant, isValidTimeZone, localDateAt, wallClockAt } from "../../scheduling/time";
import { accountCard, textCard } from "../cards/account-card";
import { renderCard } from "../cards/render";
import { cardResponse, type CardActionHandler } from "../feature";
import { problemText } from "./cards/draft-card";
import { noticeCard } from "./cards/outcome-cards";
import rescheduleTemplate from "./cards/reschedule.json";
import { isSignInRequired, portsFor, type SchedulingFeatureDeps } from "./deps";
import { formatRange } from "./format";
import { schedulingTranslator, type SchedulingTranslate } from "./strings";
import { localeOf, timeZoneOf } from "./turn-info";
import { webexEmailOf } from "./upcoming";

const answer = (card: Attachment): AdaptiveCardInvokeResponse => cardResponse(card.content as object);
const pad = (n: number): string => String(n).padStart(2, "0");

interface RescheduleCardData {
  eventId: string;
  title: string;
  timeZone: string;
  /** The meeting's time as it stands ("Now: …"). */
  start: Date;
  end: Date;
  /** The fields' values (what the user typed back after a refusal, else the current time). */
  fields?: { date: string; startTime: string; durationMinutes: number | string };
  done?: string;
  banner?: string;
  problems?: readonly RescheduleProblem[];
}

function rescheduleCard(st: SchedulingTranslate, locale: string, d: RescheduleCardData): Attachment {
  const wall = wallClockAt(d.start, d.timeZone);
  const fields = d.fields ?? { date: localDateAt(d.start, d.timeZone), startTime: `${pad(wall.hour)}:${pad(wall.minute)}`, durationMinutes: Math.round((d.end.getTime() - d.start.getTime()) / 60_000) };
  const errors = { date: "", startTime: "", durationMinutes: "" };
  let banner = d.banner ?? "";
  for (const p of d.problems ?? []) {
    if (p.field === "timeZone") banner = [banner, problemText(st, p)].filter(Boolean).join(" ");
    else errors[p.field] = problemText(st, p);
  }
  return renderCard(rescheduleTemplate, {
    done: d.done ?? "",
    banner,
    heading: st("reschedule.heading", { title: d.title }),
    current: st("reschedule.current", { when: `${formatRange(d.start, d.end, locale, d.timeZone)} (${d.timeZone})` }),
    labels: { date: st("draft.dateLabel"), startTime: st("draft.timeLabel"), durationMinutes: st("draft.durationLabel") },
    errors,
    date: fields.date,
    startTime: fields.startTime,
    durationMinutes: fields.durationMinutes,
    zone: st("draft.zone", { zone: d.timeZone }),
    eventId: d.eventId,
    timeZone: d.timeZone,
    title: d.title,
    actions: { save: st("reschedule.save"), keep: st("reschedule.keep") },
  });
}

export function rescheduleActions(deps: SchedulingFeatureDeps): Record<string, CardActionHandler> {
  const now = deps.now ?? (() => new Date());
  const str = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

  const guarded =
    (run: (user: UserRef, data: Record<string, unknown>, st: SchedulingTranslate, locale: string, timeZone: string) => Promise<Attachment>): CardActionHandler =>
    async (ctx) => {
      if (!ctx.user) return answer(textCard(ctx.t("error.noUser")));
      const user = ctx.user;
      const locale = localeOf(ctx.turn);
      // The zone the card was drawn in wins over the invoke's (the fields were filled in it).
      const zone = str(ctx.data.timeZone);
      const timeZone = zone && isValidTimeZone(zone) ? zone : timeZoneOf(ctx.turn);
      try {
        return answer(await run(user, ctx.data, schedulingTranslator(locale), locale, timeZone));
      } catch (error) {
        if (isSignInRequired(error)) return answer(accountCard(ctx.t, await deps.accounts.service.status(user)));
        throw error;
      }
    };

  const open = guarded(async (user, data, st, locale, timeZone) => {
    const ports = await portsFor(deps.accounts, user, await webexEmailOf(deps, user));
    const eventId = str(data.eventId);
    const event = eventId ? await ports.calendar.getEvent(eventId, timeZone) : undefined;
    if (!event?.webexMeetingId) return noticeCard(st("cancel.gone"));
    if (event.type !== "singleInstance") return noticeCard(st("reschedule.series"));
    const start = graphDateTimeToInstant(event.start, event.timeZone);
    const end = graphDateTimeToInstant(event.end, event.timeZone);
    if (!start || !end) throw new Error(`the event's time is unreadable: ${event.start} ${event.timeZone}`);
    return rescheduleCard(st, locale, { eventId: event.id, title: event.subject, timeZone, start, end });
  });

  const save = guarded(async (user, data, st, locale, timeZone) => {
    const ports = await portsFor(deps.accounts, user, await webexEmailOf(deps, user));
    const eventId = str(data.eventId);
    const event = eventId ? await ports.calendar.getEvent(eventId, timeZone) : undefined;
    if (!event?.webexMeetingId) return noticeCard(st("cancel.gone"));
    const start = graphDateTimeToInstant(event.start, event.timeZone);
    const end = graphDateTimeToInstant(event.end, event.timeZone);
    if (!start || !end) throw new Error(`the event's time is unreadable: ${event.start} ${event.timeZone}`);
    const fields = { date: str(data.date), startTime: str(data.startTime).slice(0, 5), durationMinutes: str(data.durationMinutes) };
    const card = { eventId: event.id, title: event.subject, timeZone, start, end, fields };
    try {
      const moved = await rescheduleMeeting(
        { calendar: ports.calendar, meetings: ports.meetings, links: deps.store.eventLinks, logger: deps.logger },
        {
          ...user,
          eventId: event.id,
          webexMeetingId: event.webexMeetingId,
          ...(ports.hostEmail ? { hostEmail: ports.hostEmail } : {}),
          date: fields.date,
          startTime: fields.startTime,
          // "" and "abc" become NaN: checkWhen reports them as an unreadable duration.
          durationMinutes: fields.durationMinutes === "" ? NaN : Number(fields.durationMinutes),
          timeZone,
          now: now(),
        },
      );
      const when = formatRange(moved.start, moved.end, locale, timeZone);
      return rescheduleCard(st, locale, { ...card, start: moved.start, end: moved.end, fields: undefined, done: st("reschedule.done", { when }) });
    } catch (error) {
      if (!(error instanceof RescheduleError)) throw error;
      if (error.kind === "invalid") return rescheduleCard(st, locale, { ...card, problems: error.problems });
      if (error.kind === "not-found") return noticeCard(st("cancel.gone"));
      if (error.kind === "series") return noticeCard(st("reschedule.series"));
      deps.logger.warn({ err: error, kind: error.kind, restore: error.restore, eventId: event.id, requestId: error.requestId }, "rescheduling failed");
      const text = error.kind === "calendar-failed" ? st("reschedule.failed.calendar") : st(error.restore === "failed" ? "reschedule.failed.stuck" : "reschedule.failed.webex");
      return rescheduleCard(st, locale, { ...card, banner: text });
    }
  });

  const keep = guarded(async (_user, data, st) => noticeCard(st("reschedule.kept", { title: str(data.title) })));

  return { "meeting.reschedule": open, "meeting.reschedule.save": save, "meeting.reschedule.keep": keep };
}
