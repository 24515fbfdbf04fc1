import type { BotCommand } from "./command";

/**
 * Commands listed in the manifest whose features are still being built answer honestly
 * instead of pretending: the user learns it is coming and what works today.
 */
export function notYetCommand(name: string, triggers: readonly string[]): BotCommand {
  return {
    name,
    triggers,
    async run({ turn, t }) {
      await turn.sendActivity(t("notYet.text", { command: name }));
    },
  };
}
