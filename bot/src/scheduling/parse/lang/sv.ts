// Swedish. chrono-node's sv parser knows weekdays, month names and "imorgon", but no clock times
// and not "i morgon" / "i övermorgon"; those, and "den 5:e", are read here before/after chrono.
import * as chrono from "chrono-node";
import type { Recurrence } from "../../types";
import { readWithChrono } from "../chrono-reader";
import { rx } from "../masked-text";
import { collect } from "../rules";
import { CHANNEL_INVITEE } from "../types";
import { addDays } from "../zone";
import {
  alternation, clockPiece, daily, hhmm, isAmbiguousHour, relative, dayOfMonthPiece, fullYear, interval, lookup, minutes, monthByPrefix, monthly, nthWeekdayMonthly, rangePiece,
  readNumber, seriesEndOfMonth, seriesEndOn, weekdayList, weekdayRange, weekly, withPlurals,
} from "./common";
import type { CountPhrase, Grammar, ReadContext, RelativePhrase, Rule, SeriesEnd, WhenPiece } from "./grammar";

const BASE_WEEKDAY = { måndag: 1, tisdag: 2, onsdag: 3, torsdag: 4, fredag: 5, lördag: 6, söndag: 0 };
const WEEKDAY = { ...withPlurals(BASE_WEEKDAY, ["ar", "en", "arna"]), mån: 1, tis: 2, ons: 3, tors: 4, fre: 5, lör: 6, sön: 0 };
const WD = `(?:${alternation(Object.keys(WEEKDAY))})`;
const WD_PLURAL = `(?:${alternation(Object.keys(BASE_WEEKDAY))})ar`;
const DAYS = `${WD}(?:\\s*(?:,|&|/|\\boch\\b)\\s*${WD})*`;
const SEP = rx("\\s*(?:,|&|/|\\boch\\b)\\s*");
const NUM: Record<string, number> = { en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, tio: 10, tolv: 12 };
const ORD = "(\\d{1,3}):?(?:e|a)";
const MONTHS = "jan(?:uari)?|feb(?:ruari)?|mars?|apr(?:il)?|maj|juni?|juli?|aug(?:usti)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?";

const SV_UNIT: Record<string, RelativePhrase["unit"]> = { min: "minute", tim: "hour", dag: "day", vec: "week" };
const days = (list: string | undefined): number[] => (list ? weekdayList(list, SEP, WEEKDAY) ?? [] : []);

const NTH: Record<string, number> = { första: 1, andra: 2, tredje: 3, fjärde: 4, femte: 5, sista: -1 };
const NTH_WORD = "(första|andra|tredje|fjärde|femte|sista)";
const ONE_WD = `(${alternation(Object.keys(WEEKDAY))})`;
const IN_MONTH = "\\s+(?:i|varje)\\s+(?:varje\\s+)?månad(?:en)?\\b";
const nth = (n: string | undefined, day: string | undefined): Recurrence | null => nthWeekdayMonthly(lookup(WEEKDAY, day), lookup(NTH, n));

const recurrences: Rule<Recurrence>[] = [
  // Before "varje månad": "varje månad den första tisdagen", "sista fredagen i varje månad".
  { pattern: rx(`\\b(?:(?:varje|var)\\s+månad|månadsvis)\\s+(?:på\\s+)?(?:den\\s+)?${NTH_WORD}\\s+${ONE_WD}\\b(?:${IN_MONTH})?`), read: (m) => nth(m[1], m[2]) },
  { pattern: rx(`\\b(?:på\\s+)?(?:den\\s+)?${NTH_WORD}\\s+${ONE_WD}${IN_MONTH}`), read: (m) => nth(m[1], m[2]) },
  // "mån-fre", "varje måndag till torsdag", "vardagar": a series on each of those days.
  {
    pattern: rx(`\\b(?:varje|alla)\\s+(${WD})\\s*(?:-|–|\\btill\\b)\\s*(${WD})\\b|\\b(${WD})\\s*[-–]\\s*(${WD})\\b`),
    read: (m) => weekdayRange(lookup(WEEKDAY, m[1] ?? m[3]), lookup(WEEKDAY, m[2] ?? m[4])),
  },
  { pattern: rx("\\b(?:på\\s+|alla\\s+)?vardagar(?:na)?\\b"), read: () => weekly([1, 2, 3, 4, 5]) },
  // "den första tisdagen" with no month around it: which month? The card asks.
  { pattern: rx(`\\b(?:på\\s+)?den\\s+${NTH_WORD}\\s+${ONE_WD}\\b`), read: () => null },
  {
    // varje dag / varannan vecka / var 3:e vecka på måndag / varje månad den 5:e / varje vardag
    pattern: rx(`\\b(varje|varannan|var\\s+(\\d+):?[ea]?)\\s+(vardag|dag|vecka|månad)\\b(?:\\s+(?:på\\s+)?(?:(${DAYS})|den\\s+${ORD}))?`),
    read: (m) => {
      const n = m[1]!.toLowerCase() === "varannan" ? 2 : interval(m[2]);
      if (Number.isNaN(n)) return null;
      const unit = m[3]!.toLowerCase();
      if (unit === "dag") return daily(n);
      if (unit === "vecka") return weekly(days(m[4]), n);
      if (unit === "månad") return monthly(m[5] === undefined ? undefined : Number(m[5]), n);
      return weekly([1, 2, 3, 4, 5], n);
    },
  },
  { pattern: rx(`\\b(varje|varannan)\\s+(${DAYS})\\b`), read: (m) => weekly(days(m[2]), m[1]!.toLowerCase() === "varannan" ? 2 : 1) },
  {
    pattern: rx("\\b(dagligen|veckovis|månadsvis|månatligen|en gång i veckan|en gång i månaden)\\b"),
    read: (m) => {
      const w = m[1]!.toLowerCase();
      return w === "dagligen" ? daily() : w === "veckovis" || w.endsWith("veckan") ? weekly([]) : monthly(undefined);
    },
  },
  { pattern: rx(`\\b(?:på\\s+)?(${WD_PLURAL}(?:\\s*(?:,|\\boch\\b)\\s*${WD_PLURAL})*)\\b`), read: (m) => weekly(days(m[1])) },
  { pattern: rx(`\\bden\\s+${ORD}\\s+(?:i\\s+)?varje\\s+månad\\b`), read: (m) => monthly(Number(m[1])) },
];

