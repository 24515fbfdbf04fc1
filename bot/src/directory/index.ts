// directory/ — matching Microsoft 365 users to Webex accounts by e-mail. Pure decisions plus one
// service (matchUser) over the ports in ports.ts; index.ts at the root adapts gateways and the store.
export { ADDRESS_SOURCES, candidateAddresses, domainOf, normaliseAddress, type AddressSource, type AddressedUser, type CandidateAddress } from "./addresses";
export { checkOrganization, normaliseDomains, type DomainNotVerified, type OrganizationCheck } from "./organization-check";
export { decideMatch, linkMatchSource, matchedFromLink, needsRematch, planLookups, type MatchDecision, type Matched, type MatchedSource, type WebexLookup } from "./match";
export { matchUser, type LinkChange, type MatchUserDeps, type MatchUserResult } from "./match-user";
export { explainMatch, type MatchMessagePart, type NextStep } from "./explain";
export {
  LINK_MATCH_SOURCES,
  type AccountLinks,
  type DirectoryReader,
  type DirectoryUser,
  type DirectoryUserRef,
  type LinkMatchSource,
  type StoredAccountLink,
  type WebexPeople,
  type WebexPersonSummary,
} from "./ports";
