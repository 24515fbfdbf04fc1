// An in-memory copy of a tenant's users, searched the way our directory look-ahead asks Graph to
// search (`$search="displayName:…" OR "mail:…"`): every typed word starts a word of the display
// name or of the address (or the whole value); words split at case changes too ("McDonald").
// Pure: fed by UserChange lists, no I/O.
import type { Person } from "../invitees/ports";

/** The user properties the mirror keeps: what look-ahead shows and decides on, nothing more. */
export interface MirroredUser {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
  jobTitle?: string | null;
  department?: string | null;
}

/**
 * One entry of a delta round. `upsert` carries the properties Graph sent (a later round may send
 * only the changed ones, so they are merged into what is known); `remove` a user who is gone.
 */
export type UserChange = { kind: "upsert"; user: MirroredUser } | { kind: "remove"; id: string };

/** The split the directory's search index tokenises names and addresses by. */
const SEPARATORS = /[\s@._\-:]+/;

interface Row {
  user: MirroredUser;
  /** Insertion order: results come back in the order the directory listed the users. */
  seq: number;
  fields: { value: string; tokens: string[] }[];
}

export class PeopleIndex {
  private readonly rows = new Map<string, Row>();
  private seq = 0;
  /**
   * Every token of every searched field, sorted, for prefix look-up; rebuilt after changes. Two
   * parallel arrays rather than an object per token: a 10 000-user copy holds ~100 000 tokens.
   */
  private tokens: { token: string[]; row: Row[] } | undefined;

  get size(): number {
    return this.rows.size;
  }

  apply(changes: readonly UserChange[]): void {
    // A big round (the first, a resync) rebuilds the token index once; a small one edits it in place,
    // so a look-up after a routine refresh does not wait for ~100 000 tokens to be sorted again.
    const edit = this.tokens !== undefined && changes.length <= Math.max(100, this.rows.size / 20);
    if (!edit) this.tokens = undefined;
    for (const change of changes) {
      const known = this.rows.get(change.kind === "remove" ? change.id : change.user.id);
      if (change.kind === "remove") {
        if (!known) continue;
        this.rows.delete(change.id);
        if (edit) this.unindex(known);
        continue;
      }
      const user = known ? { ...known.user, ...definedOnly(change.user) } : change.user;
      const row: Row = { user, seq: known?.seq ?? this.seq++, fields: searchFields(user) };
      this.rows.set(user.id, row);
      if (edit) {
        if (known) this.unindex(known);
        this.index(row);
      }
    }
  }

  /** Builds the token index now rather than in the first look-up (a full round calls it in the background). */
  prepare(): void {
    this.sortedTokens();
  }

  /** People whose name or address every word of `query` starts (see above); at most `limit`. */
  search(query: string, limit: number): Person[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0 || limit < 1) return [];
    const matches = (row: Row): boolean => row.fields.some((f) => words.every((w) => f.value.startsWith(w) || f.tokens.some((t) => t.startsWith(w))));
    const found: Row[] = [];
    for (const row of this.candidates(words[0]!)) if (matches(row)) found.push(row);
    return found
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((row) => personOf(row.user));
  }

  /**
   * Rows that could match: those with a token starting with the first word's first piece (a
   * whole-value prefix match starts the value's first token too). A word that starts with a
   * separator has no such piece: every row is a candidate.
   */
  private candidates(word: string): Iterable<Row> {
    const piece = word.split(SEPARATORS)[0] ?? "";
    if (piece === "") return this.rows.values();
    const { token, row } = this.sortedTokens();
    const rows = new Set<Row>();
    for (let i = lowerBound(token, piece); i < token.length && token[i]!.startsWith(piece); i++) rows.add(row[i]!);
    return rows;
  }

  private index(row: Row): void {
    const { token, row: rows } = this.tokens!;
    for (const f of row.fields) {
      for (const t of f.tokens) {
        const at = lowerBound(token, t);
        token.splice(at, 0, t);
        rows.splice(at, 0, row);
      }
    }
  }

  private unindex(row: Row): void {
    const { token, row: rows } = this.tokens!;
    for (const f of row.fields) {
      for (const t of f.tokens) {
        for (let i = lowerBound(token, t); i < token.length && token[i] === t; i++) {
          if (rows[i] !== row) continue;
          token.splice(i, 1);
          rows.splice(i, 1);
          break;
        }
      }
    }
  }

  private sortedTokens(): { token: string[]; row: Row[] } {
    if (!this.tokens) {
      const all: [string, Row][] = [];
      for (const row of this.rows.values()) for (const f of row.fields) for (const token of f.tokens) all.push([token, row]);
      all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.tokens = { token: all.map((t) => t[0]), row: all.map((t) => t[1]) };
    }
    return this.tokens;
  }
}

/** The first index whose token is not below `value` (the array is sorted by code unit). */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function searchFields(user: MirroredUser): Row["fields"] {
  return [user.displayName, user.mail]
    .filter((v): v is string => typeof v === "string" && v !== "")
    .map((v) => ({ value: v.toLowerCase(), tokens: tokensOf(v) }));
}

/**
 * Graph's directory search splits at separators and also where the case changes ("SfBMailUser"
 * is found by "mail", "Ronan McDonald" by "donald"); each separated part also stays whole.
 */
function tokensOf(value: string): string[] {
  const tokens: string[] = [];
  for (const part of value.split(SEPARATORS)) {
    if (part === "") continue;
    tokens.push(part.toLowerCase());
    const pieces = part.split(CASE_CHANGE);
    if (pieces.length > 1) for (const piece of pieces) tokens.push(piece.toLowerCase());
  }
  return tokens;
}

const CASE_CHANGE = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

function definedOnly(user: MirroredUser): Partial<MirroredUser> {
  return Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)) as Partial<MirroredUser>;
}

/** A directory user as look-ahead uses them: the address to invite is `mail`, else a usable UPN. */
export function personOf(u: MirroredUser): Person {
  // A guest's UPN ("x_fabrikam.com#EXT#@…") is no mailbox; a member's UPN usually is.
  const upn = u.userPrincipalName && !u.userPrincipalName.includes("#") ? u.userPrincipalName : undefined;
  const person: Person = { aadObjectId: u.id };
  const set = <K extends keyof Person>(key: K, value: Person[K] | null | undefined): void => {
    if (value !== null && value !== undefined) person[key] = value;
  };
  set("displayName", u.displayName);
  set("givenName", u.givenName);
  set("surname", u.surname);
  set("email", u.mail ?? upn);
  set("accountEnabled", u.accountEnabled);
  set("jobTitle", u.jobTitle);
  set("department", u.department);
  return person;
}
