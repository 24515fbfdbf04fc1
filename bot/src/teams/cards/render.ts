import * as ACData from "adaptivecards-templating";
import { CardFactory, type Attachment } from "botbuilder";

/**
 * Cards are JSON templates (cards/*.json) bound to typed data with adaptivecards-templating,
 * so their layout can be edited without touching code.
 */
export function renderCard<T extends object>(template: object, data: T): Attachment {
  const card = new ACData.Template(template).expand({ $root: data }) as Record<string, unknown>;
  return CardFactory.adaptiveCard(card);
}
