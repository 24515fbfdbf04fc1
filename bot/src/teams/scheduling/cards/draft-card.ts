/**
 * The draft card: every field editable, what could not be read left empty and flagged, people
 * to choose between as choices, the rest explained. Data is prepared here (localised, formatted);
 * the layout is draft.json.
 */
import type { Attachment } from "botbuilder";
import type { DraftProblem } from "../../../scheduling/validate";
import type { Invitee } from "../../../scheduling/types";
import { renderCard } from "../../cards/render";
import type { DraftRecord } from "../draft-store";
import { formatDraftWhen } from "../format";
import { describeSeries } from "../series-text";
import type { SchedulingTranslate } from "../strings";
import draftTemplate from "./draft.json";

type Field = "title" | "date" | "startTime" | "durationMinutes" | "timeZone" | "recurrence" | "invitees";

export interface DraftCardOptions {
  /** Validation problems to flag on their fields (after Check or a refused Schedule). */
  problems?: readonly DraftProblem[];
  /** A sentence at the top, e.g. why scheduling failed. */
  banner?: string;
  reference?: string;
  /** "Try again" instead of "Schedule" after a failure. */
  retry?: boolean;
}

export const pickInputId = (index: number): string => `pick_${index}`;

export function draftCard(t: SchedulingTranslate, record: DraftRecord, options: DraftCardOptions = {}): Attachment {
  const { draft } = record;
  const errors: Record<Field, string> = { title: "", date: "", startTime: "", durationMinutes: "", timeZone: "", recurrence: "", invitees: "" };
  for (const field of record.flagged) errors[field] = t(`problem.${field}.missing` as "problem.date.missing");
  if (record.flagged.includes("recurrence")) errors.recurrence = t("problem.recurrence");
  for (const p of options.problems ?? []) {
    if (p.field === "agenda" || p.field === "organizer") {
      options = { ...options, banner: [options.banner, problemText(t, p)].filter(Boolean).join(" ") };
      continue;
    }
    errors[p.field] = problemText(t, p);
  }
  const when = formatDraftWhen(draft);
  const summary = [draft.title ? `**${draft.title}**` : "", when ? `${when} (${draft.timeZone})` : "", "Webex"].filter((s) => s !== "").join(" · ");
  return renderCard(draftTemplate, {
    heading: t("draft.heading"),
    summary,
    banner: options.banner ?? "",
    reference: options.reference ?? "",
    draftId: draft.id,
    labels: {
      title: t("draft.titleLabel"),
      date: t("draft.dateLabel"),
      startTime: t("draft.timeLabel"),
      durationMinutes: t("draft.durationLabel"),
      timeZone: t("draft.zoneLabel"),
      inviteesHint: t("draft.inviteesHint"),
      recurrence: t("draft.recurrenceLabel"),
      until: t("draft.untilLabel"),
      invitees: t("draft.invitees"),
      moreEmails: t("draft.moreEmails"),
      suggested: t("draft.suggested"),
      agenda: t("draft.agendaLabel"),
    },
    errors,
    title: draft.title ?? "",
    date: draft.date ?? "",
    startTime: draft.startTime ?? "",
    hasDuration: draft.durationMinutes !== null,
    durationMinutes: draft.durationMinutes ?? 0,
    timeZone: draft.timeZone,
    recurrence: draft.recurrence?.frequency ?? "none",
    recurrenceChoices: (["none", "daily", "weekly", "monthly"] as const).map((value) => ({ value, title: t(`draft.recurrence.${value}`) })),
    recurrenceNote: draft.recurrence ? describeSeries(t, draft.recurrence, draft.locale, draft.date) : "",
    hasRecurrence: draft.recurrence !== null,
    until: draft.recurrence?.until ?? "",
    noInvitees: t("draft.noInvitees"),
    // Every invitee a ticked box: clearing one leaves them out (Check or Schedule applies it).
    invitees: draft.invitees.map((i) => ({ text: inviteeLabel(t, i), value: i.email })),
    inviteeValue: draft.invitees.map((i) => i.email).join(","),
    questions: draft.unresolved.map((u, index) => ({
      id: pickInputId(index),
      label: t("draft.pick", { name: u.text }),
      errorMessage: t("draft.pickRequired"),
      choices: (u.candidates ?? []).map((c) => ({ title: candidateLabel(t, c), value: c.email })),
    })),
    explanations: [...record.skipped.map((s) => ({ text: skippedText(t, s) })), ...record.notices.map((n) => ({ text: t(`notice.${n}` as "notice.groups-need-admin") }))],
    moreEmails: "",
    suggestions: record.suggestions.map((s) => ({ title: inviteeLabel(t, s), value: s.email })),
    agenda: draft.agenda,
    actions: { schedule: t(options.retry ? "error.tryAgain" : "draft.schedule"), update: t("draft.update"), discard: t("draft.discard") },
  });
}

export function inviteeLabel(t: SchedulingTranslate, i: Invitee): string {
  const name = i.displayName ? `${i.displayName}` : i.email;
  return i.external ? `${name} (${i.email}, ${t("draft.guest")})` : name;
}

function candidateLabel(t: SchedulingTranslate, c: Invitee & { jobTitle?: string; department?: string }): string {
  const detail = c.department ?? c.jobTitle;
  if (c.external) return `${c.displayName ? `${c.displayName} · ` : ""}${c.email} (${t("draft.guest")})`;
  return detail ? `${c.displayName ?? c.email} (${detail})` : `${c.displayName ?? c.email} · ${c.email}`;
}

function skippedText(t: SchedulingTranslate, s: DraftRecord["skipped"][number]): string {
  if (s.text === "@channel") return s.reason === "not-found" ? t("draft.channelNotFound") : t("notice.channel-members-unavailable");
  switch (s.reason) {
    case "invalid-email":
      return t("draft.invalidEmail", { name: s.text });
    case "not-permitted":
      return t("draft.notPermitted", { name: s.text });
    default:
      return t("draft.notFound", { name: s.text });
  }
}

export function problemText(t: SchedulingTranslate, p: DraftProblem): string {
  switch (p.field) {
    case "recurrence":
      // The ones the card's own fields can cause get their own words; the rest: "pick one".
      return p.code === "start-not-in-pattern" || p.code === "until-before-start" || p.code === "count-and-until" ? t(`problem.recurrence.${p.code}`) : t("problem.recurrence");
    case "invitees":
      return p.code === "too-many" ? t("problem.invitees.too-many", { count: p.count, max: p.max }) : t("problem.invitees.unresolved");
    default: {
      const values: Record<string, number> = {};
      if ("max" in p) values.max = p.max;
      if ("min" in p) values.min = p.min;
      return t(`problem.${p.field}.${p.code}` as "problem.date.missing", values);
    }
  }
}
