// Turkish: chrono-node has no Turkish, so dates and times are read by tr-when.ts; this file knows
// commands ("planla"), durations, ranges, "her pazartesi", "X ve Y ile" invitees and title filler.
import type { Recurrence } from "../../types";
import { PLACEHOLDER, rx } from "../masked-text";
import { CHANNEL_INVITEE } from "../types";
import { alternation, daily, fullYear, minutes, nthWeekdayMonthly, relative, monthly, rangePiece, readNumber, seriesEndOfMonth, seriesEndOn, weekdayRange, weekly } from "./common";
import type { CountPhrase, Grammar, RelativePhrase, Rule, SeriesEnd, WhenPiece } from "./grammar";
import { TR_MONTHS, TR_WD, TR_WEEKDAY, readTurkishWhen, trLower, trMonth } from "./tr-when";

const NUM: Record<string, number> = { bir: 1, iki: 2, üç: 3, dört: 4, beş: 5, altı: 6, on: 10, yarım: 0.5 };
const WD_LIST = `(${TR_WD.replace(/\((?!\?)/g, "(?:")}(?:\\s*(?:,|\\bve\\b)\\s*${TR_WD.replace(/\((?!\?)/g, "(?:")})*)`;

function days(list: string | undefined): number[] {
  const names = new RegExp(TR_WD, "giu");
  return [...(list ?? "").matchAll(names)].map((m) => TR_WEEKDAY[trLower(m[1]!)] ?? 0);
}

const TR_UNIT: Record<string, RelativePhrase["unit"]> = { dakika: "minute", dk: "minute", saat: "hour", gün: "day", hafta: "week" };

const NTH: Record<string, number> = { ilk: 1, birinci: 1, ikinci: 2, üçüncü: 3, dördüncü: 4, beşinci: 5, son: -1, sonuncu: -1 };
const NTH_WORD = "(ilk|birinci|ikinci|üçüncü|dördüncü|beşinci|sonuncu|son)";
// The weekday with its possessive: "salısı", "cuması", "pazartesi(si)", "cumartesisi".
const ONE_WD = `(${alternation(Object.keys(TR_WEEKDAY))})\\p{Ll}*`;
const TR_WD_ANY = alternation(Object.keys(TR_WEEKDAY));
const nth = (n: string | undefined, day: string | undefined): Recurrence | null =>
  nthWeekdayMonthly(day === undefined ? undefined : TR_WEEKDAY[trLower(day)], n === undefined ? undefined : NTH[trLower(n)]);

const recurrences: Rule<Recurrence>[] = [
  // Before "her ay": "her ayın ilk salısı", "her ayın son cuması".
  { pattern: rx(`\\bher\\s+ayın\\s+${NTH_WORD}\\s+${ONE_WD}`), read: (m) => nth(m[1], m[2]) },
  // "pazartesi-cuma", "her gün pazartesiden perşembeye kadar": a series on each of those days.
  {
    pattern: rx(`\\b(?:her\\s+(?:gün|hafta)\\s+)?(${TR_WD_ANY})\\s*(?:-|–)\\s*(${TR_WD_ANY})\\b|\\bher\\s+(?:gün|hafta)\\s+(${TR_WD_ANY})'?(?:y?[dt][ae]n)\\s+(${TR_WD_ANY})'?(?:y?[ae])\\s+kadar\\b`),
    read: (m) => weekdayRange(TR_WEEKDAY[trLower(m[1] ?? m[3]!)], TR_WEEKDAY[trLower(m[2] ?? m[4]!)]),
  },
  // Without "her": "pazartesiden cumaya kadar" is a span of days or a series — ask.
  { pattern: rx(`\\b(?:${TR_WD_ANY})'?(?:y?[dt][ae]n)\\s+(?:${TR_WD_ANY})'?(?:y?[ae])\\s+kadar\\b`), read: () => null },
  // "ayın ilk salısı" without "her": which month? The card asks.
  { pattern: rx(`\\bayın\\s+${NTH_WORD}\\s+${ONE_WD}`), read: () => null },
  { pattern: rx("\\bhafta\\s*içi(?:\\s+her\\s+gün)?\\b"), read: () => weekly([1, 2, 3, 4, 5]) },
  { pattern: rx("\\bher\\s+gün\\b"), read: () => daily() },
  { pattern: rx("\\bgün\\s+aşırı\\b"), read: () => daily(2) },
  { pattern: rx(`\\bher\\s+hafta\\b(?:\\s+${WD_LIST}\\b)?`), read: (m) => weekly(days(m[1])) },
  { pattern: rx(`\\bher\\s+${WD_LIST}\\b`), read: (m) => weekly(days(m[1])) },
  { pattern: rx("\\bher\\s+ay(?:ın)?\\b(?:\\s+(\\d{1,3})(?:'?\\p{Ll}+)?)?"), read: (m) => monthly(m[1] === undefined ? undefined : Number(m[1])) },
  {
    pattern: rx(`\\b(\\d+|iki|üç|dört)\\s+(gün|hafta|ay)da\\s+bir\\b(?:\\s+${WD_LIST}\\b)?`),
    read: (m) => {
      const n = readNumber(m[1], NUM);
      const unit = trLower(m[2]!);
      return unit === "gün" ? daily(n) : unit === "hafta" ? weekly(days(m[3]), n) : monthly(undefined, n);
    },
  },
  {
    pattern: rx("\\b(günlük|haftalık|aylık)\\b"),
    read: (m) => (trLower(m[1]!) === "günlük" ? daily() : trLower(m[1]!) === "haftalık" ? weekly([]) : monthly(undefined)),
  },
];

