// parseRequest: free text → the parts of a meeting it names. One pipeline for every language;
// each step takes what it reads out of the text, so later steps (and finally the title) only see
// what is left. Nothing is guessed: what looks like a date, time, duration or series but cannot
// be read becomes a `problem` and its field stays null for the draft card to ask about.
//
// Decisions (see resolve-when.ts):
// - Only a time ("at 5pm"): today while that time is still ahead on the user's clock; once it has
//   passed, date = null with a "date" problem quoting the time — the card asks for the day.
// - A weekday ("friday") is the next one still ahead; a series without a date starts at its first
//   occurrence still ahead ("every Monday 09:00" said on Monday 09:30 → next Monday).
// - English "at 3" / "3-4" without am/pm (hours 1–6) is a "time" problem; 24 h languages read 3 as 03:00.
// - No duration written → null (the card applies its default); two different readings of one
//   field → null plus a problem naming both.
// - Languages: en, sv, ja (chrono-node plus local rules) and tr (own rules); others read as en.
import type { Recurrence } from "../types";
import { grammarFor } from "./grammars";
import { EMAIL, relativePiece } from "./lang/common";
import type { Grammar, ReadContext } from "./lang/grammar";
import { firstMatchCopyOf, MaskedText, PLACEHOLDER } from "./masked-text";
import { resolveWhen } from "./resolve-when";
import { collect, flagLeftovers, type Found } from "./rules";
import type { ParseOptions, ParseProblem, ParsedRequest } from "./types";
import { localNow } from "./zone";

/**
 * Reads a request such as "schedule Design review with Aiko and Lars tomorrow 3pm for 45 min"
 * in the user's locale and time zone. Throws UnknownTimeZoneError for a zone Intl does not know.
 */
export function parseRequest(text: string, options: ParseOptions): ParsedRequest {
  const now = localNow(options.timeZone, options.now);
  const grammar = grammarFor(options.locale);
  const problems: ParseProblem[] = [];
  const ctx: ReadContext = { instant: options.now, timeZone: options.timeZone, now, locale: options.locale, problems };
  // NFKC folds full-width digits and colons ("１５：００") into the ASCII the rules read.
  const src = new MaskedText(text.normalize("NFKC").replace(/[’‘`´]/g, "'").trim());

  const agenda = takeAgenda(src, grammar);
  const emails = takeEmails(src);
  takeFirst(src, grammar.command);
  const ends = collect(src, grammar.seriesEnds, problems, "recurrence");
  const recurrences = collect<Recurrence>(src, grammar.recurrences, problems, "recurrence");
  const counts = collect(src, grammar.counts, problems, "recurrence");
  const ranges = collect(src, grammar.timeRanges, problems, "time");
  const relatives = collect(src, grammar.relatives, problems, "date").map((r) => relativePiece(r.text, r.value, ctx));
  const durations = collect(src, grammar.durations, problems, "duration");
  const pieces = [...ranges.map((r) => r.value), ...relatives, ...grammar.readWhen(src, ctx)];
  flagLeftovers(src, grammar.leftovers, problems);
  const inviteeTexts = takeInvitees(src, grammar, emails);
  const title = titleOf(src, grammar);

  const when = resolveWhen({ pieces, durations, recurrences, counts, ends, now, problems });
  const parsed: ParsedRequest = { title, ...when, inviteeTexts, problems };
  if (agenda) parsed.agenda = agenda;
  return parsed;
}

/** Lines after the first are the agenda; so is whatever follows "agenda:" (or the language's word). */
function takeAgenda(src: MaskedText, grammar: Grammar): string | undefined {
  const view = src.view;
  const marker = firstMatchCopyOf(grammar.agenda);
  const newline = view.search(/\r?\n/);
  const m = marker.exec(view);
  let start: number;
  let body: string;
  if (newline >= 0 && (!m || newline < m.index)) {
    start = newline;
    body = view.slice(newline).trim();
    const inner = marker.exec(body);
    if (inner && inner.index === 0) body = inner[1] ?? "";
  } else if (m) {
    start = m.index;
    body = m[1] ?? "";
  } else return undefined;
  src.take(start, view.length);
  return body.trim() || undefined;
}

function takeEmails(src: MaskedText): Found<string>[] {
  const found: Found<string>[] = [];
  for (const m of src.view.matchAll(EMAIL)) {
    const index = m.index ?? 0;
    found.push({ value: m[0], index, text: m[0] });
    src.take(index, index + m[0].length, true);
  }
  return found;
}

function takeFirst(src: MaskedText, pattern: RegExp): void {
  const m = firstMatchCopyOf(pattern).exec(src.view);
  if (m) src.take(m.index, m.index + m[0].length);
}

/** Invitee phrases in text order, e-mail addresses included, each once. */
function takeInvitees(src: MaskedText, grammar: Grammar, emails: Found<string>[]): string[] {
  const found: { index: number; text: string }[] = [];
  const named = new Set<number>();
  for (const seg of src.segments()) {
    for (const phrase of grammar.invitees(seg.text)) {
      src.take(seg.start + phrase.start, seg.start + phrase.end);
      let cursor = phrase.start;
      for (const item of phrase.items) {
        // Where the item was typed, so names and addresses keep the order the user gave them.
        const at = seg.text.indexOf(item, cursor);
        if (at >= 0) cursor = at + item.length;
        const index = seg.start + (at >= 0 ? at : cursor);
        if (item.trim() === "") continue;
        if (!item.includes(PLACEHOLDER)) {
          found.push({ index, text: item.trim() });
          continue;
        }
        // "Anna <anna.k@fabrikam.com>": keep name and address together (the directory reads that
        // form); a bare address is already listed.
        const original = src.text.slice(index, index + item.length).trim();
        if (item.split(PLACEHOLDER).join("").replace(/[<>"'\s]/g, "") === "") continue;
        found.push({ index, text: original });
        for (const e of emails) if (e.index >= index && e.index < index + item.length) named.add(e.index);
      }
    }
  }
  for (const e of emails) if (!named.has(e.index)) found.push({ index: e.index, text: e.value });
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.index - b.index)
    .map((f) => f.text)
    .filter((t) => {
      const key = t.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function titleOf(src: MaskedText, grammar: Grammar): string | null {
  const parts: string[] = [];
  for (const seg of src.segments()) {
    let t = seg.text.split(PLACEHOLDER).join(" ").replace(/\s+/g, " ");
    for (const f of grammar.filler) t = t.replace(f, " ").replace(/\s+/g, " ");
    t = t.trim().replace(/^["'“”「『(]+|["'“”」』)]+$/g, "").trim();
    if (t !== "") parts.push(t);
  }
  const title = parts.join(" ");
  return title === "" || grammar.emptyTitle.test(title) ? null : title;
}
