// The ports the directory domain needs. Each is the narrowest shape matchUser uses, so that the
// Graph gateway, the Webex gateway and the store satisfy them structurally; index.ts wires them.
// Nothing here imports a gateway or the store (ARCHITECTURE.md).
import type { AddressedUser } from "./addresses";

/** Who to match: the tenant and the user's Entra ID (AAD) object id. */
export interface DirectoryUserRef {
  tenantId: string;
  userId: string;
}

/** The Graph user fields matching reads (`$select=displayName,mail,userPrincipalName,proxyAddresses,accountEnabled`). */
export interface DirectoryUser extends AddressedUser {
  displayName: string | null;
  /**
   * false for a disabled account. Optional because Graph returns it only when selected and a
   * reader may not select it (a disabled user cannot sign in to reach `/me` anyway): absent means
   * enabled.
   */
  accountEnabled?: boolean;
}

export interface DirectoryReader {
  /** `GET /users/{id}` in tenant mode, `GET /me` in individual mode. */
  getUser(who: DirectoryUserRef): Promise<DirectoryUser>;
  /** `GET /organization` → verifiedDomains[].name. A reader bound to one tenant may ignore the argument. */
  getVerifiedDomains(tenantId: string): Promise<readonly string[]>;
}

/** A Webex person as `GET /v1/people?email=` returns it (the fields matching uses). */
export interface WebexPersonSummary {
  id: string;
  emails: readonly string[];
  displayName?: string;
}

export interface WebexPeople {
  /** undefined when Webex has nobody with that address (Webex answers 200 with no items). */
  findByEmail(email: string): Promise<WebexPersonSummary | undefined>;
}

/**
 * How a stored link was made. Mirrors ACCOUNT_MATCH_SOURCES in store/records.ts (kept in step by
 * a test) — repeated here because the domain does not import the store.
 */
export type LinkMatchSource = "mail" | "alias" | "upn" | "manual";
export const LINK_MATCH_SOURCES = ["mail", "alias", "upn", "manual"] as const;

/** The link record, field for field the store's AccountLink. */
export interface StoredAccountLink {
  tenantId: string;
  aadObjectId: string;
  upn: string;
  matchedAddress: string;
  webexPersonId: string;
  webexEmail: string;
  matchedBy: LinkMatchSource;
  matchedAt: Date;
}

/** A structural subset of the store's AccountLinkRepo: `store.accounts` fits as it is. */
export interface AccountLinks {
  get(tenantId: string, aadObjectId: string): Promise<StoredAccountLink | undefined>;
  upsert(link: StoredAccountLink): Promise<void>;
}
