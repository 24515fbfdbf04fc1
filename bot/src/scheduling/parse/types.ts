// What parseRequest() returns: the parts of a free-text scheduling request it could read, and the
// parts it could not (so the draft card can ask instead of the parser guessing).
import type { Recurrence } from "../types";

/** The invitee phrase for "the channel", "everyone here", "kanalen", "チャネルのメンバー", "kanal"… */
export const CHANNEL_INVITEE = "@channel";

export type ProblemField = "date" | "time" | "duration" | "recurrence";

/** A piece of the request the user wrote that could not be read; the card highlights `field`. */
export interface ParseProblem {
  field: ProblemField;
  /** The words as the user typed them (after Unicode NFKC normalisation). */
  text: string;
}

export interface ParseOptions {
  /** BCP 47 client locale, e.g. "sv-SE"; picks the grammar (en, sv, ja, tr; others read as en). */
  locale: string;
  /** IANA zone of the user (the Teams activity's `localTimezone`). */
  timeZone: string;
  now: Date;
}

export interface ParsedRequest {
  title: string | null;
  /** YYYY-MM-DD in the user's zone. */
  date: string | null;
  /** HH:mm (24 h) in the user's zone. */
  startTime: string | null;
  durationMinutes: number | null;
  recurrence: Recurrence | null;
  /** Raw invitee phrases in the order typed: names, e-mail addresses, CHANNEL_INVITEE, group names. */
  inviteeTexts: string[];
  agenda?: string;
  problems: ParseProblem[];
}
