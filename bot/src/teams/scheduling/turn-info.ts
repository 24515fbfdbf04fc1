/**
 * What a turn tells us about the person and place: their time zone and locale (Teams sends
 * `localTimezone`, and `clientInfo` in entities), the conversation kind, and the roster of a
 * channel or group chat (Bot Framework: no Graph permission needed).
 */
import { TeamsInfo, TurnContext } from "botbuilder";
import { z } from "zod";
import { collectRoster, ROSTER_PAGE_SIZE, type RosterMember } from "../../directory/invitees";
import { isValidTimeZone } from "../../scheduling/time";
import type { Logger } from "../../logger";

// https://learn.microsoft.com/microsoftteams/platform/resources/bot-v3/bots-context — clientInfo entity.
const ClientInfo = z.object({ type: z.literal("clientInfo"), timezone: z.string().optional(), locale: z.string().optional() }).passthrough();

export function timeZoneOf(turn: TurnContext): string {
  const activity = turn.activity;
  // Teams sends localTimezone on messages; the clientInfo entity is only read when it is missing.
  const zone = activity.localTimezone ?? clientInfoZone(activity.entities);
  return zone && isValidTimeZone(zone) ? zone : "UTC";
}

function clientInfoZone(entities: readonly unknown[] | undefined): string | undefined {
  for (const entity of entities ?? []) {
    const parsed = ClientInfo.safeParse(entity);
    if (parsed.success) return parsed.data.timezone;
  }
  return undefined;
}

export function localeOf(turn: TurnContext): string {
  return turn.activity.locale ?? "en-US";
}

export function isSharedConversation(turn: TurnContext): boolean {
  const type = turn.activity.conversation?.conversationType;
  return type === "channel" || type === "groupChat";
}

/** The conversation's members; undefined in a personal chat or when the connector refuses. */
export async function rosterOf(turn: TurnContext, logger: Logger): Promise<RosterMember[] | undefined> {
  if (!isSharedConversation(turn)) return undefined;
  try {
    const { members } = await collectRoster((token) => TeamsInfo.getPagedMembers(turn, ROSTER_PAGE_SIZE, token));
    return members;
  } catch (error) {
    logger.warn({ err: error, conversationType: turn.activity.conversation?.conversationType }, "could not read the conversation roster");
    return undefined;
  }
}

/** Where a channel announcement goes later (a plain JSON object, stored with the draft). */
export function conversationReferenceOf(turn: TurnContext): Record<string, unknown> | undefined {
  if (!isSharedConversation(turn)) return undefined;
  return JSON.parse(JSON.stringify(TurnContext.getConversationReference(turn.activity))) as Record<string, unknown>;
}

/** The message text without the @mention of the bot (channels mention it). */
export function messageText(turn: TurnContext): string {
  return (TurnContext.removeRecipientMention(turn.activity) ?? turn.activity.text ?? "").trim();
}
