// Turning the invitee phrases of a request into invitees, the questions the draft card must ask,
// and the notices it must show. Decisions are pure (phrases.ts, match-names.ts, invitee-list.ts);
// this file only orders the look-ups. SPEC.md "What each mode can do": in individual mode the
// directory, groups and contact folders are never asked (the scopes do not cover them) — names
// resolve through the conversation roster only, and the card says an admin can enable the rest.
import type { AuthorizationMode } from "../../accounts/types";
import type { Invitee, InviteeSource, UnresolvedInvitee } from "../../scheduling/types";
import { InviteeBook, InviteeList, personAddress, rosterPerson, type InviteeCandidate } from "./invitee-list";
import { decideName, nameTier, rankPeople, foldName, type RankedPerson } from "./match-names";
import { CHANNEL_TOKEN, classifyPhrase } from "./phrases";
import { DirectoryAccessDeniedError, type InviteePorts, type Person, type RosterMember } from "./ports";

export type InviteeNotice =
  /** Names could not be looked up in the directory (nor as groups or contact folders): an admin can enable it. */
  | "directory-needs-admin"
  /** Groups or contact folders could not be read: an admin can enable it. */
  | "groups-need-admin"
  /** "The channel" was asked for where its members cannot be listed (no roster; no permission). */
  | "channel-members-unavailable";

export interface ResolveContext {
  mode: AuthorizationMode;
  organizerEmail?: string;
  organizerUserId: string;
  verifiedDomains: readonly string[];
  /** The conversation's members (Bot Framework roster: no Graph permission needed). */
  roster?: readonly RosterMember[];
  /** The tab in a team, tenant mode, no roster passed: the team's group for "@channel" (Group.Read.All). */
  teamGroupId?: string;
}

/** An UnresolvedInvitee whose candidates carry job title and department for the card. */
export interface InviteeQuestion extends UnresolvedInvitee {
  candidates?: InviteeCandidate[];
}

export interface ResolvedInvitees {
  invitees: Invitee[];
  unresolved: InviteeQuestion[];
  notices: InviteeNotice[];
  /** Conversation members not invited yet — shown on the card even when nobody asked. */
  suggestions: Invitee[];
}

export const MAX_CANDIDATES = 5;
export const MAX_SUGGESTIONS = 5;
/** More than the candidates shown, so ranking can reorder what the directory returned. */
export const SEARCH_LIMIT = 10;

type Outcome =
  | { kind: "people"; people: Person[]; source: InviteeSource }
  | { kind: "question"; reason: UnresolvedInvitee["reason"]; ranked?: RankedPerson[] };

interface Resolved {
  outcome: Outcome;
  notices: InviteeNotice[];
}

export async function resolveInvitees(inputs: readonly string[], ports: InviteePorts, ctx: ResolveContext): Promise<ResolvedInvitees> {
  const book = new InviteeBook({ userId: ctx.organizerUserId, ...(ctx.organizerEmail ? { email: ctx.organizerEmail } : {}) }, ctx.verifiedDomains);
  const roster = (ctx.roster ?? []).map(rosterPerson);
  const rosterEmails = new Set(roster.map(personAddress).filter((a): a is string => a !== undefined));
  const inRoster = (p: Person): boolean => {
    const a = personAddress(p);
    return a !== undefined && rosterEmails.has(a);
  };

  // One look-up per distinct name, all started at once; the gateway caps concurrency.
  const lookups = new Map<string, Promise<Resolved>>();
  const lookup = (name: string): Promise<Resolved> => {
    const key = foldName(name);
    let pending = lookups.get(key);
    if (!pending) {
      pending = resolveName(name, ports, ctx, book, roster, inRoster);
      lookups.set(key, pending);
    }
    return pending;
  };
  const phrases = inputs.map((raw) => ({ raw: raw.trim(), phrase: classifyPhrase(raw) }));
  const results = await Promise.all(
    phrases.map(({ phrase }): Promise<Resolved> | undefined => {
      if (phrase.kind === "name") return lookup(phrase.name);
      if (phrase.kind === "channel") return resolveChannel(ports, ctx, roster);
      return undefined;
    }),
  );

  const list = new InviteeList(book);
  const unresolved: InviteeQuestion[] = [];
  const asked = new Set<string>();
  const notices = new Set<InviteeNotice>();
  const ask = (text: string, reason: UnresolvedInvitee["reason"], ranked?: RankedPerson[]): void => {
    if (asked.has(text.toLowerCase())) return;
    asked.add(text.toLowerCase());
    const candidates = (ranked ?? [])
      .map((r) => book.toInvitee(r.person, inRoster(r.person) ? "channel" : "directory"))
      .filter((c): c is InviteeCandidate => c !== undefined)
      .slice(0, MAX_CANDIDATES);
    unresolved.push(candidates.length > 0 ? { text, reason, candidates } : { text, reason });
  };

  phrases.forEach(({ raw, phrase }, i) => {
    switch (phrase.kind) {
      case "empty":
        return;
      case "invalid-email":
        return ask(raw, "invalid-email");
      case "email": {
        // A typed address keeps what the user typed; the roster only lends it a name.
        const member = roster.find((p) => personAddress(p) === phrase.address);
        const displayName = phrase.displayName ?? member?.displayName;
        return list.add({ ...member, email: phrase.address, ...(displayName ? { displayName } : {}) }, "typed");
      }
      case "channel":
      case "name": {
        const { outcome, notices: found } = results[i]!;
        found.forEach((n) => notices.add(n));
        if (outcome.kind === "people") return outcome.people.forEach((p) => list.add(p, outcome.source));
        return ask(phrase.kind === "channel" ? CHANNEL_TOKEN : raw, outcome.reason, outcome.ranked);
      }
    }
  });

  const suggestions: Invitee[] = [];
  for (const p of roster) {
    if (suggestions.length >= MAX_SUGGESTIONS) break;
    const address = personAddress(p);
    if (!address || list.has(address) || !book.isInvitable(p) || suggestions.some((s) => s.email === address)) continue;
    const invitee = book.toInvitee(p, "channel");
    if (invitee) suggestions.push(invitee);
  }
  return { invitees: list.list(), unresolved, notices: [...notices], suggestions };
}

