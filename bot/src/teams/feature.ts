import type { AdaptiveCardInvokeResponse, TurnContext } from "botbuilder";
import type { UserRef } from "../accounts/types";
import type { BotCommand, CommandContext } from "./commands/command";
import type { Translate } from "./i18n";

export interface CardActionContext {
  turn: TurnContext;
  t: Translate;
  /** The Microsoft 365 user who pressed the button (undefined when the activity lacks one). */
  user: UserRef | undefined;
  /** `value.action.data` of the Action.Execute (the card's inputs merged in). */
  data: Record<string, unknown>;
}

export type CardActionHandler = (ctx: CardActionContext) => Promise<AdaptiveCardInvokeResponse>;

/**
 * A slice of the bot: its commands (a command with the same name as a placeholder replaces it)
 * and the Action.Execute verbs it answers. Features are plain objects built in the composition
 * root, so the bot class stays a router.
 */
export interface BotFeature {
  commands: readonly BotCommand[];
  cardActions: Readonly<Record<string, CardActionHandler>>;
  /**
   * A message no command matched: the feature may take it (e.g. a free-text scheduling request)
   * and return true; otherwise the bot says it did not understand.
   */
  fallback?: (ctx: CommandContext) => Promise<boolean>;
}

/** An invoke response that replaces the card in place. */
export function cardResponse(card: object): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card as Record<string, unknown> };
}
