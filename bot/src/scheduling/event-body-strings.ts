/**
 * The calendar event body's words, in the four languages the bot speaks. English is the
 * reference: the other dictionaries are typed against its keys, so a missing or extra key is a
 * compile error. event-body.ts escapes every value it puts next to them.
 */
const en = {
  heading: "Join the Webex meeting",
  joinButton: "Join meeting",
  meetingNumber: "Meeting number",
  password: "Password",
  videoAddress: "Join from a video system or application",
  dialIn: "Join by phone",
  accessCode: "Access code",
  agenda: "Agenda",
  footer: "Scheduled with Webex Scheduler for Microsoft Teams.",
} as const;

export type BodyStringKey = keyof typeof en;
export type BodyStrings = Record<BodyStringKey, string>;

const sv: BodyStrings = {
  heading: "Anslut till Webex-mötet",
  joinButton: "Anslut till mötet",
  meetingNumber: "Mötesnummer",
  password: "Lösenord",
  videoAddress: "Anslut från ett videosystem eller program",
  dialIn: "Ring in",
  accessCode: "Åtkomstkod",
  agenda: "Agenda",
  footer: "Bokat med Webex Scheduler för Microsoft Teams.",
};

const ja: BodyStrings = {
  heading: "Webex 会議に参加",
  joinButton: "会議に参加",
  meetingNumber: "会議番号",
  password: "パスワード",
  videoAddress: "ビデオ システムまたはアプリケーションから参加",
  dialIn: "電話で参加",
  accessCode: "アクセス コード",
  agenda: "議題",
  footer: "Microsoft Teams 用 Webex Scheduler で予約されました。",
};

const tr: BodyStrings = {
  heading: "Webex toplantısına katılın",
  joinButton: "Toplantıya katıl",
  meetingNumber: "Toplantı numarası",
  password: "Parola",
  videoAddress: "Bir video sisteminden veya uygulamasından katılın",
  dialIn: "Telefonla katılın",
  accessCode: "Erişim kodu",
  agenda: "Gündem",
  footer: "Microsoft Teams için Webex Scheduler ile planlandı.",
};

export type BodyLanguage = "en" | "sv" | "ja" | "tr";
export const BODY_STRINGS: Record<BodyLanguage, BodyStrings> = { en, sv, ja, tr };

/** "sv-SE" → "sv"; a language we do not write → "en" (same rule as the cards). */
export function bodyLanguageOf(locale: string | undefined): BodyLanguage {
  const base = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  // hasOwn, not `in`: "constructor" is not a language.
  return Object.hasOwn(BODY_STRINGS, base) ? (base as BodyLanguage) : "en";
}
