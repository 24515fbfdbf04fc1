import type { RecordedActivity } from "../../../../sandbox/connector";

/** The Adaptive Card of a bot reply. */
export function cardOf(reply: RecordedActivity | undefined): Record<string, unknown> {
  const attachments = (reply?.activity.attachments ?? []) as { content?: Record<string, unknown> }[];
  const content = attachments[0]?.content;
  // The text first: a reply without a card is usually the bot saying what went wrong.
  if (!content) throw new Error(`the reply carries no card but the text ${JSON.stringify(reply?.activity.text)}: ${JSON.stringify(reply?.activity).slice(0, 300)}`);
  return content;
}

/** Every node of a card that matches. */
export function findAll(card: unknown, match: (node: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (match(o)) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The data of the card's Action.Execute with this verb (draftId, eventId…). */
export function actionData(card: unknown, verb: string): Record<string, unknown> {
  const action = findAll(card, (o) => o.type === "Action.Execute" && o.verb === verb)[0];
  if (!action) throw new Error(`no ${verb} button on the card`);
  return (action.data ?? {}) as Record<string, unknown>;
}

/** The input with this id. */
export function input(card: unknown, id: string): Record<string, unknown> | undefined {
  return findAll(card, (o) => typeof o.type === "string" && (o.type as string).startsWith("Input.") && o.id === id)[0];
}

/** OpenUrl buttons of any card: title → url. */
export function links(card: unknown): Record<string, string> {
  return Object.fromEntries(findAll(card, (o) => o.type === "Action.OpenUrl").map((o) => [String(o.title), String(o.url)]));
}
