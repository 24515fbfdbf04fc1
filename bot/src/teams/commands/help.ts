import { MessageFactory } from "botbuilder";
import { helpCard } from "../cards/help-card";
import type { BotCommand } from "./command";

export const helpCommand: BotCommand = {
  name: "help",
  triggers: ["help", "hjälp", "yardım", "ヘルプ", "?", "hi", "hello", "hej", "merhaba", "こんにちは"],
  async run({ turn, t }) {
    await turn.sendActivity(MessageFactory.attachment(helpCard(t, { showConnect: true })));
  },
};
