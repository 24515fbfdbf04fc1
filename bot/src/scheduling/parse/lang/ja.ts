// Japanese. chrono-node's ja parser reads 明日, 12月3日, 15時, 10時半, 午後3時; this file adds
// 明後日, 来週の金曜, day-of-month (5日), durations (30分, 1時間半), 毎週/毎日/毎月 and さん-invitees.
import * as chrono from "chrono-node";
import type { Recurrence } from "../../types";
import { readWithChrono } from "../chrono-reader";
import { PLACEHOLDER, rx } from "../masked-text";
import { collect } from "../rules";
import { CHANNEL_INVITEE } from "../types";
import { addDays, nextMonday } from "../zone";
import { clockMinutes, daily, dayOfMonthPiece, fullYear, hhmm, isAmbiguousHour, meridiemOf, relative, minutes, monthly, nthWeekdayMonthly, rangePiece, seriesEndOfMonth, seriesEndOn, weekdayRange, weekly } from "./common";
import type { CountPhrase, Grammar, Rule, SeriesEnd, WhenPiece } from "./grammar";

const WEEKDAY: Record<string, number> = { 日: 0, 月: 1, 火: 2, 水: 3, 木: 4, 金: 5, 土: 6 };
// A weekday needs its 曜 unless a list separator follows: 毎週月・木曜; "毎週日本…" is not Sunday.
const WD = "[月火水木金土日](?:曜日?|(?=[・、,と]))";
const DAYS = `(${WD}(?:[・、,と]?${WD})*)`;

function days(list: string | undefined): number[] {
  return [...(list ?? "").matchAll(/([月火水木金土日])(?:曜日?)?/gu)].map((m) => WEEKDAY[m[1]!]!);
}

const NTH: Record<string, number> = { "1": 1, 一: 1, "2": 2, 二: 2, "3": 3, 三: 3, "4": 4, 四: 4, "5": 5, 五: 5 };
// 第1火曜日 / 第一火曜 / 最終金曜日 / 最後の金曜
const NTH_WD = "(?:第([1-5一二三四五])|(最終|最後の))([月火水木金土日])曜日?";
const nth = (m: RegExpExecArray): Recurrence | null => nthWeekdayMonthly(WEEKDAY[m[3]!], m[2] ? -1 : NTH[m[1]!]);

const recurrences: Rule<Recurrence>[] = [
  // Before 毎月: 毎月第1火曜日, 毎月の最終金曜日.
  { pattern: rx(`毎月(?:の)?${NTH_WD}`, "gu"), read: nth },
  // 月〜金, 毎週月曜から木曜: a series on each of those days (the digit check keeps "3月〜" a month).
  {
    pattern: rx("(?:毎週)?(?<!\\d)([月火水木金土日])(?:曜日?)?\\s*(?:〜|~|ー|-|–)\\s*([月火水木金土日])(?:曜日?)?|(?:毎週)(?<!\\d)([月火水木金土日])曜日?から([月火水木金土日])曜日?(?:まで)?", "gu"),
    read: (m) => weekdayRange(WEEKDAY[m[1] ?? m[3]!], WEEKDAY[m[2] ?? m[4]!]),
  },
  // 第2月曜 without 毎月: which month? The card asks.
  { pattern: rx(NTH_WD, "gu"), read: () => null },
  { pattern: rx(`毎(${WD}(?:[・、,と]?${WD})*)`, "gu"), read: (m) => weekly(days(m[1])) },
  { pattern: rx("毎平日|平日(?:は)?毎日|平日", "gu"), read: () => weekly([1, 2, 3, 4, 5]) },
  { pattern: rx("毎日", "gu"), read: () => daily() },
  { pattern: rx(`(毎週|隔週)(?:の)?(?:${DAYS})?`, "gu"), read: (m) => weekly(days(m[2]), m[1] === "隔週" ? 2 : 1) },
  { pattern: rx(`(\\d+)週間?(?:ごと|毎)(?:に|の)?(?:${DAYS})?`, "gu"), read: (m) => weekly(days(m[2]), Number(m[1])) },
  { pattern: rx("(\\d+)日(?:ごと|毎)(?:に)?", "gu"), read: (m) => daily(Number(m[1])) },
  { pattern: rx("毎月(?:の)?(?:(\\d{1,3})日)?", "gu"), read: (m) => monthly(m[1] === undefined ? undefined : Number(m[1])) },
  { pattern: rx("(\\d+)(?:か|ヶ|カ|ケ)月(?:ごと|毎)(?:に|の)?(?:(\\d{1,3})日)?", "gu"), read: (m) => monthly(m[2] === undefined ? undefined : Number(m[2]), Number(m[1])) },
];

