// Which of the people a look-up found a typed name means — pure. CONVERSATIONS.md §3: ambiguity is
// a question, not a guess, so only one clearly best match resolves; everything else is offered.
import type { Person } from "./ports";

/** 0: the whole name as typed · 1: every typed word starts a name part · 2: found some other way. */
export type MatchTier = 0 | 1 | 2;

export interface RankedPerson {
  person: Person;
  tier: MatchTier;
  /** A member of the conversation: listed first among equals (the likelier referent). */
  inRoster: boolean;
}

export type NameDecision =
  | { kind: "one"; match: RankedPerson }
  /** Best first; may hold a single weak match the user should confirm. */
  | { kind: "ambiguous"; ranked: RankedPerson[] }
  | { kind: "none" };

/** Case-, accent- and spacing-insensitive form ("Laura Díaz" = "laura diaz"). */
export function foldName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function nameParts(p: Person): string[] {
  const parts = [p.displayName, p.givenName, p.surname].flatMap((v) => (v ? foldName(v).split(/[\s\-,.()]+/) : []));
  return [...new Set(parts.filter(Boolean))];
}

/**
 * How well `query` names `p`; undefined when it does not name them at all (used to filter lists
 * held locally, like the roster — a directory search result that is `undefined` here counts as 2).
 */
export function nameTier(query: string, p: Person): MatchTier | undefined {
  const q = foldName(query);
  if (q === "") return undefined;
  const full = [p.displayName, p.givenName && p.surname ? `${p.givenName} ${p.surname}` : undefined];
  if (full.some((n) => n !== undefined && foldName(n) === q)) return 0;
  // Each typed word must start a different name part: "anna b" is Anna Berg, not Anna Lind.
  const parts = nameParts(p);
  const used = new Set<number>();
  for (const word of q.split(" ")) {
    const at = parts.findIndex((part, i) => !used.has(i) && part.startsWith(word));
    if (at < 0) return undefined;
    used.add(at);
  }
  return 1;
}

// localeCompare with a locale builds a collator on every call; one shared collator compares the same way.
const byName = new Intl.Collator("en", { sensitivity: "base" }).compare;

/** Best first: tier, then conversation members, then display name. */
export function rankPeople(query: string, people: readonly Person[], inRoster: (p: Person) => boolean): RankedPerson[] {
  const ranked = people.map((person) => ({ person, tier: nameTier(query, person) ?? 2, inRoster: inRoster(person) }));
  return ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      Number(b.inRoster) - Number(a.inRoster) ||
      byName(a.person.displayName ?? "", b.person.displayName ?? ""),
  );
}

/**
 * One person is the answer when they alone hold the best tier and that tier is a real name match
 * (0 or 1). Several at the best tier, or only weak matches (a hit on the address or the title),
 * make a question.
 */
export function decideName(ranked: readonly RankedPerson[]): NameDecision {
  const best = ranked[0];
  if (!best) return { kind: "none" };
  const tied = ranked.filter((r) => r.tier === best.tier);
  if (best.tier < 2 && tied.length === 1) return { kind: "one", match: best };
  return { kind: "ambiguous", ranked: [...ranked] };
}
