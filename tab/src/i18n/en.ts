/**
 * English strings — the reference dictionary. Its keys define `StringKey`; every other
 * language is typed `Strings`, so a missing or extra key is a compile error.
 * Placeholders are written {name} and filled by `format()`.
 */
export const en = {
  appName: "Webex Scheduler",
  skipToContent: "Skip to main content",
  connecting: "Connecting to Microsoft Teams…",

  outsideTitle: "Open this tab in Microsoft Teams",
  outsideBody:
    "This is the Webex Scheduler tab for Microsoft Teams — open it in Teams, or use the sandbox playground to try the app without a Teams tenant.",
  outsideHint: "Run “npm start” and then “npm run playground” to chat with the bot locally.",

  personalHeading: "Your Webex meetings",
  channelHeading: "Webex meetings in {channel}",
  channelHeadingUnnamed: "Webex meetings in this channel",
  chatHeading: "Webex meetings in this chat",
  teamAndChannel: "{team} · {channel}",

  upcomingHeading: "Upcoming Webex meetings",
  upcomingEmptyTitle: "No meetings to show here yet",
  upcomingEmptyBody:
    "The meeting list in this tab is coming in a later version. Until then, type “upcoming” in your chat with the bot.",

  scheduleHeading: "Schedule",
  schedulePlaceholder:
    "Scheduling from the tab is not available yet. For now, tell the bot in chat — for example “schedule Design review with Aiko tomorrow 3pm for 45 min”.",

  configHeading: "Add Webex Scheduler to this channel",
  configHeadingChat: "Add Webex Scheduler to this chat",
  configBody:
    "The tab will show the Webex meetings scheduled here and, in a later version, a form to schedule new ones. Select Save to add it.",
  configSaveFailed: "Couldn't save the tab settings. Try again.",
  tabDisplayName: "Webex meetings",

  footerVersion: "Service version {version}",
} as const;

export type StringKey = keyof typeof en;
/** A complete dictionary: exactly the keys of `en`, each a string. */
export type Strings = { readonly [K in StringKey]: string };
