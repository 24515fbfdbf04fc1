/**
 * Cards after the draft: the scheduled meeting (join link and the link as text, details in small
 * text; Reschedule and Cancel), the short channel announcement, and a one-line notice with
 * optional buttons.
 */
import type { Attachment } from "botbuilder";
import type { ScheduleError } from "../../../scheduling/errors";
import type { ScheduledMeeting } from "../../../scheduling/types";
import { renderCard } from "../../cards/render";
import { formatRange } from "../format";
import { describeSeries } from "../series-text";
import type { SchedulingTranslate } from "../strings";
import announceTemplate from "./announce.json";
import noticeTemplate from "./notice.json";
import scheduledTemplate from "./scheduled.json";

export function scheduledCard(t: SchedulingTranslate, result: ScheduledMeeting, locale: string, inviteeNames: string[]): Attachment {
  const when = formatRange(new Date(result.start), new Date(result.end), locale, result.timeZone);
  const details = t("done.details", { number: result.webex.meetingNumber, sip: result.webex.sipAddress ?? "—" });
  return renderCard(scheduledTemplate, {
    headline: t("done.title"),
    summary: `**${result.title}** · ${when} (${result.timeZone}) · Webex`,
    series: result.recurrence ? describeSeries(t, result.recurrence, locale, null) : "",
    invitees: inviteeNames.join(", "),
    details,
    joinTitle: t("done.join"),
    joinUrl: result.webex.webLink,
    // [Copy link]: Adaptive Cards in Teams have no clipboard action, so the link is shown as
    // selectable text in small type under Join, for the user to copy.
    copyLink: result.webex.webLink ? t("done.copyLink", { url: result.webex.webLink }) : "",
    outlookTitle: t("done.openOutlook"),
    outlookUrl: result.event.webLink ?? "",
    cancelTitle: t("upcoming.cancel"),
    rescheduleTitle: t("reschedule.button"),
    // A series is moved in Outlook for now (rescheduleMeeting handles single meetings).
    canReschedule: result.recurrence === null,
    title: result.title,
    eventId: result.event.id,
    webexMeetingId: result.webex.id,
    inviteeCount: String(result.inviteeCount),
  });
}

export function announceCard(t: SchedulingTranslate, result: ScheduledMeeting, locale: string, organizer: string): Attachment {
  const when = formatRange(new Date(result.start), new Date(result.end), locale, result.timeZone);
  const series = result.recurrence ? ` · ${describeSeries(t, result.recurrence, locale, null)}` : "";
  return renderCard(announceTemplate, {
    text: t("announce.text", { organizer, title: result.title, when: `${when} (${result.timeZone})${series}` }),
    joinTitle: t("done.join"),
    joinUrl: result.webex.webLink,
  });
}

export interface NoticeButtons {
  execute?: { title: string; verb: string; data: Record<string, unknown> }[];
  imBack?: { title: string; value: string }[];
}

export function noticeCard(text: string, buttons: NoticeButtons = {}): Attachment {
  return renderCard(noticeTemplate, { text, execute: buttons.execute ?? [], imBack: buttons.imBack ?? [] });
}

/** What went wrong, in the user's words; the log keeps the cause. */
export function scheduleErrorText(t: SchedulingTranslate, error: ScheduleError): string {
  const busy = error.status === 429 || (error.status !== undefined && error.status >= 500);
  switch (error.kind) {
    case "calendar-failed":
      return `${t(busy ? "error.calendar.busy" : "error.calendar.other")} ${t(error.webexCleanup === "failed" ? "error.calendar.orphan" : "error.calendar.cleaned")}`;
    case "webex-failed":
      return t(busy ? "error.webex.busy" : "error.webex");
    case "in-progress":
      return t("error.inProgress");
    case "invalid":
      return "";
  }
}