const counts: Rule<CountPhrase>[] = [
  { pattern: rx("\\b(\\d+)\\s+(?:kez|kere|defa|sefer|oturum)\\b"), read: (m) => ({ times: Number(m[1]) }) },
  {
    pattern: rx("\\b(\\d+)\\s+(gün|hafta|ay)\\s+(?:boyunca|süreyle)\\b"),
    read: (m) => ({ n: Number(m[1]), unit: ({ gün: "day", hafta: "week", ay: "month" } as const)[trLower(m[2]!) as "gün" | "hafta" | "ay"] }),
  },
];

// "31 Mart'a kadar", "31.03.2027 tarihine kadar", "Mart sonuna kadar"; "Mart'a kadar" is a question.
const DATIVE = "(?:'?y?[ae])?";
const UNTIL = "(?:\\s+tarihine)?\\s+kadar\\b";
const seriesEnds: Rule<SeriesEnd>[] = [
  { pattern: rx(`\\b(${TR_MONTHS})(?:\\s+(\\d{4}))?(?:\\s+ayı)?(?:\\s+|')?sonuna\\s+kadar\\b`), read: (m) => seriesEndOfMonth(trMonth(m[1]), fullYear(m[2])) },
  { pattern: rx(`\\b(\\d{1,2})\\s+(${TR_MONTHS})(?:\\s+(\\d{4}))?${DATIVE}${UNTIL}`), read: (m) => seriesEndOn(Number(m[1]), trMonth(m[2]) ?? 0, fullYear(m[3])) },
  { pattern: rx(`\\b(\\d{4})-(\\d{2})-(\\d{2})${DATIVE}${UNTIL}`), read: (m) => seriesEndOn(Number(m[3]), Number(m[2]), Number(m[1])) },
  // "31.03.2027'ye kadar", "31/03'e kadar", "12.05'e kadar" — but after a start time
  // ("11.00'den 12.05'e kadar") "12.05" is the end of a time range.
  {
    pattern: rx(`(?<![\\d.:/])(?<!\\d[.:]\\d{2}'?[dt][ae]n\\s+)\\b(?:(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{4}|\\d{2}))?|(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?)${DATIVE}${UNTIL}`),
    read: (m) => (m[1] ? seriesEndOn(Number(m[1]), Number(m[2]), fullYear(m[3])) : seriesEndOn(Number(m[4]), Number(m[5]), fullYear(m[6]))),
  },
  { pattern: rx(`\\b(${TR_MONTHS})(?:\\s+(\\d{4}))?${DATIVE}\\s+kadar\\b`), read: () => null },
  // "cumaya kadar" (but not "pazartesiden cumaya kadar", a range of days): which Friday? Ask.
  { pattern: rx(`(?<!(?:[dt][ae]n)\\s+)\\b(?:${alternation(Object.keys(TR_WEEKDAY))})'?y?[ae]\\s+kadar\\b`), read: () => null },
];

const T = "(?:saat\\s+)?(\\d{1,2})(?:[:.](\\d{2}))?";
const UNITS = "(?!\\s*(?:saat|sa|dakika|dk|gün|hafta|ay|kez|kere|defa|kişi)\\b)";
const timeRanges: Rule<WhenPiece>[] = [
  {
    pattern: rx(`(?<![\\d/:-])\\b${T}\\s*(?:-|–|—)\\s*${T}(?![\\d/:.])${UNITS}(?:\\s*aras[ıi](?:nda)?)?(?:'?[dt][ae])?`),
    read: (m) => rangePiece(m[0].trim(), { hour: m[1], minute: m[2] }, { hour: m[3], minute: m[4] }, false),
  },
  {
    // "15'ten 16'ya kadar", "saat 15:00'dan 16:30'a"
    pattern: rx(`(?<![\\d/:-])\\b${T}'?(?:[dt][ae]n)\\s+${T}'?(?:y?[ae])\\b(?:\\s+kadar)?`),
    read: (m) => rangePiece(m[0].trim(), { hour: m[1], minute: m[2] }, { hour: m[3], minute: m[4] }, false),
  },
];