const counts: Rule<CountPhrase>[] = [
  {
    pattern: rx("\\bi\\s+(\\d+|två|tre|fyra|fem|sex|tio|tolv)\\s+(dag(?:ar)?|veck(?:a|or)|månad(?:er)?)\\b"),
    read: (m) => {
      const u = m[2]!.toLowerCase();
      return { n: readNumber(m[1], NUM), unit: u.startsWith("dag") ? "day" : u.startsWith("veck") ? "week" : "month" };
    },
  },
  { pattern: rx("\\b(\\d+)\\s+(?:gånger|tillfällen|möten)\\b"), read: (m) => ({ times: Number(m[1]) }) },
];

const MONTH_ABBR = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const UNTIL = "\\b(?:till\\s+och\\s+med|t\\.\\s?o\\.\\s?m\\.?|fram\\s+till|till|tills|sista\\s+gången)\\s+";
const month = (name: string | undefined): number => monthByPrefix(MONTH_ABBR, name) ?? 0;

/** "t.o.m. 31 mars", "till och med den 18/12", "fram till slutet av mars"; "till mars" is a question. */
const seriesEnds: Rule<SeriesEnd>[] = [
  { pattern: rx(`${UNTIL}(?:slutet|utgången)\\s+av\\s+(${MONTHS})(?:\\s+(\\d{4}))?\\b`), read: (m) => seriesEndOfMonth(month(m[1]), fullYear(m[2])) },
  {
    pattern: rx(`${UNTIL}(?:den\\s+)?(\\d{1,2})(?::e|:a)?\\s+(${MONTHS})\\.?(?:\\s+(\\d{4}))?\\b`),
    read: (m) => seriesEndOn(Number(m[1]), month(m[2]), fullYear(m[3])),
  },
  { pattern: rx(`${UNTIL}(\\d{4})-(\\d{2})-(\\d{2})\\b`), read: (m) => seriesEndOn(Number(m[3]), Number(m[2]), Number(m[1])) },
  { pattern: rx(`${UNTIL}(?:den\\s+)?(\\d{1,2})/(\\d{1,2})(?:\\s*-\\s*(\\d{4}|\\d{2}))?\\b`), read: (m) => seriesEndOn(Number(m[1]), Number(m[2]), fullYear(m[3])) },
  { pattern: rx(`${UNTIL}(${MONTHS})(?:\\s+(\\d{4}))?\\b`), read: () => null },
  // "fram till fredag": which Friday? Ask (a bare "till fredag" may just be "to Friday").
  { pattern: rx(`\\b(?:till\\s+och\\s+med|t\\.\\s?o\\.\\s?m\\.?|fram\\s+till)\\s+(?:på\\s+)?${WD}\\b`), read: () => null },
];

