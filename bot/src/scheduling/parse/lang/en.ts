// English: chrono-node reads dates and times; this file knows commands, durations, ranges,
// recurrence, invitees and title filler.
import * as chrono from "chrono-node";
import type { Recurrence } from "../../types";
import { readWithChrono, ZONE_ABBREVIATIONS } from "../chrono-reader";
import { rx } from "../masked-text";
import { collect } from "../rules";
import { CHANNEL_INVITEE } from "../types";
import { nextMonday } from "../zone";
import {
  alternation, clockMinutes, daily, dayOfMonthPiece, fullYear, hhmm, interval, isAmbiguousHour, lookup, meridiemOf, minutes, monthByPrefix, nthWeekdayMonthly, relative, monthly, rangePiece, readNumber,
  seriesEndOfMonth, seriesEndOn, weekdayList, weekdayRange, weekly, withPlurals,
} from "./common";
import type { CountPhrase, Grammar, RelativePhrase, Rule, SeriesEnd, WhenPiece } from "./grammar";

const WEEKDAY = withPlurals(
  { monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 0, sun: 0 },
  ["s"],
);
const WD = `(?:${alternation(Object.keys(WEEKDAY))})`;
const DAYS = `${WD}(?:\\s*(?:,|&|/|\\band\\b)\\s*${WD})*`;
const SEP = rx("\\s*(?:,|&|/|\\band\\b)\\s*");
const NUM: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, twelve: 12, other: 2, second: 2 };
const ORD = "(\\d{1,3})(?:st|nd|rd|th)";
const MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

const EN_UNIT: Record<string, RelativePhrase["unit"]> = { m: "minute", h: "hour", d: "day", w: "week" };
const days = (list: string | undefined): number[] => (list ? weekdayList(list, SEP, WEEKDAY) ?? [] : []);

// "fifth" is read so that it is asked about: not every month has a fifth Monday, and Outlook has no such series.
const NTH: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, fifth: 5, "5th": 5, last: -1 };
const NTH_WORD = "(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)";
const ONE_WD = `(${alternation(Object.keys(WEEKDAY))})`;
const OF_MONTH = "\\s+of\\s+(?:the|each|every)\\s+month\\b";
const nth = (n: string | undefined, day: string | undefined): Recurrence | null => nthWeekdayMonthly(lookup(WEEKDAY, day), lookup(NTH, n));

const recurrences: Rule<Recurrence>[] = [
  // Before "every month": "monthly on the first Tuesday", "the last Friday of every month", "every second Monday".
  { pattern: rx(`\\b(?:monthly|(?:every|each)\\s+month)\\s+on\\s+the\\s+${NTH_WORD}\\s+${ONE_WD}\\b(?:${OF_MONTH})?`), read: (m) => nth(m[1], m[2]) },
  { pattern: rx(`\\b(?:on\\s+)?(?:the|every|each)\\s+${NTH_WORD}\\s+${ONE_WD}${OF_MONTH}`), read: (m) => nth(m[1], m[2]) },
  // Not "every second Monday": that is every other Monday as often as the second of the month.
  { pattern: rx(`\\bevery\\s+(first|1st|last)\\s+${ONE_WD}\\b`), read: (m) => nth(m[1], m[2]) },
  // "Mon-Fri", "every Monday to Thursday": a series on each of those days. Without "every", only
  // the dash form: "handover Thursday to Friday" is one span of days, not a weekly series.
  {
    pattern: rx(`\\b(?:every|each)\\s+(${WD})\\s*(?:-|–|\\bto\\b|\\bthrough\\b|\\bthru\\b)\\s*(${WD})\\b|\\b(${WD})\\s*[-–]\\s*(${WD})\\b`),
    read: (m) => weekdayRange(lookup(WEEKDAY, m[1] ?? m[3]), lookup(WEEKDAY, m[2] ?? m[4])),
  },
  { pattern: rx("\\b(?:on\\s+)?weekdays\\b"), read: () => weekly([1, 2, 3, 4, 5]) },
  // "on the first Tuesday" with no month around it: which month? The card asks.
  { pattern: rx(`\\b(?:on\\s+)?the\\s+${NTH_WORD}\\s+${ONE_WD}\\b`), read: () => null },
  {
    // every day / every 2 weeks on Monday / every other month on the 5th / every weekday
    pattern: rx(`\\b(?:every|each)\\s+(?:(other|second|\\d+)(?:st|nd|rd|th)?\\s+)?(weekday|workday|business day|day|week|month)s?\\b(?:\\s+on\\s+(?:the\\s+)?(?:(${DAYS})|${ORD}))?`),
    read: (m) => {
      const n = interval(m[1], NUM);
      if (Number.isNaN(n)) return null;
      const unit = m[2]!.toLowerCase();
      if (unit === "day") return daily(n);
      if (unit === "week") return weekly(days(m[3]), n);
      if (unit === "month") return monthly(m[4] === undefined ? undefined : Number(m[4]), n);
      return weekly([1, 2, 3, 4, 5], n);
    },
  },
  { pattern: rx(`\\b(?:every|each)\\s+(?:(other)\\s+)?(${DAYS})\\b`), read: (m) => weekly(days(m[2]), m[1] ? 2 : 1) },
  {
    pattern: rx(`\\b(daily|weekly|bi-?weekly|fortnightly|monthly)\\b(?:\\s+on\\s+(?:the\\s+)?(?:(${DAYS})|${ORD}))?`),
    read: (m) => {
      const kind = m[1]!.toLowerCase();
      if (kind === "daily") return daily();
      if (kind === "monthly") return monthly(m[3] === undefined ? undefined : Number(m[3]));
      return weekly(days(m[2]), kind === "weekly" ? 1 : 2);
    },
  },
  { pattern: rx(`\\bon\\s+(${WD}s(?:\\s*(?:,|&|\\band\\b)\\s*${WD}s)*)\\b`), read: (m) => weekly(days(m[1])) },
  { pattern: rx(`\\b(?:on\\s+)?the\\s+${ORD}\\s+of\\s+(?:every|each)\\s+month\\b`), read: (m) => monthly(Number(m[1])) },
];