async function resolveChannel(ports: InviteePorts, ctx: ResolveContext, roster: Person[]): Promise<Resolved> {
  if (ctx.roster) return { outcome: { kind: "people", people: roster, source: "channel" }, notices: [] };
  const notices: InviteeNotice[] = ["channel-members-unavailable"];
  if (ctx.mode === "tenant" && ctx.teamGroupId) {
    // A team is a Microsoft 365 group: its members need Group.Read.All, not TeamMember.Read.All.
    const members = await unlessDenied(() => ports.groupMembers(ctx.teamGroupId!));
    if (members) return { outcome: { kind: "people", people: members, source: "channel" }, notices: [] };
    notices.push("groups-need-admin");
  }
  // No channel here (a personal chat) is "not found"; one we may not list is "not permitted".
  return { outcome: { kind: "question", reason: ctx.mode === "tenant" && !ctx.teamGroupId ? "not-found" : "not-permitted" }, notices };
}

async function resolveName(
  name: string,
  ports: InviteePorts,
  ctx: ResolveContext,
  book: InviteeBook,
  roster: Person[],
  inRoster: (p: Person) => boolean,
): Promise<Resolved> {
  const notices: InviteeNotice[] = [];
  const rosterMatches = roster.filter((p) => nameTier(name, p) !== undefined);
  let found = rosterMatches;
  let searched = false;
  if (ctx.mode === "tenant") {
    const people = await unlessDenied(() => ports.searchPeople(name, SEARCH_LIMIT));
    if (people) {
      searched = true;
      found = mergeByAddress(people, rosterMatches);
    } else notices.push("directory-needs-admin");
  }

  // The organizer and disabled accounts are never candidates; naming oneself is simply satisfied.
  const usable = found.filter((p) => p.accountEnabled !== false && personAddress(p) !== undefined);
  const ranked = rankPeople(name, usable.filter((p) => book.isInvitable(p)), inRoster);
  const strong = ranked.some((r) => r.tier < 2);
  if (strong) return settle(decideName(ranked), notices);
  if (usable.some((p) => !book.isInvitable(p) && nameTier(name, p) !== undefined)) return { outcome: { kind: "people", people: [], source: "directory" }, notices };

  if (!searched) {
    if (ctx.mode === "individual") notices.push("directory-needs-admin");
    return { outcome: { kind: "question", reason: "not-permitted" }, notices };
  }

  // Not a person by name: the organizer's own contact folder, else a group — looked up only now,
  // so that an ordinary name costs one look-up.
  const owner = { userId: ctx.organizerUserId };
  const [folder, group] = await Promise.all([unlessDenied(() => ports.findContactFolderByName(owner, name)), unlessDenied(() => ports.findGroupByName(name))]);
  if (folder === null || group === null) notices.push("groups-need-admin");
  if (folder) {
    const contacts = await unlessDenied(() => ports.contactFolderContacts(owner, folder.id));
    if (contacts) return expanded(contacts, "contact-folder", book, notices);
  }
  if (group) {
    const members = await unlessDenied(() => ports.groupMembers(group.id));
    if (members) return expanded(members, "group", book, notices);
  }
  if (folder || group) notices.push("groups-need-admin");
  const decision = decideName(ranked);
  // Nobody by that name, but the groups and folders it may name could not be read: not a "no".
  if (decision.kind === "none" && notices.includes("groups-need-admin")) return { outcome: { kind: "question", reason: "not-permitted" }, notices };
  return settle(decision, notices);
}

function settle(decision: ReturnType<typeof decideName>, notices: InviteeNotice[]): Resolved {
  switch (decision.kind) {
    case "one":
      return { outcome: { kind: "people", people: [decision.match.person], source: decision.match.inRoster ? "channel" : "directory" }, notices };
    case "ambiguous":
      return { outcome: { kind: "question", reason: "ambiguous", ranked: decision.ranked }, notices };
    case "none":
      return { outcome: { kind: "question", reason: "not-found" }, notices };
  }
}

/** A group or folder that yields nobody to invite is reported, not silently dropped. */
function expanded(people: Person[], source: InviteeSource, book: InviteeBook, notices: InviteeNotice[]): Resolved {
  if (!people.some((p) => book.isInvitable(p))) return { outcome: { kind: "question", reason: "not-found" }, notices };
  return { outcome: { kind: "people", people, source }, notices };
}

/** Directory results first; a roster member the search missed joins them. */
function mergeByAddress(first: Person[], second: Person[]): Person[] {
  const seen = new Set(first.map(personAddress));
  return [...first, ...second.filter((p) => !seen.has(personAddress(p)))];
}

/** The port's answer, or null when the tenant has not granted what it needs (other failures propagate). */
async function unlessDenied<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DirectoryAccessDeniedError) return null;
    throw error;
  }
}
