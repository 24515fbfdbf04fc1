// The request text with the pieces already read blanked out. Every reader works on `view`, which
// keeps the original length (so indices always point into the text the user typed) and shows a
// taken piece as spaces — or, for e-mail addresses, as a placeholder that still belongs to the
// sentence (so "with aiko@contoso.com, Lars" stays one invitee phrase).

/** Stands in for each character of an e-mail address that was already taken as an invitee. */
export const PLACEHOLDER = "\uE000";

export interface Segment {
  start: number;
  text: string;
}

export class MaskedText {
  private readonly chars: string[];
  private readonly gap: boolean[];
  // Every reader asks for the view far more often than anything is taken, and one scan may take
  // many pieces: joined when read after a change, not on every take (a 20 KB message with a
  // thousand pieces would otherwise join 20 MB).
  private joined: string | undefined;

  constructor(readonly text: string) {
    // Index by UTF-16 unit (as RegExp and String#slice do), not by code point.
    this.chars = text.split("");
    this.gap = this.chars.map(() => false);
    this.joined = text;
  }

  get view(): string {
    if (this.joined === undefined) this.joined = this.chars.join("");
    return this.joined;
  }

  /** Blanks [start, end). `placeholder` keeps the piece inside the surrounding phrase. */
  take(start: number, end: number, placeholder = false): void {
    if (end <= start) return;
    for (let i = start; i < end; i++) {
      this.chars[i] = placeholder ? PLACEHOLDER : " ";
      this.gap[i] = !placeholder;
    }
    this.joined = undefined;
  }

  /**
   * Runs a regex over the view (all matches); for each, `read` decides: `true` takes the match,
   * a span takes that span, `false` leaves the text for other readers.
   */
  scan(pattern: RegExp, read: (m: RegExpExecArray) => boolean | { start: number; end: number }): void {
    const re = globalCopyOf(pattern);
    re.lastIndex = 0;
    const view = this.view;
    for (let m = re.exec(view); m; m = re.exec(view)) {
      if (m[0] === "") {
        re.lastIndex++;
        continue;
      }
      const taken = read(m);
      if (taken === true) this.take(m.index, m.index + m[0].length);
      else if (taken) this.take(taken.start, taken.end);
    }
  }

  /** Maximal runs of text nothing has taken yet (placeholders included), blank runs left out. */
  segments(): Segment[] {
    const out: Segment[] = [];
    let start = -1;
    for (let i = 0; i <= this.chars.length; i++) {
      const free = i < this.chars.length && !this.gap[i];
      if (free && start < 0) start = i;
      if (!free && start >= 0) {
        const text = this.chars.slice(start, i).join("");
        if (text.split(PLACEHOLDER).join("").trim() !== "") out.push({ start, text });
        start = -1;
      }
    }
    return out;
  }
}

// Grammars are built once and shared, so their patterns are never run directly (lastIndex would
// be shared too): scan runs a global copy, a single exec a copy without `g`, each compiled once.
const copies = { global: new WeakMap<RegExp, RegExp>(), first: new WeakMap<RegExp, RegExp>() };

function copyOf(pattern: RegExp, kind: keyof typeof copies): RegExp {
  let copy = copies[kind].get(pattern);
  if (!copy) {
    const flags = pattern.flags.replace("g", "");
    copy = new RegExp(pattern.source, kind === "global" ? flags + "g" : flags);
    copies[kind].set(pattern, copy);
  }
  return copy;
}

const globalCopyOf = (pattern: RegExp): RegExp => copyOf(pattern, "global");

/** A shared pattern's copy without `g`, for a single `exec` from the start that no lastIndex can move. */
export const firstMatchCopyOf = (pattern: RegExp): RegExp => copyOf(pattern, "first");

const WORD = "[\\p{L}\\p{N}_]";
const BOUNDARY = `(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;

/**
 * A case-insensitive Unicode regex where `\b` is a real word boundary: JavaScript's `\b` only
 * knows ASCII, so it fails next to "å", "ı" or "ü" ("salı", "i övermorgon").
 */
export function rx(source: string, flags = "giu"): RegExp {
  return new RegExp(source.replace(/\\b/g, BOUNDARY), flags);
}
