import * as ACData from "adaptivecards-templating";
import { CardFactory, type Attachment } from "botbuilder";

/**
 * Cards are JSON templates (cards/*.json) bound to typed data with adaptivecards-templating,
 * so their layout can be edited without touching code. Parsing a template's `${…}` expressions
 * costs more than expanding it, so each template is parsed once (expand() does not mutate it).
 */
const parsed = new WeakMap<object, ACData.Template>();

export function renderCard<T extends object>(template: object, data: T): Attachment {
  let compiled = parsed.get(template);
  if (!compiled) {
    compiled = new ACData.Template(template);
    parsed.set(template, compiled);
  }
  const card = compiled.expand({ $root: data }) as Record<string, unknown>;
  return CardFactory.adaptiveCard(card);
}
