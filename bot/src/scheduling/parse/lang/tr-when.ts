// Turkish dates and times — chrono-node has no Turkish. Reads: bugün, yarın, öbür gün,
// (gelecek/haftaya/bu) pazartesi…pazar, "24 Kasım (2026)", "24.11.2026", "ayın 5'i",
// "saat 15", "saat 15:00'te", "15:30", "15'te", with sabah/öğleden sonra/akşam.
// Anything else that looks like a date or time is left for the leftovers check (a problem).
import { rx, type MaskedText } from "../masked-text";
import { collect } from "../rules";
import { addDays, formatDate, isCalendarDate, nextMonday } from "../zone";
import { alternation, clockMinutes, dayOfMonthPiece, hhmm } from "./common";
import type { ReadContext, Rule, WhenPiece } from "./grammar";

export const TR_WEEKDAY: Record<string, number> = { pazartesi: 1, salı: 2, çarşamba: 3, perşembe: 4, cuma: 5, cumartesi: 6, pazar: 0 };
/** A weekday with the suffixes a sentence gives it: "pazartesi günü", "cumaya", "salıları". */
export const TR_WD = `(${alternation(Object.keys(TR_WEEKDAY))})(?:\\s+günleri|\\s+günü|leri|ları|y?[ae])?`;
const MONTH: Record<string, number> = {
  ocak: 1, şubat: 2, mart: 3, nisan: 4, mayıs: 5, haziran: 6, temmuz: 7, ağustos: 8, eylül: 9, ekim: 10, kasım: 11, aralık: 12,
};
export const TR_MONTHS = alternation(Object.keys(MONTH));
/** A month's number from its name, any case ("Mart", "ŞUBAT"). */
export const trMonth = (name: string | undefined): number | undefined => (name === undefined ? undefined : MONTH[trLower(name)]);
const SUFFIX = "(?:'?\\p{Ll}+)?";
const PM_WORDS = "öğleden sonra|öğleden|akşam|gece";
const DAY_PART = `(?:(sabah|${PM_WORDS})\\s+)?`;

/** Lower-cases the Turkish way ("Salı", "KASIM" → "salı", "kasım"). */
export function trLower(s: string): string {
  return s.toLocaleLowerCase("tr-TR");
}

function dayPiece(text: string, days: number, ctx: ReadContext): WhenPiece {
  return { text, day: { kind: "date", date: addDays(ctx.now.date, days) } };
}

function clock(text: string, part: string | undefined, hour: string | undefined, minute: string | undefined): WhenPiece | null {
  let h = Number(hour);
  // "öğleden sonra 3" / "akşam 7": afternoon and evening hours on a 12 h reading.
  if (part && PM.test(part) && h >= 1 && h < 12) h += 12;
  const t = clockMinutes(h, Number(minute ?? 0), undefined);
  return t === undefined ? null : { text, time: hhmm(t) };
}

// Built once: the grammar is shared by every request (MaskedText.scan keeps its own global copies).
const PM = new RegExp(`^(?:${PM_WORDS})$`, "iu");
const CASUAL_DAYS: [RegExp, number][] = [
  [rx("\\b(?:öbür\\s*gün|yarından\\s+sonra)\\b"), 2],
  [rx("\\byarın(?:ki)?\\b"), 1],
  [rx("\\bbugün(?:kü)?\\b"), 0],
];
const DATES: Rule<WhenPiece>[] = [
  {
    pattern: rx(`\\b(\\d{1,2})\\s+(${TR_MONTHS})(?:\\s+(\\d{4}))?${SUFFIX}`),
    read: (m) => calendar(m[0], Number(m[1]), MONTH[trLower(m[2]!)] ?? 0, m[3]),
  },
  { pattern: rx("(?<![\\d.:/])\\b(\\d{1,2})[./](\\d{1,2})[./](\\d{4})\\b"), read: (m) => calendar(m[0], Number(m[1]), Number(m[2]), m[3]) },
  { pattern: rx("(?<![\\d.:/])\\b(\\d{1,2})/(\\d{1,2})\\b(?![./]\\d)"), read: (m) => calendar(m[0], Number(m[1]), Number(m[2]), undefined) },
  { pattern: rx(`\\bayın\\s+(\\d{1,3})${SUFFIX}`), read: (m) => dayOfMonthPiece(m[0], m[1]) },
];
const WEEKDAY = rx(`\\b(?:((?:gelecek|önümüzdeki)\\s+hafta(?:nın)?|gelecek|önümüzdeki|haftaya|bu)\\s+)?${TR_WD}\\b`);
const LOC = "(?:'?[dt][ae])?";
const CLOCKS: Rule<WhenPiece>[] = [
  { pattern: rx(`${DAY_PART}\\bsaat\\s+(\\d{1,2})(?:[:.](\\d{2}))?${LOC}\\b`), read: (m) => clock(m[0], m[1], m[2], m[3]) },
  { pattern: rx(`${DAY_PART}(?<![\\d:.])\\b(\\d{1,2}):(\\d{2})${LOC}\\b`), read: (m) => clock(m[0], m[1], m[2], m[3]) },
  { pattern: rx(`${DAY_PART}(?<![\\d:.])\\b(\\d{1,2})(?:\\.(\\d{2}))?'[dt][ae]\\b`), read: (m) => clock(m[0], m[1], m[2], m[3]) },
];

export function readTurkishWhen(text: MaskedText, ctx: ReadContext): WhenPiece[] {
  const pieces: WhenPiece[] = [];
  for (const [pattern, days] of CASUAL_DAYS) {
    text.scan(pattern, (m) => {
      pieces.push(dayPiece(m[0], days, ctx));
      return true;
    });
  }
  pieces.push(...collect(text, DATES, ctx.problems, "date").map((f) => f.value));

  text.scan(WEEKDAY, (m) => {
    const weekday = TR_WEEKDAY[trLower(m[2]!)] ?? 0;
    const mod = m[1] ? trLower(m[1]) : "";
    const earliest = mod.includes("hafta") ? nextMonday(ctx.now.date) : mod === "gelecek" || mod === "önümüzdeki" ? addDays(ctx.now.date, 1) : ctx.now.date;
    pieces.push({ text: m[0], day: { kind: "weekday", weekday, earliest } });
    return true;
  });

  pieces.push(...collect(text, CLOCKS, ctx.problems, "time").map((f) => f.value));
  return pieces;
}

function calendar(text: string, day: number, month: number, year: string | undefined): WhenPiece | null {
  if (year === undefined) return isCalendarDate(2028, month, day) ? { text, day: { kind: "monthDay", month, day } } : null;
  const y = Number(year);
  return isCalendarDate(y, month, day) ? { text, day: { kind: "date", date: formatDate(y, month, day) } } : null;
}
