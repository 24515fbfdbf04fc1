import { z } from "zod";
import type { GraphAccess } from "../accounts/types";
import type { GraphBatchOptions } from "./batch";
import { LOOK_AHEAD_USER_SELECT, LookAheadUserJson } from "./look-ahead-user";
import { createGetBatcher, GraphRequestError, type GetBatcher } from "./get-batcher";
import { personOf } from "../directory/mirror/people-index";
import { DirectoryAccessDeniedError, type InviteePorts, type MailboxOwner, type Person } from "../directory/invitees/ports";

/**
 * The invitee ports over Microsoft Graph, with the application permissions of tenant mode
 * (SPEC.md: User.Read.All / Directory.Read.All, Group.Read.All, Contacts.Read). Calls started
 * together share one `$batch` (graph-get-batcher.ts). A 403 becomes DirectoryAccessDeniedError:
 * the resolver degrades and tells the user, it never asks for more permissions.
 */

const page = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item), "@odata.nextLink": z.string().optional() });

// https://learn.microsoft.com/graph/api/user-list (with $search: https://learn.microsoft.com/graph/search-query-parameter)
const UserPage = page(LookAheadUserJson);
// https://learn.microsoft.com/graph/api/group-list
const GroupPage = page(z.object({ id: z.string(), displayName: z.string().nullish() }));
// https://learn.microsoft.com/graph/api/group-list-transitivemembers — directoryObjects of any type.
const MemberPage = page(z.object({ "@odata.type": z.string().optional() }).passthrough());
// https://learn.microsoft.com/graph/api/user-list-contactfolders
const FolderPage = page(z.object({ id: z.string(), displayName: z.string().nullish() }));
// https://learn.microsoft.com/graph/api/contactfolder-list-contacts
const ContactPage = page(
  z.object({
    id: z.string(),
    displayName: z.string().nullish(),
    givenName: z.string().nullish(),
    surname: z.string().nullish(),
    jobTitle: z.string().nullish(),
    department: z.string().nullish(),
    emailAddresses: z.array(z.object({ name: z.string().nullish(), address: z.string().nullish() })).nullish(),
  }),
);

export interface GraphInviteePortsOptions {
  /** Passed to graph/batch.ts (concurrency, retries, an onChunk hook for metrics). */
  batch?: GraphBatchOptions;
  /** `$top` of list pages (directory ≤ 999, Outlook contacts ≤ 1000); small values exercise paging. */
  pageSize?: { directory?: number; contacts?: number };
}

export function createGraphInviteePorts(graph: GraphAccess, options: GraphInviteePortsOptions = {}): InviteePorts {
  const http = createGetBatcher(graph.client, options.batch);
  const directoryTop = options.pageSize?.directory ?? 999;
  const contactsTop = options.pageSize?.contacts ?? 100;

  return {
    async searchPeople(query, limit) {
      // Quotes and backslashes would end the $search clause early; no name needs them.
      const term = query.replace(/["\\]/g, " ").replace(/\s+/g, " ").trim();
      if (term === "" || limit < 1) return [];
      const search = `"displayName:${term}" OR "mail:${term}"`;
      const url = `/users?$search=${enc(search)}&$select=${LOOK_AHEAD_USER_SELECT}&$top=${Math.min(limit, 999)}`;
      // $search on directory objects is an advanced query: without this header Graph answers 400.
      const json = await call("searchPeople", () => http.get(url, { ConsistencyLevel: "eventual" }));
      return UserPage.parse(json).value.map(userPerson).slice(0, limit);
    },

    async findGroupByName(name) {
      const url = `/groups?$filter=${enc(`displayName eq ${odataString(name)}`)}&$select=id,displayName&$top=5`;
      const groups = GroupPage.parse(await call("findGroupByName", () => http.get(url))).value;
      const group = groups.find((g) => sameName(g.displayName, name));
      return group ? { id: group.id, displayName: group.displayName ?? name } : undefined;
    },

    async groupMembers(groupId) {
      // The /microsoft.graph.user cast would drop nested groups server-side; filtering by
      // @odata.type here works on every Graph (and on the sandbox, which has no cast).
      const first = `/groups/${enc(groupId)}/transitiveMembers?$select=${LOOK_AHEAD_USER_SELECT}&$top=${directoryTop}`;
      const items = await allPages(http, "groupMembers", first, MemberPage);
      return items.filter((o) => o["@odata.type"] === "#microsoft.graph.user").map((o) => userPerson(LookAheadUserJson.parse(o)));
    },

    async findContactFolderByName(owner, name) {
      // Outlook filters folders by displayName; compared again here because a name match must be exact.
      const first = `${mailbox(owner)}/contactFolders?$filter=${enc(`displayName eq ${odataString(name)}`)}&$top=${contactsTop}`;
      const folders = await allPages(http, "findContactFolderByName", first, FolderPage);
      const folder = folders.find((f) => sameName(f.displayName, name));
      return folder ? { id: folder.id } : undefined;
    },

    async contactFolderContacts(owner, folderId) {
      const first = `${mailbox(owner)}/contactFolders/${enc(folderId)}/contacts?$select=displayName,givenName,surname,jobTitle,department,emailAddresses&$top=${contactsTop}`;
      const contacts = await allPages(http, "contactFolderContacts", first, ContactPage);
      const people: Person[] = [];
      for (const c of contacts) {
        const email = c.emailAddresses?.find((e) => e.address)?.address ?? undefined;
        if (!email) continue;
        people.push(compact({ displayName: c.displayName, givenName: c.givenName, surname: c.surname, email, jobTitle: c.jobTitle, department: c.department }));
      }
      return people;
    },
  };
}

async function allPages<T>(http: GetBatcher, operation: keyof InviteePorts, first: string, schema: z.ZodType<{ value: T[]; "@odata.nextLink"?: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined = first;
  while (next) {
    const url: string = next;
    const parsed = schema.parse(await call(operation, () => http.get(url)));
    out.push(...parsed.value);
    next = parsed["@odata.nextLink"];
  }
  return out;
}

async function call(operation: keyof InviteePorts, request: () => Promise<unknown>): Promise<unknown> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 403) throw new DirectoryAccessDeniedError(operation, { cause: error });
    throw error;
  }
}

/** The same reading as the directory copy's (mail, else a member's UPN), so both answer alike. */
const userPerson = (u: LookAheadUserJson): Person => personOf(u);

/** Drops null/undefined fields, so Person's optional fields stay absent rather than null. */
function compact(fields: { [K in keyof Person]?: Person[K] | null }): Person;
function compact(fields: Partial<Record<keyof Person, unknown>>): Person {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as Person;
}

function mailbox(owner: MailboxOwner): string {
  return owner === "me" ? "/me" : `/users/${enc(owner.userId)}`;
}

/** An OData string literal: single quotes doubled (https://learn.microsoft.com/graph/query-parameters#escaping-single-quotes). */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function sameName(a: string | null | undefined, b: string): boolean {
  return (a ?? "").trim().toLowerCase() === b.trim().toLowerCase();
}

/** The Graph SDK sends query values as given, so they are percent-encoded here. */
function enc(value: string): string {
  return encodeURIComponent(value);
}