const counts: Rule<CountPhrase>[] = [
  {
    pattern: rx("\\bfor\\s+(\\d+|two|three|four|five|six|ten|twelve)\\s+(day|week|month)s?\\b"),
    read: (m) => ({ n: readNumber(m[1], NUM), unit: m[2]!.toLowerCase() as "day" | "week" | "month" }),
  },
  { pattern: rx("\\b(\\d+)\\s+(?:times|occurrences|sessions|meetings)\\b"), read: (m) => ({ times: Number(m[1]) }) },
];

const MONTH_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const UNTIL = "\\b(?:until|till|through|thru|ending(?:\\s+on)?|ends?\\s+on|up\\s+to\\s+and\\s+including)\\s+(?:on\\s+)?";
const YEAR = "(?:,?\\s+(\\d{4}))?";

/** "until March 31", "through 12/18", "until the end of March"; a bare "until March" is a question. */
function seriesEnds(order: "month-day" | "day-month"): Rule<SeriesEnd>[] {
  const month = (name: string | undefined): number => monthByPrefix(MONTH_ABBR, name) ?? 0;
  return [
    { pattern: rx(`${UNTIL}(?:the\\s+)?end\\s+of\\s+(${MONTHS})\\.?${YEAR}\\b`), read: (m) => seriesEndOfMonth(month(m[1]), fullYear(m[2])) },
    {
      pattern: rx(`${UNTIL}(?:${WD},?\\s+)?(${MONTHS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?${YEAR}\\b(?![:.]\\d)`),
      read: (m) => seriesEndOn(Number(m[2]), month(m[1]), fullYear(m[3])),
    },
    {
      pattern: rx(`${UNTIL}(?:${WD},?\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTHS})\\.?${YEAR}\\b`),
      read: (m) => seriesEndOn(Number(m[1]), month(m[2]), fullYear(m[3])),
    },
    { pattern: rx(`${UNTIL}(\\d{4})-(\\d{2})-(\\d{2})\\b`), read: (m) => seriesEndOn(Number(m[3]), Number(m[2]), Number(m[1])) },
    {
      pattern: rx(`${UNTIL}(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?\\b`),
      read: (m) => (order === "month-day" ? seriesEndOn(Number(m[2]), Number(m[1]), fullYear(m[3])) : seriesEndOn(Number(m[1]), Number(m[2]), fullYear(m[3]))),
    },
    // The start or the end of March? Which Friday, which 18th? Ask.
    { pattern: rx(`${UNTIL}(${MONTHS})\\.?${YEAR}\\b`), read: () => null },
    { pattern: rx(`${UNTIL}(?:(?:next|this)\\s+)?${WD}\\b|${UNTIL}(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)\\b`), read: () => null },
  ];
}

const HOUR_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };

