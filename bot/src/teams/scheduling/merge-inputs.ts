/**
 * The card's inputs (Action.Execute merges them into `data`, keyed by input id) applied to the
 * stored draft. A key that is absent leaves the field as it was; an emptied field becomes null,
 * so validation asks for it again. Clients leave an input with no value out of `data` altogether
 * (every box cleared, a date field emptied), so the card's buttons carry "" for those inputs and a
 * set input overrides it. Pure.
 */
import { classifyPhrase } from "../../directory/invitees";
import { resolveTimeZoneName } from "../../scheduling/time-zone-names";
import { domainOf } from "../../directory/addresses";
import type { Invitee, Recurrence } from "../../scheduling/types";
import { pickInputId } from "./cards/draft-card";
import type { DraftRecord, FlaggedField } from "./draft-store";

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

export function mergeInputs(record: DraftRecord, data: Record<string, unknown>): DraftRecord {
  const draft = { ...record.draft, invitees: [...record.draft.invitees], unresolved: [...record.draft.unresolved] };
  let flagged: FlaggedField[] = [...record.flagged];
  const skipped = [...record.skipped];
  let suggestions = [...record.suggestions];
  const settled = (field: FlaggedField): void => void (flagged = flagged.filter((f) => f !== field));

  const title = str(data.title);
  if (title !== undefined) draft.title = title.trim() === "" ? null : title.trim();
  const date = str(data.date);
  if (date !== undefined) {
    draft.date = date.trim() === "" ? null : date.trim().slice(0, 10);
    if (draft.date) settled("date");
  }
  const time = str(data.startTime);
  if (time !== undefined) {
    // Clients send "HH:mm"; some add seconds.
    draft.startTime = time.trim() === "" ? null : time.trim().slice(0, 5);
    if (draft.startTime) settled("startTime");
  }
  const duration = str(data.durationMinutes);
  if (duration !== undefined) {
    const n = Number(duration);
    draft.durationMinutes = duration.trim() === "" || !Number.isFinite(n) ? null : n;
    if (draft.durationMinutes !== null) settled("durationMinutes");
  }
  const recurrence = str(data.recurrence);
  if (recurrence !== undefined) {
    draft.recurrence = mergeRecurrence(draft.recurrence, recurrence);
    settled("recurrence");
  }
  const until = str(data.repeatUntil);
  if (until !== undefined && draft.recurrence) {
    // A last date replaces a count ("10 times"): the card offers only the date, and both at once is refused.
    const { count: _count, until: _until, ...rest } = draft.recurrence;
    draft.recurrence = until.trim() === "" ? (draft.recurrence.count !== undefined ? draft.recurrence : rest) : { ...rest, until: until.trim().slice(0, 10) };
  }
  const agenda = str(data.agenda);
  if (agenda !== undefined) draft.agenda = agenda;

  const zone = str(data.timeZone);
  if (zone !== undefined) draft.timeZone = resolveTimeZoneName(zone) ?? zone.trim();
  // The ticked invitees (a cleared box leaves that person out); people added below join after.
  const ticked = str(data.invitees);
  if (ticked !== undefined) {
    const keep = new Set(ticked.split(",").map((e) => e.trim().toLowerCase()));
    draft.invitees = draft.invitees.filter((i) => keep.has(i.email.toLowerCase()));
  }

  const add = (invitee: Invitee): void => {
    const key = invitee.email.toLowerCase();
    if (!draft.invitees.some((i) => i.email.toLowerCase() === key)) draft.invitees.push(invitee);
  };
  // Answers to "which Anna?": the chosen candidate joins the invitees, the question goes.
  const stillOpen = draft.unresolved.filter((question, index) => {
    const chosen = str(data[pickInputId(index)])?.trim().toLowerCase();
    const candidate = chosen ? question.candidates?.find((c) => c.email.toLowerCase() === chosen) : undefined;
    if (candidate) add(candidate);
    return candidate === undefined;
  });
  draft.unresolved = stillOpen;

  const chosenSuggestions = new Set((str(data.suggested) ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean));
  for (const s of suggestions) if (chosenSuggestions.has(s.email.toLowerCase())) add(s);
  suggestions = suggestions.filter((s) => !chosenSuggestions.has(s.email.toLowerCase()));

  for (const raw of (str(data.moreEmails) ?? "").split(/[,;\n]+/)) {
    const phrase = classifyPhrase(raw);
    if (phrase.kind === "email") {
      const external = !record.verifiedDomains.includes(domainOf(phrase.address));
      add({ email: phrase.address, ...(phrase.displayName ? { displayName: phrase.displayName } : {}), source: "typed", ...(external ? { external } : {}) });
    } else if (phrase.kind !== "empty" && !skipped.some((s) => s.text === raw.trim())) {
      skipped.push({ text: raw.trim(), reason: "invalid-email" });
    }
  }
  return { ...record, draft, flagged, skipped, suggestions };
}

function mergeRecurrence(current: Recurrence | null, choice: string): Recurrence | null {
  if (choice === "daily" || choice === "weekly" || choice === "monthly") {
    // Same frequency: keep what the request said (days, count); a new one starts plain.
    return current?.frequency === choice ? current : { frequency: choice, interval: 1 };
  }
  return null;
}