const counts: Rule<CountPhrase>[] = [
  { pattern: rx("(?:全)?(\\d+)回(?:分)?", "gu"), read: (m) => ({ times: Number(m[1]) }) },
  {
    pattern: rx("(\\d+)(週間|日間|か月間|ヶ月間|カ月間)", "gu"),
    read: (m) => ({ n: Number(m[1]), unit: m[2] === "週間" ? "week" : m[2] === "日間" ? "day" : "month" }),
  },
];

// 3月31日まで, 2027年3月末まで, 2027/3/31まで, 3/31まで; "3月まで" (its start or its end?) is a question.
const MADE = "\\s*(?:まで|迄)";
const seriesEnds: Rule<SeriesEnd>[] = [
  { pattern: rx(`(?:(\\d{4})年)?(\\d{1,2})月(?:末|の終わり)${MADE}`, "gu"), read: (m) => seriesEndOfMonth(Number(m[2]), fullYear(m[1])) },
  {
    pattern: rx(`(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日(?:\\s*\\([月火水木金土日]\\))?${MADE}`, "gu"),
    read: (m) => seriesEndOn(Number(m[3]), Number(m[2]), fullYear(m[1])),
  },
  { pattern: rx(`(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})${MADE}`, "gu"), read: (m) => seriesEndOn(Number(m[3]), Number(m[2]), Number(m[1])) },
  { pattern: rx(`(?<![\\d/])(\\d{1,2})/(\\d{1,2})${MADE}`, "gu"), read: (m) => seriesEndOn(Number(m[2]), Number(m[1])) },
  { pattern: rx(`(?:(\\d{4})年)?(\\d{1,2})月${MADE}`, "gu"), read: () => null },
  // 金曜まで (but not 月曜から金曜まで, a range of days): which Friday? Ask.
  { pattern: rx(`(?<!から\\s*)[月火水木金土日]曜日?${MADE}`, "gu"), read: () => null },
];

const T = "(午前|午後)?\\s*(\\d{1,2})(?:時(?:(\\d{1,2})分|(半))?|:(\\d{2}))";
const timeRanges: Rule<WhenPiece>[] = [
  {
    pattern: rx(`${T}\\s*(?:から|より|〜|~|-|–|—|ー)\\s*${T}(?![間\\d])(?:まで)?`, "gu"),
    read: (m) =>
      rangePiece(
        m[0],
        { hour: m[2], minute: m[3] ?? (m[4] ? "30" : m[5]), meridiem: m[1] },
        { hour: m[7], minute: m[8] ?? (m[9] ? "30" : m[10]), meridiem: m[6] },
        true,
      ),
  },
];

const durations: Rule<number>[] = [
  { pattern: rx("(\\d+(?:\\.\\d+)?)時間(?:(\\d{1,2})分|(半))?(?:間)?", "gu"), read: (m) => minutes(Number(m[1]) * 60 + Number(m[2] ?? 0) + (m[3] ? 30 : 0)) },
  // "15時30分" is a time, not 30 minutes long.
  { pattern: rx("(?<![時:\\d])(\\d+)分(?:間)?", "gu"), read: (m) => minutes(Number(m[1])) },
];

const CHANNEL = [
  "(?:この|本)?(?:チャネル|チャンネル)(?:の?(?:メンバー|全員|みんな|皆さん))?(?:全員)?",
  "チーム(?:の(?:メンバー|全員|みんな|皆さん)|全員)",
  "(?:全員|みんな|皆さん)(?=と|を|で|に|$)",
].join("|");
const PARTICLE = "(?:と|を招待(?:して)?|を|に|で|も|、|,)?";
const NAME = `([A-Za-z][A-Za-z.\\-]*|[\\p{Script=Han}\\p{Script=Katakana}ー・]+)`;