/** "half past two", "a quarter to 3pm": chrono reads neither (and takes "3pm" out of the second). */
const clockPhrases: Rule<WhenPiece>[] = [
  {
    pattern: rx(
      `\\b(?:at\\s+)?(?:a\\s+)?(half|quarter)\\s+(past|after|to|before)\\s+(\\d{1,2}(?![\\d:.])|(?:${alternation(Object.keys(HOUR_WORDS))})\\b)(?:\\s*(a\\.?m\\.?|p\\.?m\\.?))?`,
    ),
    read: (m) => {
      const half = m[1]!.toLowerCase() === "half";
      const before = /^(?:to|before)$/i.test(m[2]!);
      if (half && before) return undefined;
      const hour = lookup(HOUR_WORDS, m[3]) ?? Number(m[3]);
      const meridiem = meridiemOf(m[4]);
      const base = clockMinutes(hour, 0, meridiem);
      // Morning or afternoon is a question for the card, as for a bare "at 2".
      if (base === undefined || (!meridiem && isAmbiguousHour(String(hour)))) return null;
      return { text: m[0].trim(), time: hhmm((base + (before ? -15 : half ? 30 : 15) + 1440) % 1440) };
    },
  },
];

// "next week Tuesday", "Tuesday of next week": that Tuesday. "next week" alone: which day? Ask.
const NEXT_WEEK_DAY = rx(`\\bnext\\s+week(?:\\s+on)?\\s+(${WD})\\b|\\b(?:on\\s+)?(${WD})\\s+(?:of\\s+)?next\\s+week\\b`);
const VAGUE_DAY = rx("\\b(?:next|this|coming|the\\s+coming)\\s+(?:week|month)\\b(?!')|\\blater\\s+this\\s+week\\b");

const T = "(\\d{1,2})(?:[:.](\\d{2}))?\\s*(a\\.?m\\.?|p\\.?m\\.?)?";
const timeRanges: Rule<WhenPiece>[] = [
  {
    pattern: rx(
      `(?:\\b(from|between)\\s+)?(?<![\\d/.:-])${T}\\s*(-|–|—|\\bto\\b|\\btill\\b|\\buntil\\b|\\band\\b)\\s*${T}` +
        "(?![\\d/:]|\\.\\d|\\s*(?:h|hrs?|hours?|mins?|minutes?|days?|weeks?|months?|times|people|st|nd|rd|th)\\b)",
    ),
    read: (m) => {
      if (m[5]?.toLowerCase() === "and" && m[1]?.toLowerCase() !== "between") return undefined;
      return rangePiece(m[0].trim(), { hour: m[2], minute: m[3], meridiem: m[4] }, { hour: m[6], minute: m[7], meridiem: m[8] }, true);
    },
  },
];

// "in 30 minutes" is when the meeting starts (chrono reads it), not how long it lasts.
const NOT_IN = "(?<!\\bin\\s+)";
const durations: Rule<number>[] = [
  { pattern: rx("(?:\\bfor\\s+)?\\b(?:half an hour|a half hour|half-hour)\\b"), read: () => 30 },
  { pattern: rx(`(?:\\bfor\\s+)?\\b(\\d{1,2})h(\\d{2})\\b`), read: (m) => minutes(Number(m[1]) * 60 + Number(m[2])) },
  {
    pattern: rx(
      `(?:\\bfor\\s+)?(?:\\babout\\s+)?${NOT_IN}(?<![\\d.,:/])\\b(\\d+(?:[.,]\\d+)?|an?|one|two|three|four)\\s*-?\\s*(?:h|hrs?|hours?)\\b` +
        "(?:\\s*(?:and\\s+)?(?:(a half)|(\\d+)\\s*(?:m|mins?|minutes?)\\b))?",
    ),
    read: (m) => minutes(readNumber(m[1], NUM) * 60 + (m[2] ? 30 : 0) + Number(m[3] ?? 0)),
  },
  { pattern: rx(`(?:\\bfor\\s+)?(?:\\babout\\s+)?${NOT_IN}(?<![\\d.,:/])\\b(\\d+)\\s*-?\\s*(?:m|mins?|minutes?)\\b`), read: (m) => minutes(Number(m[1])) },
];

const CHANNEL = rx(
  "^(?:@(?:channel|team|everyone)|(?:(?:the|this|our|my)\\s+)?(?:whole\\s+|entire\\s+)?(?:channel|team)(?:\\s+members)?" +
    "|(?:everyone|everybody|all)(?:\\s+(?:here|in\\s+(?:the|this)\\s+(?:channel|team)))?)$",
  "iu",
);

const INVITE = rx("\\b(?:with|invite|inviting|including)\\s+(.+?)(?=\\s*(?:[:;(]|\\b(?:about|regarding|to discuss|please)\\b|$))", "iu");
const TRAILING_PREPOSITION = /\s+(?:on|at|by|from|in|for|starting|beginning|until|till)$/i;
const INVITEE_SEP = rx("\\s*(?:,|&|\\+|\\band\\b|\\bplus\\b)\\s*");

