/** English strings — the reference set: every other language must have exactly these keys. */
export const en = {
  "help.title": "Webex Scheduler",
  "help.tagline": "Schedule Webex meetings without leaving Teams. The meeting lands in your Outlook calendar and Outlook sends the invitations.",
  "help.examplesHeading": "Try one of these",
  "help.example1": "schedule Design review with Aiko and Lars tomorrow 3pm for 45 min",
  "help.example2": "schedule Weekly sync with the channel every Monday 9:00 for 30 min",
  "help.example3": "upcoming",
  "help.commandsHeading": "Commands",
  "help.cmd.schedule": "Plan a Webex meeting from one sentence: title, time, length and who to invite.",
  "help.cmd.upcoming": "Your Webex meetings for the next 7 days, with join links.",
  "help.cmd.cancel": "Cancel a Webex meeting and its calendar event.",
  "help.cmd.connect": "Connect your Microsoft 365 and Webex accounts.",
  "help.cmd.disconnect": "Remove your connection and everything stored for you.",
  "help.cmd.whoami": "Which Microsoft and Webex accounts you are connected as.",
  "help.cmd.help": "This card.",
  "help.connectHint": "First time here? Connect your Webex account.",
  "help.connectButton": "Connect",
  "unknown.text": "I didn't catch that. Type **help** to see what I can do, or start with **schedule** followed by what you want to plan.",
  "notYet.text": "**{command}** is on its way but not available yet. Type **help** to see what works today.",
  "error.generic": "Sorry, something went wrong on my side. Please try again in a moment.",
  "welcome.text": "Hi {name}! I schedule Webex meetings straight into your Outlook calendar.",
} as const;

export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;
