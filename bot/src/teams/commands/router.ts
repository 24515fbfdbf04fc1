import type { BotCommand } from "./command";

export interface RoutedCommand {
  command: BotCommand;
  args: string;
}

/**
 * Finds the command a message asks for: the message starts with one of a command's trigger
 * phrases (case-insensitive, whole words). Teams sends the *translated* command title from the
 * manifest's command list as the text, so triggers include multi-word titles like "koppla från".
 * Longer triggers win, so "disconnect" is never read as "connect".
 */
export function routeCommand(commands: readonly BotCommand[], text: string): RoutedCommand | undefined {
  const cleaned = text.trim().replace(/^\/+/, "").replace(/\s+/g, " ");
  if (cleaned === "") return undefined;
  const lower = cleaned.toLowerCase();
  let best: { command: BotCommand; length: number } | undefined;
  for (const command of commands) {
    for (const trigger of command.triggers) {
      const t = trigger.toLowerCase();
      if (!lower.startsWith(t)) continue;
      const after = lower.charAt(t.length);
      // Whole words only — except for scripts written without spaces (Japanese).
      const boundary = after === "" || /[\s!?.,:;、。！？]/.test(after) || /[\u3040-\u30ff\u4e00-\u9fff]$/.test(t);
      if (boundary && (!best || t.length > best.length)) best = { command, length: t.length };
    }
  }
  if (!best) return undefined;
  return { command: best.command, args: cleaned.slice(best.length).replace(/^[\s!?.,:;、。！？]+/, "").trim() };
}