function invitees(segment: string): { start: number; end: number; items: string[] }[] {
  const m = INVITE.exec(segment);
  if (!m) return [];
  const items = m[1]!
    .split(INVITEE_SEP)
    // "with Aiko on Dec 3": the date is read already, its preposition stays behind the name.
    .map((s) => s.trim().replace(/[.!?]+$/, "").replace(TRAILING_PREPOSITION, ""))
    .map((s) => (CHANNEL.test(s) ? CHANNEL_INVITEE : s.replace(/^the\s+/i, "")));
  return [{ start: m.index, end: m.index + m[0].length, items }];
}

/** Only the US (and the Philippines) write month/day; chrono's GB parser reads day/month. */
export function englishDateOrder(locale: string): "month-day" | "day-month" {
  return /^en-(US|PH)\b/i.test(locale) || locale.toLowerCase() === "en" ? "month-day" : "day-month";
}

export function englishGrammar(locale: string): Grammar {
  const parser = englishDateOrder(locale) === "month-day" ? chrono.en.casual : chrono.en.GB;
  const ordinals: Rule<WhenPiece>[] = [{ pattern: rx(`\\b(?:on\\s+)?(?:the\\s+)?${ORD}\\b(?!\\s+of\\s+(?:${MONTHS}))`), read: (m) => dayOfMonthPiece(m[0].trim(), m[1]) }];
  return {
    agenda: rx("(?:\\b(?:agenda|topic|re)\\s*:|\\bto discuss\\b)\\s*([\\s\\S]+)$"),
    command: rx("^\\s*(?:(?:please|pls|can you|could you|would you)\\s+)*(?:schedule|book|set up|setup|arrange|organi[sz]e|create|plan|add)\\b|\\bschedule\\b"),
    recurrences,
    counts,
    seriesEnds: seriesEnds(englishDateOrder(locale)),
    timeRanges,
    // Read here rather than by chrono: chrono adds to a fixed offset, which is an hour off across
    // the user's DST change; relativePiece steps the real instant.
    relatives: [
      { pattern: rx("\\bin\\s+half\\s+an\\s+hour\\b"), read: () => relative(30, "minute") },
      {
        pattern: rx("\\bin\\s+(\\d+|an?|one|two|three|four|five|six|ten|twelve)\\s+(min(?:ute)?s?|hours?|hrs?|days?|weeks?)\\b"),
        read: (m) => relative(readNumber(m[1], NUM), EN_UNIT[m[2]!.slice(0, 1).toLowerCase()] ?? "day"),
      },
    ],
    durations,
    readWhen(text, ctx) {
      const pieces = collect(text, clockPhrases, ctx.problems, "time").map((f) => f.value);
      text.scan(NEXT_WEEK_DAY, (m) => {
        pieces.push({ text: m[0].trim(), day: { kind: "weekday", weekday: lookup(WEEKDAY, m[1] ?? m[2]) ?? 1, earliest: nextMonday(ctx.now.date) } });
        return true;
      });
      text.scan(VAGUE_DAY, (m) => {
        ctx.problems.push({ field: "date", text: m[0].trim() });
        return true;
      });
      pieces.push(...readWithChrono(parser, text, ctx, { twelveHour: true }));
      return [...pieces, ...collect(text, ordinals, ctx.problems, "date").map((f) => f.value)];
    },
    leftovers: [
      { field: "recurrence", pattern: rx("\\b(?:every|each)\\s+\\S+") },
      { field: "date", pattern: rx(`\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,3}|\\d{1,3}\\s+(?:${MONTHS}))\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b`) },
      { field: "time", pattern: rx("\\b(?:at\\s+)?\\d{1,2}(?:[:.]\\d{2})?\\s*(?:am|pm)\\b|\\b(?:at\\s+)?\\d{1,2}:\\d{2}\\b|\\bat\\s+\\d{1,2}\\b") },
      { field: "duration", pattern: rx("\\bfor\\s+\\d+(?:[.,]\\d+)?(?!\\s*[\\p{L}\\d])") },
      // A zone left after a range ("3-4pm EST"): the range was read in the user's zone — ask. Capitals only.
      { field: "time", pattern: rx(`\\b(?:${ZONE_ABBREVIATIONS})\\b`, "gu") },
    ],
    invitees,
    filler: [
      rx("\\b(?:on|via|over|in|using)\\s+webex\\b"),
      rx("^\\s*(?:a|an|new)\\s+"),
      rx("\\bwebex\\b(?:\\s+(?:meeting|call|session))?"),
      rx("^(?:\\s*(?:\\b(?:and|or|at|on|for|from|to|in|by|please|with|it|starting|beginning)\\b|[,.;:–—-]))+"),
      rx("(?:(?:\\b(?:and|or|at|on|for|from|to|in|by|please|with|it|starting|beginning|the|of)\\b|[,.;:–—-])\\s*)+$"),
    ],
    emptyTitle: rx("^(?:(?:a|an|the)\\s+)?(?:meeting|call|session|webex)s?$", "iu"),
  };
}
