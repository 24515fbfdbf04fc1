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

  accountsHeading: "Your accounts",
  accountsLoading: "Checking your accounts…",
  accountsMicrosoft: "Microsoft 365",
  accountsWebex: "Webex",
  accountsMode: "Access",
  modeTenant: "For your whole organization (your admin approved the app)",
  modeIndividual: "Just for you (you approve the app yourself)",
  webexMatched: "{email}",
  webexViaService: "{email}, scheduled through your organization's Webex service account",
  webexNotConnected: "Not connected yet",
  webexNoAccount: "Webex has no account for {addresses}.",
  webexDomainNotVerified: "None of your e-mail addresses is in a domain your organization has verified in Microsoft 365.",
  webexAccountDisabled: "Your Microsoft 365 account is disabled.",
  accountsReady: "All set — you can schedule Webex meetings.",
  nextStepsHeading: "Next steps",
  stepMicrosoftSignIn: "Sign in with Microsoft",
  stepConnectWebex: "Connect Webex",
  stepAdminConsent: "Your Microsoft 365 admin hasn't approved the app for your organization. Ask them to open the admin consent page:",
  stepAdminConsentLink: "Admin consent page",
  stepWebexMismatch: "You connected Webex as {connectedAs}, but your Microsoft 365 address matches {expected}.",
  stepWebexMismatchButton: "Connect Webex as {expected}",
  stepOther: "Continue setup",
  stepOpensInNewWindow: "Links open in a new window. Come back here when you're done.",
  accountsRefresh: "Check again",
  accountsSignInTitle: "Your sign-in couldn't be verified",
  accountsSignInBody: "It may have expired. Sign in again to see your accounts.",
  accountsSignInAgain: "Sign in again",
  accountsErrorTitle: "Couldn't load your accounts",
  accountsErrorBody: "Check your connection and try again.",
  accountsRetry: "Try again",
  disconnect: "Disconnect",
  disconnectTitle: "Disconnect your accounts?",
  disconnectBody:
    "The app forgets your Microsoft 365 and Webex sign-ins and stops keeping your calendar in sync with Webex. Meetings already scheduled stay as they are. You can connect again at any time.",
  disconnectConfirm: "Disconnect",
  disconnectCancel: "Cancel",
  disconnecting: "Disconnecting…",
  disconnectDone: "Disconnected. Connect again whenever you like.",
  disconnectFailed: "Couldn't disconnect. Try again.",

  footerVersion: "Service version {version}",
} as const;

export type StringKey = keyof typeof en;
/** A complete dictionary: exactly the keys of `en`, each a string. */
export type Strings = { readonly [K in StringKey]: string };
