import type { ServerResponse } from "node:http";
import type { WebexContext } from "../context";
import type { WebexPerson } from "../directory";
import { MESSAGES, sendWebexError } from "../errors";
import { SCOPES } from "../integration";
import type { Grant } from "../tokens";
import type { MeetingRecord } from "./model";

/**
 * Who may act on which meetings. A user's token sees and changes only the meetings they
 * host. A token with the admin scopes (a Webex admin, or a service app authorised for the
 * organisation) may name a host of the same organisation with `hostEmail`, and may read or
 * change any meeting of the organisation by id.
 */

export const READ_SCOPES = [SCOPES.schedulesRead, SCOPES.adminSchedulesRead] as const;
export const WRITE_SCOPES = [SCOPES.schedulesWrite, SCOPES.adminSchedulesWrite] as const;

export function isAdmin(grant: Grant, mode: "read" | "write"): boolean {
  return grant.scopes.has(mode === "read" ? SCOPES.adminSchedulesRead : SCOPES.adminSchedulesWrite);
}

/**
 * The host a call acts for: the caller, or the `hostEmail` person when the caller has the
 * admin scope. Answers the error itself and returns undefined when refused.
 */
export function resolveHost(ctx: WebexContext, grant: Grant, hostEmail: string | undefined, mode: "read" | "write", res: ServerResponse): WebexPerson | undefined {
  if (hostEmail === undefined || hostEmail.trim().toLowerCase() === grant.person.email.toLowerCase()) return grant.person;
  if (!isAdmin(grant, mode)) {
    const scope = mode === "read" ? SCOPES.adminSchedulesRead : SCOPES.adminSchedulesWrite;
    sendWebexError(res, 403, MESSAGES.forbidden, [`hostEmail can only be used with the ${scope} scope.`]);
    return undefined;
  }
  const host = ctx.directory.byEmail(hostEmail);
  if (!host || host.orgId !== grant.person.orgId) {
    sendWebexError(res, 400, MESSAGES.invalidItems, [`hostEmail: "${hostEmail}" is not a Webex user of your organization.`]);
    return undefined;
  }
  if (!host.loginEnabled) {
    sendWebexError(res, 400, MESSAGES.invalidItems, [`hostEmail: the Webex account of "${hostEmail}" is deactivated and cannot host meetings.`]);
    return undefined;
  }
  return host;
}

/** Whether the caller may see `m` at all (otherwise it answers 404, as Webex does). */
export function canAccess(grant: Grant, m: MeetingRecord, mode: "read" | "write"): boolean {
  if (m.host.id === grant.person.id) return true;
  return isAdmin(grant, mode) && m.host.orgId === grant.person.orgId;
}

export function sendMeetingNotFound(res: ServerResponse): void {
  sendWebexError(res, 404, "Meeting not found.", ["The meeting could not be found, or you are not allowed to see it."]);
}
