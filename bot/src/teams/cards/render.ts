import { CardFactory, type Attachment } from "botbuilder";
import { compileTemplate, type CompiledTemplate } from "./compiled-template";

/**
 * Cards are JSON templates (cards/*.json) bound to typed data, so their layout can be edited
 * without touching code. They are rendered by compiled-template.ts, which produces exactly what
 * adaptivecards-templating's `expand({ $root: data })` does for the subset of the language our
 * templates use, at a fraction of the cost (that expand was ~1 ms of every draft-card turn).
 * Each template is compiled once, on first use; an unsupported expression throws there.
 */
const compiled = new WeakMap<object, CompiledTemplate>();

export function renderCard<T extends object>(template: object, data: T): Attachment {
  let render = compiled.get(template);
  if (!render) {
    render = compileTemplate(template);
    compiled.set(template, render);
  }
  const card = render(data) as Record<string, unknown>;
  return CardFactory.adaptiveCard(card);
}
