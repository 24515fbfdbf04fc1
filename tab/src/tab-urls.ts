import type { ChannelTabConfig } from "./teams";

/** Stable id of the channel tab instance kind; the bot and deep links refer to it. */
export const CHANNEL_TAB_ENTITY_ID = "webex-scheduler-channel";

/**
 * The configuration a channel tab is saved with. `contentUrl` must be on the origin the
 * manifest's validDomains allow — the same origin that served this config page — and
 * points at the channel route of the built tab (served under `base`, e.g. "/tab/").
 */
export function channelTabConfig(origin: string, base: string, displayName: string): ChannelTabConfig {
  const pageUrl = new URL(`${base.replace(/\/?$/, "/")}index.html#/channel`, origin).toString();
  return {
    contentUrl: pageUrl,
    // Opened by "Go to website": the same page works in a browser (it explains that it
    // belongs in Teams), so there is no separate site to link to.
    websiteUrl: pageUrl,
    entityId: CHANNEL_TAB_ENTITY_ID,
    suggestedDisplayName: displayName,
  };
}
