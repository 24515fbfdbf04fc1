// Turning people into invitees, and the invitee list itself: one entry per address
// (case-insensitive), the organizer never on it, disabled accounts never on it — pure.
import type { Invitee, InviteeSource } from "../../scheduling/types";
import { domainOf, normaliseAddress } from "../addresses";
import { normaliseDomains } from "../organization-check";
import type { Person, RosterMember } from "./ports";

/** An invitee offered as a choice: the card shows job title and department to tell people apart. */
export interface InviteeCandidate extends Invitee {
  jobTitle?: string;
  department?: string;
}

export interface Organizer {
  userId: string;
  email?: string;
}

/** The address to invite: a person's e-mail, or a roster member's UPN when it is a real mailbox. */
export function personAddress(p: Person): string | undefined {
  return normaliseAddress(p.email);
}

export function rosterPerson(m: RosterMember): Person {
  // A guest's UPN ("x_fabrikam.com#EXT#@contoso.onmicrosoft.com") is no mailbox: only a clean UPN stands in for a missing e-mail.
  const upn = m.userPrincipalName && !m.userPrincipalName.includes("#") ? m.userPrincipalName : undefined;
  const email = m.email ?? upn;
  return {
    displayName: m.name,
    ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}),
    ...(m.givenName ? { givenName: m.givenName } : {}),
    ...(m.surname ? { surname: m.surname } : {}),
    ...(email ? { email } : {}),
  };
}

export class InviteeBook {
  private readonly verified: Set<string>;
  private readonly organizerEmail: string | undefined;
  private readonly organizerId: string;

  constructor(organizer: Organizer, verifiedDomains: readonly string[]) {
    this.verified = new Set(normaliseDomains(verifiedDomains));
    this.organizerEmail = normaliseAddress(organizer.email);
    this.organizerId = organizer.userId.toLowerCase();
  }

  isOrganizer(p: Pick<Person, "aadObjectId">, address: string | undefined): boolean {
    return (address !== undefined && address === this.organizerEmail) || p.aadObjectId?.toLowerCase() === this.organizerId;
  }

  /** Someone who can be invited: an address, an enabled account, not the organizer. */
  isInvitable(p: Person): boolean {
    const address = personAddress(p);
    return address !== undefined && p.accountEnabled !== false && !this.isOrganizer(p, address);
  }

  /** Outside every verified domain of the organizer's tenant (a guest). */
  isExternal(address: string): boolean {
    return !this.verified.has(domainOf(address));
  }

  toInvitee(p: Person, source: InviteeSource): InviteeCandidate | undefined {
    const email = personAddress(p);
    if (!email) return undefined;
    return {
      email,
      ...(p.displayName ? { displayName: p.displayName } : {}),
      source,
      ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}),
      external: this.isExternal(email),
      ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}),
      ...(p.department ? { department: p.department } : {}),
    };
  }
}

/** Invitees in the order they were added, one per lower-case address; a repeat only fills gaps. */
export class InviteeList {
  private readonly byEmail = new Map<string, Invitee>();

  constructor(private readonly book: InviteeBook) {}

  add(p: Person, source: InviteeSource): void {
    if (!this.book.isInvitable(p)) return;
    const invitee = this.book.toInvitee(p, source);
    if (!invitee) return;
    // The card shows the candidate details; the invitee carries only what the draft stores.
    const { jobTitle: _title, department: _department, ...plain } = invitee;
    const existing = this.byEmail.get(plain.email);
    if (!existing) {
      this.byEmail.set(plain.email, plain);
      return;
    }
    if (!existing.displayName && plain.displayName) existing.displayName = plain.displayName;
    if (!existing.aadObjectId && plain.aadObjectId) existing.aadObjectId = plain.aadObjectId;
  }

  has(address: string): boolean {
    return this.byEmail.has(address);
  }

  list(): Invitee[] {
    return [...this.byEmail.values()];
  }
}
