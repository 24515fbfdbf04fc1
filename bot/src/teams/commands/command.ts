import type { TurnContext } from "botbuilder";
import type { Translate } from "../i18n";

export interface CommandContext {
  turn: TurnContext;
  /** The text after the command word, trimmed. */
  args: string;
  t: Translate;
}

/** One bot command; the router picks it by its trigger words (in every language we speak). */
export interface BotCommand {
  name: string;
  triggers: readonly string[];
  run(ctx: CommandContext): Promise<void>;
}
