/**
 * Times as the user reads them: in their zone and their locale's format (Intl), e.g.
 * "Tue 24 Nov, 15:00–15:45" (en-GB), "tis 24 nov. 15:00–15:45" (sv), "11月24日(火) 15:00–15:45" (ja).
 */
import { zonedToInstant } from "../../scheduling/time";
import type { MeetingDraft } from "../../scheduling/types";

// Building an Intl.DateTimeFormat costs far more than formatting with one: keep them per locale and zone.
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED = 500;

function cachedFormat(kind: "day" | "time", locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    // Keys come from what clients send (locale, zone): bounded, so odd values cannot grow it without end.
    if (formats.size >= MAX_CACHED) formats.clear();
    format = new Intl.DateTimeFormat(locale, kind === "day" ? { timeZone, weekday: "short", day: "numeric", month: "short" } : { timeZone, hour: "2-digit", minute: "2-digit" });
    formats.set(key, format);
  }
  return format;
}

function dayFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return cachedFormat("day", locale, timeZone);
}

function timeFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return cachedFormat("time", locale, timeZone);
}

/** "Tue 24 Nov, 15:00–15:45"; a meeting past midnight shows the end's day too. */
export function formatRange(start: Date, end: Date, locale: string, timeZone: string): string {
  const day = dayFormat(safeLocale(locale), timeZone);
  const time = timeFormat(safeLocale(locale), timeZone);
  const startDay = day.format(start);
  const endDay = day.format(end);
  return startDay === endDay ? `${startDay}, ${time.format(start)}–${time.format(end)}` : `${startDay}, ${time.format(start)} – ${endDay}, ${time.format(end)}`;
}

/** The draft's when, as far as it is known ("" when the date or time is missing). */
export function formatDraftWhen(draft: MeetingDraft): string {
  if (!draft.date || !draft.startTime) return "";
  const zoned = zonedToInstant(draft.date, draft.startTime, draft.timeZone);
  if (!zoned.ok) return "";
  const end = new Date(zoned.instant.getTime() + (draft.durationMinutes ?? 0) * 60_000);
  return draft.durationMinutes ? formatRange(zoned.instant, end, draft.locale, draft.timeZone) : `${dayFormat(safeLocale(draft.locale), draft.timeZone).format(zoned.instant)}, ${timeFormat(safeLocale(draft.locale), draft.timeZone).format(zoned.instant)}`;
}

const supported = new Map<string, string>();

export function safeLocale(locale: string): string {
  let safe = supported.get(locale);
  if (safe === undefined) {
    if (supported.size >= MAX_CACHED) supported.clear();
    try {
      safe = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : "en-US";
    } catch {
      // RangeError: not a BCP 47 tag at all — show English formats rather than fail the card.
      safe = "en-US";
    }
    supported.set(locale, safe);
  }
  return safe;
}