const T = "(\\d{1,2})(?:[:.](\\d{2}))?";
const KL = "(?:\\b(?:kl\\.?|klockan)\\s*)?";
const timeRanges: Rule<WhenPiece>[] = [
  {
    pattern: rx(
      `(?:\\b(från|mellan)\\s+)?${KL}(?<![\\d/:-])${T}\\s*(-|–|—|\\btill\\b|\\boch\\b)\\s*${KL}${T}` +
        "(?![\\d/:]|\\.\\d|\\s*(?:h|tim(?:me|mar)?|min(?:uter)?|dagar|veckor|månader|gånger|personer)\\b)",
    ),
    read: (m) => {
      if (m[4]?.toLowerCase() === "och" && m[1]?.toLowerCase() !== "mellan") return undefined;
      return rangePiece(m[0].trim(), { hour: m[2], minute: m[3] }, { hour: m[5], minute: m[6] }, false);
    },
  },
];

// "om 30 minuter" is when the meeting starts; "i 30 minuter" is how long it lasts.
const NOT_OM = "(?<!\\bom\\s+)";
const durations: Rule<number>[] = [
  { pattern: rx(`(?:\\bi\\s+)?${NOT_OM}(?<![\\d.,:/])\\b(en|ett|\\d+)\\s+och\\s+en\\s+halv\\s+timm(?:e|ar)\\b`), read: (m) => minutes(readNumber(m[1], NUM) * 60 + 30) },
  { pattern: rx(`(?:\\bi\\s+)?\\b(?:en\\s+)?halvtimme\\b`), read: () => 30 },
  { pattern: rx(`(?:\\bi\\s+)?${NOT_OM}(?<![\\d.,:/])\\b(\\d{1,2})h(\\d{2})\\b`), read: (m) => minutes(Number(m[1]) * 60 + Number(m[2])) },
  {
    pattern: rx(`(?:\\bi\\s+)?(?:\\bunder\\s+)?${NOT_OM}(?<![\\d.,:/])\\b(\\d+(?:[.,]\\d+)?|en|ett|två|tre|fyra)\\s*(?:h|tim(?:me|mar)?)\\b(?:\\s*(?:och\\s+)?(\\d+)\\s*(?:min(?:uter)?|m)\\b)?`),
    read: (m) => minutes(readNumber(m[1], NUM) * 60 + Number(m[2] ?? 0)),
  },
  { pattern: rx(`(?:\\bi\\s+)?(?:\\bunder\\s+)?${NOT_OM}(?<![\\d.,:/])\\b(\\d+)\\s*(?:min(?:uter)?|m)\\b`), read: (m) => minutes(Number(m[1])) },
];

function relativeDay(days: number): (m: RegExpExecArray, ctx: ReadContext) => WhenPiece {
  return (m, ctx) => ({ text: m[0].trim(), day: { kind: "date", date: addDays(ctx.now.date, days) } });
}

const DAY_PART = "(?:\\s+(?:på\\s+)?(?:morgonen|förmiddagen|eftermiddagen|kvällen|eftermiddag|förmiddag|kväll))?";
const casual: { pattern: RegExp; read: (m: RegExpExecArray, ctx: ReadContext) => WhenPiece }[] = [
  { pattern: rx(`\\b(?:i\\s*)?övermorgon\\b${DAY_PART}`), read: relativeDay(2) },
  { pattern: rx(`\\b(?:i\\s*morgon|imorgon|i\\s*morn|imorn)\\b${DAY_PART}`), read: relativeDay(1) },
  { pattern: rx(`\\b(?:i\\s*dag|idag)\\b${DAY_PART}`), read: relativeDay(0) },
];

const SV_HOUR: Record<string, number> = { ett: 1, en: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12 };

/** "halv tre" (2.30), "kvart i tre" (2.45), "kvart över tre" (3.15): chrono reads none of them. */
const clockPhrases: Rule<WhenPiece>[] = [
  {
    pattern: rx(`(?:\\b(?:kl\\.?|klockan)\\s*)?\\b(halv|kvart\\s+i|kvart\\s+över|kvart\\s+efter)\\s+(\\d{1,2}(?![\\d:.])|(?:${alternation(Object.keys(SV_HOUR))})\\b)`),
    read: (m) => {
      const hour = lookup(SV_HOUR, m[2]) ?? Number(m[2]);
      if (!Number.isInteger(hour) || hour < 1 || hour > 24) return null;
      const kind = m[1]!.toLowerCase().replace(/\s+/g, " ");
      let t = hour * 60 + (kind === "halv" ? -30 : kind === "kvart i" ? -15 : 15);
      if (hour <= 12 && t < 60) t += 720; // "halv ett" is 12.30
      // A 12 h phrase: "halv tre" is 02.30 or 14.30 — the card asks, as for a bare "kl 3" in English.
      if (hour <= 12 && isAmbiguousHour(String(Math.floor(t / 60)))) return null;
      return { text: m[0].trim(), time: hhmm(t % 1440) };
    },
  },
];

