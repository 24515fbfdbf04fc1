import { teamsMessageFactory } from "./teams-message";

/**
 * A card button press as Teams posts it: an `invoke` named `adaptiveCard/action` carrying the
 * Action.Execute verb and its data (the same shape as the integration tests' harness, which
 * bench/ must not import), from the same sender and chat kind as `teamsMessageFactory`.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 */
export function teamsInvokeFactory(serviceUrl: string, from = "lars.berg"): (verb: string, data: Record<string, unknown>) => Record<string, unknown> & { id: string } {
  const message = teamsMessageFactory(serviceUrl, from);
  return (verb, data) => {
    const { text: _text, textFormat: _format, ...activity } = message("");
    return { ...activity, type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } };
  };
}