const INVITEE = new RegExp(
  `(${CHANNEL})${PARTICLE}|${NAME}\\s*(?:さん|様|さま|くん|君|ちゃん|氏)${PARTICLE}|([A-Za-z][A-Za-z.\\-]*)\\s*と|${PLACEHOLDER}+\\s*(?:と|を招待(?:して)?|、|,)?`,
  "gu",
);
// Clock times read here, not by chrono: chrono takes "9時 1on1" for 9:01.
const CLOCKS: Rule<WhenPiece>[] = [
  {
    pattern: rx("(?:(午前|午後)\\s*)?(?<![\\d:.])(\\d{1,2})(?:時(?:(\\d{1,2})分|(半))?|:(\\d{2}))(?![\\d間])", "gu"),
    read: (m) => {
      const meridiem = meridiemOf(m[1]);
      const t = clockMinutes(Number(m[2]), Number(m[3] ?? (m[4] ? 30 : m[5] ?? 0)), meridiem);
      if (t === undefined) return null;
      // "3時" without 午前/午後: three at night or in the afternoon — the card asks (15時 does not).
      if (!meridiem && isAmbiguousHour(m[2])) return null;
      return { text: m[0], time: hhmm(t) };
    },
  },
];
const DAY_AFTER_TOMORROW = rx("明後日|あさって", "gu");
const WEEKDAY_OF_WEEK = rx(`(来週|今週)の?([月火水木金土日])曜日?`, "gu");

function invitees(segment: string): { start: number; end: number; items: string[] }[] {
  return [...segment.matchAll(INVITEE)].map((m) => {
    const item = m[1] ? CHANNEL_INVITEE : (m[2] ?? m[3]);
    return { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, items: item ? [item] : [] };
  });
}

export function japaneseGrammar(): Grammar {
  const ordinals: Rule<WhenPiece>[] = [{ pattern: rx("(?<![月\\d])(\\d{1,3})日(?![間曜])", "gu"), read: (m) => dayOfMonthPiece(m[0], m[1]) }];
  return {
    agenda: rx("(?:議題|アジェンダ|内容)\\s*[:：]\\s*([\\s\\S]+)$", "gu"),
    command: rx(
      "(?:を|で)?\\s*(?:予約|設定|登録|スケジュール|セット|入れ|調整)(?:して(?:ください|下さい|ほしい|欲しい|もらえますか|くれる)?|する|を?お願い(?:します)?)?\\s*[。!！?？]*$",
      "gu",
    ),
    recurrences,
    counts,
    seriesEnds,
    timeRanges,
    relatives: [
      {
        pattern: rx("(\\d+)(分|時間|日|週間)後", "gu"),
        read: (m) => relative(Number(m[1]), ({ 分: "minute", 時間: "hour", 日: "day", 週間: "week" } as const)[m[2] as "分"]),
      },
    ],
    durations,
    readWhen(text, ctx) {
      const pieces: WhenPiece[] = [];
      text.scan(DAY_AFTER_TOMORROW, (m) => {
        pieces.push({ text: m[0], day: { kind: "date", date: addDays(ctx.now.date, 2) } });
        return true;
      });
      // chrono reads "来週の金曜日" as the Friday of this week; 来週 is the week from next Monday.
      text.scan(WEEKDAY_OF_WEEK, (m) => {
        pieces.push({ text: m[0], day: { kind: "weekday", weekday: WEEKDAY[m[2]!]!, earliest: m[1] === "来週" ? nextMonday(ctx.now.date) : ctx.now.date } });
        return true;
      });
      pieces.push(...collect(text, CLOCKS, ctx.problems, "time").map((f) => f.value));
      pieces.push(...readWithChrono(chrono.ja.casual, text, ctx, { twelveHour: true }));
      pieces.push(...collect(text, ordinals, ctx.problems, "date").map((f) => f.value));
      return pieces;
    },
    leftovers: [
      { field: "recurrence", pattern: rx("毎[^\\s、。,]{0,4}", "gu") },
      { field: "time", pattern: rx("(?:午前|午後)?\\d+時(?:\\d+分|半)?|\\d{1,2}:\\d{2}", "gu") },
      { field: "date", pattern: rx("\\d+月(?:\\d+日)?|\\d+日(?!間)|(?:来週|今週|再来週|来月|今月)(?!の)", "gu") },
    ],
    invitees,
    filler: [
      rx("(?:Webex|ウェブエックス)(?:で|の)?(?:会議|ミーティング)?", "giu"),
      rx("^[、。,.・\\s]*(?:を|に|で|と|の|から|まで|は|が|も|招待して|を招待)?[、。,.・\\s]*", "gu"),
      rx("[、。,.・\\s]*(?:を|に|で|と|の|から|まで|は|が|も|招待して|を招待)?[、。,.・\\s]*$", "gu"),
    ],
    emptyTitle: rx("^(?:会議|ミーティング|打ち合わせ|打合せ|MTG|Webex)$", "iu"),
  };
}
