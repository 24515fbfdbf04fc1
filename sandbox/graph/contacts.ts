import { mailboxKey, mailboxOwner } from "./access";
import { GraphError, itemNotFound } from "./errors";
import type { GraphEnv } from "./env";
import { nextLink } from "./odata/paging";
import { contextSelection, parseSelect, project } from "./odata/select";
import { PERMISSIONS } from "./permissions";
import type { RouteTable } from "./route-table";
import type { GraphRequest, GraphResult, RouteContext } from "./types";
import type { TenantContact } from "../tenant";

/**
 * Personal contacts: `/users/{id}/contacts` (the default Contacts folder only, as Outlook
 * lists it), `/contactFolders` (the child folders of it) and `/contactFolders/{id}/contacts`.
 * Outlook contact groups are not in v1.0, so folders are what the app treats as groups.
 */

const CREATED = "2024-02-01T09:00:00Z";
const DEFAULT_FOLDER_PREFIX = "AAMkCF";

function defaultFolderId(userId: string): string {
  return `${DEFAULT_FOLDER_PREFIX}${Buffer.from(userId).toString("base64url")}`;
}

function contactJson(c: TenantContact, parentFolderId: string): Record<string, unknown> {
  const initials = `${c.givenName.charAt(0)}.${c.surname.charAt(0)}.`;
  return {
    "@odata.etag": `W/"${Buffer.from(c.id).toString("base64").slice(0, 20)}"`,
    id: c.id,
    createdDateTime: CREATED,
    lastModifiedDateTime: CREATED,
    changeKey: Buffer.from(c.id).toString("base64").slice(0, 20),
    categories: [],
    parentFolderId,
    birthday: null,
    fileAs: `${c.surname}, ${c.givenName}`,
    displayName: c.displayName,
    givenName: c.givenName,
    initials,
    middleName: null,
    nickName: null,
    surname: c.surname,
    title: null,
    yomiGivenName: null,
    yomiSurname: null,
    yomiCompanyName: null,
    generation: null,
    imAddresses: [],
    jobTitle: null,
    companyName: c.companyName,
    department: null,
    officeLocation: null,
    profession: null,
    businessHomePage: null,
    assistantName: null,
    manager: null,
    homePhones: [],
    mobilePhone: null,
    businessPhones: [],
    spouseName: null,
    personalNotes: "",
    children: [],
    emailAddresses: c.emailAddresses.map((e) => ({ name: e.name, address: e.address })),
    homeAddress: {},
    businessAddress: {},
    otherAddress: {},
  };
}

const CONTACT_PROPERTIES = Object.keys(contactJson({ id: "", folderId: null, displayName: "", givenName: "", surname: "", emailAddresses: [], companyName: null }, "")).filter((k) => !k.startsWith("@"));

const noProperty = (type: string) => (name: string): GraphError =>
  new GraphError(400, "RequestBroker--ParseUri", `Could not find a property named '${name}' on type 'Microsoft.OutlookServices.${type}'.`);

function page(req: GraphRequest, items: Record<string, unknown>[], contextUrl: string): GraphResult {
  const topRaw = req.query.get("$top");
  const skipRaw = req.query.get("$skip");
  const top = Math.min(topRaw && /^\d+$/.test(topRaw) ? Math.max(Number(topRaw), 1) : 10, 1000);
  const skip = skipRaw && /^\d+$/.test(skipRaw) ? Number(skipRaw) : 0;
  const body: Record<string, unknown> = { "@odata.context": contextUrl, value: items.slice(skip, skip + top) };
  if (skip + top < items.length) body["@odata.nextLink"] = nextLink(req, { $top: String(top), $skip: String(skip + top) });
  return { status: 200, body };
}

export function registerContacts(table: RouteTable, env: GraphEnv): void {
  const mailbox = mailboxKey(env);
  const book = (userId: string) => env.tenant.contacts[userId] ?? { folders: [], contacts: [] };

  const listContacts = (c: RouteContext, folderFilter: (ct: TenantContact) => boolean, ctxTail: string): GraphResult => {
    const owner = mailboxOwner(env, c, PERMISSIONS.contacts);
    const selected = parseSelect(c.req.query.get("$select"), CONTACT_PROPERTIES, noProperty("Contact"));
    const root = defaultFolderId(owner.id);
    const items = book(owner.id)
      .contacts.filter(folderFilter)
      .map((ct) => project(contactJson(ct, ct.folderId ?? root), selected, ["@odata.etag", "id"]));
    return page(c.req, items, `${c.req.origin}/v1.0/$metadata#users('${owner.id}')/${ctxTail}${contextSelection(selected)}`);
  };

  const folderFor = (c: RouteContext) => {
    const owner = mailboxOwner(env, c, PERMISSIONS.contacts);
    const folder = book(owner.id).folders.find((f) => f.id.toLowerCase() === c.params["folderId"]!.toLowerCase());
    if (!folder) throw itemNotFound();
    return { owner, folder };
  };

  for (const root of ["/users/:userId", "/me"]) {
    table.add("GET", `${root}/contacts`, (c) => listContacts(c, (ct) => ct.folderId === null, "contacts"), mailbox);
    table.add("GET", `${root}/contacts/:contactId`, (c) => {
      const owner = mailboxOwner(env, c, PERMISSIONS.contacts);
      const ct = book(owner.id).contacts.find((x) => x.id.toLowerCase() === c.params["contactId"]!.toLowerCase());
      if (!ct) throw itemNotFound();
      return { status: 200, body: { "@odata.context": `${c.req.origin}/v1.0/$metadata#users('${owner.id}')/contacts/$entity`, ...contactJson(ct, ct.folderId ?? defaultFolderId(owner.id)) } };
    }, mailbox);
    table.add("GET", `${root}/contactFolders`, (c) => {
      const owner = mailboxOwner(env, c, PERMISSIONS.contacts);
      const parent = defaultFolderId(owner.id);
      const items = book(owner.id).folders.map((f) => ({ id: f.id, displayName: f.displayName, parentFolderId: parent }));
      return page(c.req, items, `${c.req.origin}/v1.0/$metadata#users('${owner.id}')/contactFolders`);
    }, mailbox);
    table.add("GET", `${root}/contactFolders/:folderId`, (c) => {
      const { owner, folder } = folderFor(c);
      return { status: 200, body: { "@odata.context": `${c.req.origin}/v1.0/$metadata#users('${owner.id}')/contactFolders/$entity`, id: folder.id, displayName: folder.displayName, parentFolderId: defaultFolderId(owner.id) } };
    }, mailbox);
    table.add("GET", `${root}/contactFolders/:folderId/contacts`, (c) => {
      const { folder } = folderFor(c);
      return listContacts(c, (ct) => ct.folderId === folder.id, `contactFolders('${folder.id}')/contacts`);
    }, mailbox);
  }
}
