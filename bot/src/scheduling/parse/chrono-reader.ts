// Dates and times through chrono-node, read as components in the user's zone. chrono gets the
// zone as a fixed offset at "now" (its reference) and its components are that zone's wall clock.
// We take only what it is certain of and decide "which Friday" ourselves (resolve-when.ts):
// without forwardDate chrono picks last Friday, and with it, it judges "ahead" by an implied noon
// rather than by the time the user wrote.
import type { Chrono, ParsedComponents } from "chrono-node";
import type { DayRef, ReadContext, WhenPiece } from "./lang/grammar";
import { hhmm, isAmbiguousHour } from "./lang/common";
import type { MaskedText } from "./masked-text";
import { formatDate, isCalendarDate, localNow, nextDateInMonth, splitDate } from "./zone";

export interface ChronoReadOptions {
  /** English: a bare "at 3" is morning or afternoon — ask, don't guess. */
  twelveHour: boolean;
}

export function readWithChrono(chrono: Chrono, text: MaskedText, ctx: ReadContext, opts: ChronoReadOptions): WhenPiece[] {
  const pieces: WhenPiece[] = [];
  const results = chrono.parse(text.view, { instant: ctx.instant, timezone: ctx.now.offsetMinutes });
  for (const r of results) {
    const piece: WhenPiece = { text: r.text.trim() };
    const day = dayOf(r.start, ctx);
    // "Thursday to Friday 9am", "Dec 3-5": a span of days is not one meeting — which day? Ask.
    const endDay = r.end ? dayOf(r.end, ctx) : undefined;
    if (endDay && JSON.stringify(endDay) !== JSON.stringify(day)) {
      ctx.problems.push({ field: "date", text: piece.text });
      text.take(r.index, r.index + r.text.length);
      continue;
    }
    if (day === null) ctx.problems.push({ field: "date", text: piece.text });
    else if (day) piece.day = day;

    if (r.start.isCertain("hour")) {
      const hour = r.start.get("hour") ?? 0;
      const minute = r.start.get("minute") ?? 0;
      const ambiguous = opts.twelveHour && !r.start.isCertain("meridiem") && isAmbiguousHour(hourText(r.text, hour));
      if (ambiguous) ctx.problems.push({ field: "time", text: piece.text });
      else piece.time = hhmm(hour * 60 + minute);
      if (!ambiguous && r.end?.isCertain("hour")) {
        const end = (r.end.get("hour") ?? 0) * 60 + (r.end.get("minute") ?? 0);
        const duration = (end - (hour * 60 + minute) + 1440) % 1440;
        if (duration > 0) piece.durationMinutes = duration;
      }
    }
    // A result with nothing certain (chrono's "övermorgon" in 2.10) is left for the leftovers check.
    if (day === undefined && !r.start.isCertain("hour")) continue;
    // chrono reads zone abbreviations in any case: "3pm art review" would be 3pm in Argentina. Only
    // a zone written as one ("EST", "UTC", "GMT+2", "+09:00") counts; a lower-case word stays text.
    const zoneRead = r.start.isCertain("timezoneOffset");
    const zoneWritten = zoneRead && WRITTEN_ZONE.test(r.text);
    // A zone chrono read from a word is given back: the word stays in the text (and the title).
    const taken = zoneRead && !zoneWritten ? r.text.replace(/\s*\S+\s*$/, "") : r.text;
    piece.text = taken.trim();
    text.take(r.index, r.index + taken.length);
    // A zone with no time of its own ("tomorrow 3-4pm EST": the range was read first, in the user's
    // zone) cannot be applied here: the card asks for the time.
    if (zoneWritten && !piece.time) ctx.problems.push({ field: "time", text: piece.text.replace(/\s+/g, " ") });
    if (piece.time && zoneWritten) {
      // "3pm EST": the card shows the user's own zone, so the time moves there (and maybe the day).
      const moved = inUserZone(piece, r.start.get("timezoneOffset") ?? 0, ctx);
      if (moved === null) {
        ctx.problems.push({ field: "time", text: piece.text });
        continue;
      }
      Object.assign(piece, moved);
    }
    if (piece.day || piece.time) pieces.push(piece);
  }
  return pieces;
}

/** The day a result names; undefined when it names none, null when it is too vague ("in December"). */
function dayOf(c: ParsedComponents, ctx: ReadContext): DayRef | null | undefined {
  const y = c.get("year"), m = c.get("month"), d = c.get("day");
  if (c.isCertain("day") && c.isCertain("month") && m !== null && d !== null) {
    if (c.isCertain("year") && y !== null) return isCalendarDate(y, m, d) ? { kind: "date", date: formatDate(y, m, d) } : null;
    return { kind: "monthDay", month: m, day: d };
  }
  if (c.isCertain("weekday")) {
    const implied = y !== null && m !== null && d !== null ? formatDate(y, m, d) : ctx.now.date;
    // "next Friday" implies a later date than "Friday"; a past implied date starts from today.
    return { kind: "weekday", weekday: c.get("weekday") ?? 0, earliest: implied > ctx.now.date ? implied : ctx.now.date };
  }
  if (c.isCertain("month") || c.isCertain("year")) return null;
  return undefined;
}

/** The digits the user typed for the hour ("03" vs "3"), to tell "03:00" from an ambiguous "3". */
function hourText(text: string, hour: number): string {
  const m = new RegExp(`(?<!\\d)(0?${hour % 12 || 12}|${hour})(?!\\d)`).exec(text);
  return m?.[1] ?? String(hour);
}

/**
 * The text ends with a zone as people write one: a common abbreviation in capitals, or an offset.
 * chrono knows many more ("ART", "CAT", "ICT"), which are also words in titles ("3pm CAT review").
 */
export const ZONE_ABBREVIATIONS = "UTC|GMT|[ECMP][SD]T|AK[SD]T|HST|A[SD]T|N[SD]T|WES?T|CES?T|EES?T|BST|IST|MSK|JST|KST|HKT|SGT|AC?[SD]T|AE[SD]T|AWST|NZ[SD]T";
const WRITTEN_ZONE = new RegExp(`(?:\\b(?:${ZONE_ABBREVIATIONS})|\\b(?:UTC|GMT)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}|\\bZ)\\s*$`);

/**
 * A time written in another zone ("15:00 UTC") as the user's wall clock. Needs the date to know
 * the user's offset that day; a weekday or a bare time in another zone ("Friday 3pm EST") is
 * left for the card (null) unless the two zones agree right now.
 */
function inUserZone(piece: WhenPiece, offsetMinutes: number, ctx: ReadContext): Pick<WhenPiece, "day" | "time"> | null {
  const [hour, minute] = piece.time!.split(":").map(Number) as [number, number];
  const date =
    piece.day?.kind === "date"
      ? piece.day.date
      : piece.day?.kind === "monthDay"
        ? nextDateInMonth(splitDate(ctx.now.date)[0], piece.day.month, piece.day.day, (d) => d >= ctx.now.date)
        : null;
  if (date === null) return offsetMinutes === ctx.now.offsetMinutes ? { time: piece.time } : null;
  const [y, m, d] = splitDate(date);
  const local = localNow(ctx.timeZone, new Date(Date.UTC(y, m - 1, d, hour, minute) - offsetMinutes * 60_000));
  return { day: { kind: "date", date: local.date }, time: local.time };
}
