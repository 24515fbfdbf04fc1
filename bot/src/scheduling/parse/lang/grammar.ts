// What one language contributes to the parser. The pipeline (parse-request.ts) is the same for
// every language; a grammar only knows its words.
import type { Recurrence } from "../../types";
import type { MaskedText } from "../masked-text";
import type { LocalNow } from "../zone";
import type { ParseProblem, ProblemField } from "../types";

/**
 * A phrase pattern and how to read a match: a value, `null` when the phrase is clearly meant
 * (so it is taken and reported as a problem) but unreadable, or `undefined` when the match is not
 * this kind of phrase after all (it stays for the other readers).
 */
export interface Rule<T> {
  pattern: RegExp;
  read(m: RegExpExecArray): T | null | undefined;
}

/** A day as written; which calendar date it is also depends on "now" and the time (resolve-when.ts). */
export type DayRef =
  | { kind: "date"; date: string }
  /** Month and day without a year: the next one. */
  | { kind: "monthDay"; month: number; day: number }
  /** A weekday: the first one on or after `earliest` that is still ahead. */
  | { kind: "weekday"; weekday: number; earliest: string }
  /** "on the 5th": the next 5th. */
  | { kind: "dayOfMonth"; day: number };

/** One date/time phrase found in the text. */
export interface WhenPiece {
  text: string;
  day?: DayRef;
  /** HH:mm */
  time?: string;
  durationMinutes?: number;
}

/** "in 2 hours", "om 3 dagar", "2時間後", "1 saat sonra": from now. */
export interface RelativePhrase {
  amount: number;
  unit: "minute" | "hour" | "day" | "week";
}

/**
 * A series' last date as written ("until March 31", "t.o.m. 31 mars", "3月末まで", "31 Mart'a
 * kadar"): a full date, a month and day (the first one on or after the series' start), or the
 * end of a month.
 */
export type SeriesEnd =
  | { kind: "date"; date: string }
  | { kind: "monthDay"; month: number; day: number }
  | { kind: "monthEnd"; month: number; year?: number };

export type CountPhrase = { times: number } | { n: number; unit: "day" | "week" | "month" };

export interface ReadContext {
  /** The real instant (chrono's reference) and how it reads on the user's wall clock. */
  instant: Date;
  timeZone: string;
  now: LocalNow;
  locale: string;
  problems: ParseProblem[];
}

export interface Grammar {
  /** Free text after this starts the agenda (group 1). */
  agenda: RegExp;
  /** The command word(s) ("schedule", "boka", "予約して", "planla"); the first match is removed. */
  command: RegExp;
  recurrences: Rule<Recurrence>[];
  /** "for 10 weeks", "10 times": the end of a series. */
  counts: Rule<CountPhrase>[];
  /**
   * "until March 31": the series' last date. Read before any other date or time, so the date is
   * not taken for the start and "till"/"まで" not for the end of a time range.
   */
  seriesEnds: Rule<SeriesEnd>[];
  /** "15-16", "from 3 to 4pm", "15時から16時": start time and duration. */
  timeRanges: Rule<WhenPiece>[];
  /** Read before durations: "2 timmar" in "om 2 timmar" is not a length. */
  relatives: Rule<RelativePhrase>[];
  durations: Rule<number>[];
  /** Dates and times (chrono-node or the language's own reader); takes what it reads from `text`. */
  readWhen(text: MaskedText, ctx: ReadContext): WhenPiece[];
  /** Date/time-like words still left after reading: each one is a problem, never a guess. */
  leftovers: { field: ProblemField; pattern: RegExp }[];
  /** Finds invitee phrases in one segment of untaken text; returns their spans (segment-relative). */
  invitees(segment: string): { start: number; end: number; items: string[] }[];
  /** Words that carry no title meaning ("a Webex meeting", "を", "bir toplantı"), removed per segment. */
  filler: RegExp[];
  /** A title that is only one of these words is no title. */
  emptyTitle: RegExp;
}
