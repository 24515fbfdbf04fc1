import type { AccountsModule } from "../../accounts/compose";
import type { DirectoryMirror } from "../../directory/mirror/directory-mirror";
import type { UserRef } from "../../accounts/types";
import { createGraphCalendar, type GraphCalendar } from "../../graph/calendar";
import type { Logger } from "../../logger";
import type { Store } from "../../store";
import type { SchedulerAdapter } from "../adapter";
import { createWebexMeetings, type WebexMeetings } from "../../webex/meetings";

export interface SchedulingFeatureDeps {
  accounts: AccountsModule;
  store: Store;
  logger: Logger;
  now?: () => Date;
  /** For the channel announcement after scheduling (a proactive message); without it there is none. */
  adapter?: Pick<SchedulerAdapter, "continueConversationAsync">;
  botAppId?: string;
  /** Tenant mode: look-ahead from the in-memory directory copy; without it every name is a Graph search. */
  directory?: DirectoryMirror;
}

export interface UserPorts {
  calendar: GraphCalendar;
  meetings: WebexMeetings;
  /** Tenant mode with the service token: the host the meeting is scheduled for. */
  hostEmail: string | undefined;
}

/**
 * The organizer's calendar and Webex, as their tenant's mode allows: app permissions on
 * `/users/{id}` or their own delegated token on `/me`; the service token with hostEmail or their
 * own Webex token. Throws ReauthenticationRequiredError when a sign-in is missing.
 */
export async function portsFor(accounts: AccountsModule, user: UserRef, webexEmail: string | undefined): Promise<UserPorts> {
  const graph = await accounts.microsoft.graphFor(user);
  const webex = await accounts.webex.accessFor(user, graph.mode, webexEmail);
  return { calendar: createGraphCalendar(graph.client, graph.self), meetings: createWebexMeetings(webex.client), hostEmail: webex.hostEmail };
}

export function isSignInRequired(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === "ReauthenticationRequiredError";
}