const durations: Rule<number>[] = [
  {
    // "12.2026 saat 14": a number before "saat" + another number is a date and a clock time.
    pattern: rx("(?<![\\d.,:/])\\b(\\d+(?:[.,]\\d+)?|bir|iki|üç|dört|yarım)\\s*(buçuk\\s+)?(?:saat|sa)(?:lik)?\\b(?!\\s*\\d)(?:\\s*(\\d+)\\s*(?:dakika|dk)(?:lık)?\\b)?(?:\\s*(?:boyunca|süreyle|sürecek))?"),
    read: (m) => minutes(readNumber(m[1], NUM) * 60 + (m[2] ? 30 : 0) + Number(m[3] ?? 0)),
  },
  { pattern: rx("(?<![\\d.,:/])\\b(\\d+)\\s*(?:dakika|dk)(?:lık)?\\b(?:\\s*(?:boyunca|süreyle|sürecek))?"), read: (m) => minutes(Number(m[1])) },
];

// Names are capitalised words (one or two per person) or e-mail addresses already taken.
const NAME = `(?:\\p{Lu}[\\p{L}.\\-]*(?:\\s+\\p{Lu}[\\p{L}.\\-]*)?|${PLACEHOLDER}+)`;
const NAME_LIST = `(${NAME}(?:\\s*(?:,|\\bve\\b|&)\\s*${NAME})*)`;
const CHANNEL =
  "\\b(?:(?:kanal(?:daki)?\\s+(?:herkes|üyeleri)|kanal|ekip|takım|herkes|kanaldakiler)\\s+ile(?:\\s+birlikte)?" +
  "|kanalla|kanaldakilerle|kanaldaki\\s+herkesle|kanal\\s+üyeleriyle|ekiple|takımla|herkesle|kanal(?:ı|daki\\s+herkesi)\\s+davet\\s+et)\\b";

const INVITEE_PATTERNS: [RegExp, (m: RegExpExecArray) => string[]][] = [
  [rx(CHANNEL, "giu"), () => [CHANNEL_INVITEE]],
  [rx(`${NAME_LIST}\\s+ile\\b(?:\\s+birlikte)?`, "gu"), (m) => split(m[1]!)],
  [rx(`${NAME_LIST}'(?:y?la|y?le)\\b`, "gu"), (m) => split(m[1]!)],
];
const NAME_SEP = rx("\\s*(?:,|\\bve\\b|&)\\s*", "gu");

function invitees(segment: string): { start: number; end: number; items: string[] }[] {
  const out: { start: number; end: number; items: string[] }[] = [];
  let rest = segment;
  for (const [re, items] of INVITEE_PATTERNS) {
    for (const m of rest.matchAll(re)) {
      out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, items: items(m as RegExpExecArray) });
      rest = rest.slice(0, m.index) + " ".repeat(m[0].length) + rest.slice((m.index ?? 0) + m[0].length);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function split(list: string): string[] {
  return list.split(NAME_SEP).map((s) => s.trim());
}

export function turkishGrammar(): Grammar {
  return {
    agenda: rx("\\b(?:gündem|konu)\\s*:\\s*([\\s\\S]+)$"),
    command: rx("\\b(?:toplantı\\s+)?(?:planla|ayarla|oluştur|kur)(?:r\\s+mısın(?:ız)?|yın|yalım)?\\s*[.!?]*\\s*$|^\\s*(?:planla|ayarla)\\b\\s*:?"),
    recurrences,
    counts,
    seriesEnds,
    timeRanges,
    relatives: [
      {
        pattern: rx("\\b(\\d+|bir|iki|üç|yarım)\\s+(dakika|dk|saat|gün|hafta)\\s+sonra\\b"),
        read: (m) => relative(readNumber(m[1], NUM), TR_UNIT[trLower(m[2]!)] ?? "day"),
      },
    ],
    durations,
    readWhen: readTurkishWhen,
    leftovers: [
      { field: "recurrence", pattern: rx("\\bher\\s+\\S+") },
      { field: "time", pattern: rx("\\bsaat\\s+\\S+|\\b\\d{1,2}[:.]\\d{2}\\b(?![./]\\d)|\\b\\d{1,2}'[dt][ae]\\b") },
      { field: "date", pattern: rx(`\\b\\d{1,3}\\s+(?:${TR_MONTHS})\\S*|\\bayın\\s+\\S+|\\b(?:gelecek|önümüzdeki|bu)\\s+(?:hafta|ay)\\b|\\bhaftaya\\b|\\b\\d{1,2}[./]\\d{1,2}(?:[./]\\d{2,4})?\\b`) },
    ],
    invitees,
    filler: [
      rx("\\bwebex(?:'te|'de|\\s+üzerinden|\\s+toplantısı)?"),
      rx("^\\s*bir\\s+"),
      rx("^(?:\\s*(?:\\b(?:ve|ile|için|saat|bir|lütfen)\\b|[,.;:–—-]))+"),
      rx("(?:(?:\\b(?:ve|ile|için|saat|lütfen)\\b|[,.;:–—-])\\s*)+$"),
    ],
    emptyTitle: rx("^(?:bir\\s+)?(?:toplantı|toplantısı|görüşme|webex)$", "iu"),
  };
}
