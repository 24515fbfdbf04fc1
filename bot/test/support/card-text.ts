import type { RecordedActivity } from "../../../sandbox/connector";

/**
 * All the text a card shows (TextBlocks, facts, button titles, input values), for assertions a
 * user would make. Takes a recorded reply, an activity, or a card itself.
 */
export function cardText(activity: RecordedActivity | Record<string, unknown> | unknown): string {
  const a = (activity && typeof activity === "object" && "activity" in activity ? (activity as RecordedActivity).activity : activity) as Record<string, unknown>;
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      for (const key of ["text", "title", "value"]) if (typeof o[key] === "string") parts.push(o[key] as string);
      Object.values(o).forEach(walk);
    }
  };
  walk(a?.attachments ?? a);
  if (typeof a?.text === "string") parts.push(a.text);
  return parts.join("\n");
}
