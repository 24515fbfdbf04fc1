import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import type { MirroredUser, UserChange } from "../directory/mirror/people-index";
import { LOOK_AHEAD_USER_SELECT, LookAheadUserJson } from "./look-ahead-user";

/**
 * One round of `GET /users/delta` (https://learn.microsoft.com/graph/api/user-delta): from the
 * start (every user) or from a stored deltaLink (what changed since), following every
 * `@odata.nextLink` until the round's `@odata.deltaLink`. Needs User.Read.All (tenant mode).
 */

// Delta rounds mark users that are gone with "@removed" (and only their id).
const DeltaUser = LookAheadUserJson.extend({ "@removed": z.object({ reason: z.string().optional() }).optional() });

const DeltaPage = z
  .object({
    value: z.array(DeltaUser),
    "@odata.nextLink": z.string().optional(),
    "@odata.deltaLink": z.string().optional(),
  })
  .refine((p) => (p["@odata.nextLink"] === undefined) !== (p["@odata.deltaLink"] === undefined), "a delta page carries exactly one of @odata.nextLink and @odata.deltaLink");

export interface UserDeltaRound {
  changes: UserChange[];
  /** Where the next round starts. */
  deltaLink: string;
  /** Requests this round took (one per page). */
  pages: number;
}

/** Graph no longer holds the state behind a deltaLink (older than seven days): start over. */
export class DeltaExpiredError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The directory's delta link expired; the directory must be read again from the start.", options);
    this.name = "DeltaExpiredError";
  }
}

/** Bounds a round: a broken service that kept handing out nextLinks must not keep us paging forever. */
const MAX_PAGES = 10_000;

/** `pageSize` asks for smaller pages than Graph's default (tests exercise paging with it). */
export async function readUserDelta(client: Client, from?: string, options: { pageSize?: number } = {}): Promise<UserDeltaRound> {
  const changes: UserChange[] = [];
  let url = from ?? `/users/delta?$select=${LOOK_AHEAD_USER_SELECT}${options.pageSize ? `&$top=${options.pageSize}` : ""}`;
  for (let pages = 1; pages <= MAX_PAGES; pages++) {
    let json: unknown;
    try {
      json = await client.api(url).get();
    } catch (error) {
      // A 400 syncStateNotFound is Graph's word for an expired link (any 410 Gone means the same).
      if (from !== undefined && error instanceof GraphError && ((error.statusCode === 400 && /syncStateNotFound/i.test(error.code ?? "")) || error.statusCode === 410)) {
        throw new DeltaExpiredError({ cause: error });
      }
      throw error;
    }
    const page = DeltaPage.parse(json);
    for (const item of page.value) {
      if (item["@removed"]) changes.push({ kind: "remove", id: item.id });
      else changes.push({ kind: "upsert", user: userOf(item) });
    }
    const deltaLink = page["@odata.deltaLink"];
    if (deltaLink !== undefined) return { changes, deltaLink, pages };
    url = page["@odata.nextLink"]!;
  }
  throw new Error(`GET /users/delta handed out more than ${MAX_PAGES} pages in one round`);
}

function userOf(item: z.infer<typeof DeltaUser>): MirroredUser {
  // Absent stays absent (a later round may carry only what changed); null is a value Graph sent.
  const { "@removed": _removed, ...user } = item;
  return user;
}
