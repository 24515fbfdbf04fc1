// The ports invitee resolution needs: directory people search, groups (transitive members) and
// the organizer's contact folders. Graph implements them (bot/src/graph/invitee-ports.ts); the channel
// roster is not a port but data the caller already holds (Bot Framework, or the tab's request).
// Nothing here imports a gateway, botbuilder or the store (ARCHITECTURE.md).

/** A directory user, group member or contact — the fields resolution reads. */
export interface Person {
  /** Entra object id; absent for personal contacts. */
  aadObjectId?: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  /** The address to invite (Graph `mail`, else a usable UPN, or a contact's first address); raw. */
  email?: string;
  /** false for a disabled account; absent means enabled (contacts have no such flag). */
  accountEnabled?: boolean;
  jobTitle?: string;
  department?: string;
}

/** One member of the conversation's roster (Bot Framework `TeamsInfo.getPagedMembers`). */
export interface RosterMember {
  /** The channel account id ("29:…"). */
  id: string;
  name: string;
  email?: string;
  aadObjectId?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
}

/** Whose mailbox holds the contact folders: `/users/{id}` with app permissions, `/me` delegated. */
export type MailboxOwner = { userId: string } | "me";

export interface InviteePorts {
  /** Directory look-ahead, best matches first as the directory ranks them; at most `limit`. */
  searchPeople(query: string, limit: number): Promise<Person[]>;
  /** A group whose displayName equals `name` (case-insensitive), or undefined. */
  findGroupByName(name: string): Promise<{ id: string; displayName: string } | undefined>;
  /** Users only, nested groups expanded (transitive members), every page. */
  groupMembers(groupId: string): Promise<Person[]>;
  /** One of the owner's contact folders whose displayName equals `name` (case-insensitive). */
  findContactFolderByName(owner: MailboxOwner, name: string): Promise<{ id: string } | undefined>;
  /** The folder's contacts that carry an e-mail address, every page. */
  contactFolderContacts(owner: MailboxOwner, folderId: string): Promise<Person[]>;
}

/**
 * A port was refused for lack of permission (Graph 403): the tenant's admin has not granted what
 * the look-up needs. Resolution degrades to typed e-mails and says so; it never asks for more.
 */
export class DirectoryAccessDeniedError extends Error {
  constructor(
    readonly operation: keyof InviteePorts,
    options?: { cause?: unknown },
  ) {
    super(`The directory refused ${operation}: the app lacks the permission (an admin can grant it).`, options);
    this.name = "DirectoryAccessDeniedError";
  }
}