const clocks: Rule<WhenPiece>[] = [
  { pattern: rx("\\b(?:kl\\.?|klockan)\\s*(\\d{1,2})(?:[:.](\\d{2}))?\\b"), read: (m) => clockPiece(m[0].trim(), m[1], m[2]) },
  { pattern: rx("(?<![\\d:.])\\b(\\d{1,2}):(\\d{2})\\b(?![:\\d])"), read: (m) => clockPiece(m[0].trim(), m[1], m[2]) },
];

const CHANNEL = rx(
  "^(?:@(?:channel|team|kanalen|teamet)|(?:hela\\s+)?(?:kanalen|teamet|gruppen|laget)|(?:kanalens|teamets)\\s+medlemmar" +
    "|alla(?:\\s+(?:här|i\\s+(?:kanalen|teamet)))?)$",
  "iu",
);

const INVITE = rx("\\b(?:med|bjud in|bjuda in|inklusive)\\s+(.+?)(?=\\s*(?:[:;(]|\\b(?:angående|för att|tack)\\b|$))", "iu");
const INVITEE_SEP = rx("\\s*(?:,|&|\\+|\\boch\\b)\\s*");

function invitees(segment: string): { start: number; end: number; items: string[] }[] {
  const m = INVITE.exec(segment);
  if (!m) return [];
  const items = m[1]!
    .split(INVITEE_SEP)
    .map((s) => s.trim().replace(/[.!?]+$/, ""))
    .map((s) => (CHANNEL.test(s) ? CHANNEL_INVITEE : s));
  return [{ start: m.index, end: m.index + m[0].length, items }];
}

export function swedishGrammar(): Grammar {
  const ordinals: Rule<WhenPiece>[] = [
    { pattern: rx(`\\b(?:den\\s+)?${ORD}\\b(?!\\s+(?:${MONTHS}))|\\bden\\s+(\\d{1,3})\\b(?![:.]\\d|\\s+(?:${MONTHS}))`), read: (m) => dayOfMonthPiece(m[0].trim(), m[1] ?? m[2]) },
  ];
  return {
    agenda: rx("(?:\\b(?:agenda|dagordning|ämne)\\s*:|\\bför att diskutera\\b)\\s*([\\s\\S]+)$"),
    command: rx("^\\s*(?:(?:kan du|snälla)\\s+)*(?:boka|schemalägg|planera|skapa|lägg in|ordna)\\b(?:\\s+in\\b)?|\\bboka\\b"),
    recurrences,
    counts,
    seriesEnds,
    timeRanges,
    relatives: [
      {
        pattern: rx("\\bom\\s+(\\d+|en|ett|två|tre|fyra|fem|tio)\\s+(min(?:uter)?|timm(?:e|ar)|dag(?:ar)?|veck(?:a|or))\\b"),
        read: (m) => relative(readNumber(m[1], NUM), SV_UNIT[m[2]!.slice(0, 3).toLowerCase()] ?? "day"),
      },
    ],
    durations,
    readWhen(text, ctx) {
      const pieces: WhenPiece[] = [];
      for (const c of casual) {
        text.scan(c.pattern, (m) => {
          pieces.push(c.read(m, ctx));
          return true;
        });
      }
      pieces.push(...collect(text, clockPhrases, ctx.problems, "time").map((f) => f.value));
      pieces.push(...collect(text, clocks, ctx.problems, "time").map((f) => f.value));
      pieces.push(...readWithChrono(chrono.sv.casual, text, ctx, { twelveHour: false }));
      pieces.push(...collect(text, ordinals, ctx.problems, "date").map((f) => f.value));
      return pieces;
    },
    leftovers: [
      { field: "recurrence", pattern: rx("\\b(?:varje|varannan)\\s+\\S+") },
      { field: "time", pattern: rx("\\b(?:kl\\.?|klockan)\\s*\\S*|\\b\\d{1,2}[:.]\\d{2}\\b") },
      { field: "date", pattern: rx(`\\b\\d{1,3}\\s+(?:${MONTHS})\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b|\\b(?:i\\s+)?(?:nästa|denna|den\\s+här)\\s+(?:vecka|månad)\\b`) },
    ],
    invitees,
    filler: [
      rx("\\b(?:på|via|i|över)\\s+webex\\b"),
      rx("^\\s*(?:ett|en|nytt)\\s+"),
      rx("\\bwebex-?(?:möte(?:t)?)?\\b"),
      rx("^(?:\\s*(?:\\b(?:och|på|kl|den|med|i|om|till|för|från|klockan|snälla|tack)\\b|[,.;:–—-]))+"),
      rx("(?:(?:\\b(?:och|på|kl|den|med|i|om|till|för|från|klockan|snälla|tack)\\b|[,.;:–—-])\\s*)+$"),
    ],
    emptyTitle: rx("^(?:(?:ett|en)\\s+)?(?:möte|mötet|samtal|webexmöte|webex)$", "iu"),
  };
}
