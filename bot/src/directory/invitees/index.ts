// directory/invitees — who a meeting request invites: typed e-mails, names (directory look-ahead),
// "the channel" (the Bot Framework roster), groups and contact folders, within what the tenant's
// authorization mode permits (SPEC.md "What each mode can do"). The Graph implementation of the
// ports (bot/src/graph/invitee-ports.ts) is a gateway: the composition root imports it directly.
export { resolveInvitees, MAX_CANDIDATES, MAX_SUGGESTIONS, SEARCH_LIMIT, type InviteeNotice, type InviteeQuestion, type ResolveContext, type ResolvedInvitees } from "./resolve";
export { DirectoryAccessDeniedError, type InviteePorts, type MailboxOwner, type Person, type RosterMember } from "./ports";
export { CHANNEL_TOKEN, classifyPhrase, type Phrase } from "./phrases";
export { decideName, foldName, nameTier, rankPeople, type MatchTier, type NameDecision, type RankedPerson } from "./match-names";
export type { InviteeCandidate } from "./invitee-list";
export { collectRoster, toRosterMembers, DEFAULT_MAX_ROSTER, ROSTER_PAGE_SIZE, type CollectedRoster } from "./roster";
