/**
 * A series as one line on the card, in the user's language: "Every 2 weeks on Monday and
 * Wednesday · 10 times", "Den sista fredagen varje månad · till och med 31 mars 2027",
 * "毎月第1火曜日 · 2027/03/31まで". The Repeats choice only names the frequency; this line says
 * everything the request set (interval, days, which weekday of the month, the end), so what Outlook
 * and Webex get is what the user read.
 */
import { normaliseRecurrence } from "../../scheduling/recurrence-rules";
import { parseLocalDate } from "../../scheduling/time";
import type { Recurrence, Weekday } from "../../scheduling/types";
import { safeLocale } from "./format";
import type { SchedulingStringKey, SchedulingTranslate } from "./strings";

// 2024-01-01 was a Monday: day n of that week names weekday n.
const ORDER: readonly Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

export function describeSeries(t: SchedulingTranslate, written: Recurrence, locale: string, startDate: string | null): string {
  // With a start date the series is described as it will be sent: "weekly" picked on the card
  // repeats on the start's weekday, "monthly" on its day of the month.
  const normalised = startDate !== null && parseLocalDate(startDate) ? normaliseRecurrence(written, startDate) : undefined;
  const r = normalised?.ok ? normalised.recurrence : written;
  const safe = safeLocale(locale);
  const many = r.interval > 1;
  const n = r.interval;
  let pattern: string;
  if (r.frequency === "daily") pattern = many ? t("series.dailyN", { n }) : t("draft.recurrence.daily");
  else if (r.frequency === "weekly") {
    const days = weekdayList(r.daysOfWeek ?? [], safe);
    pattern = days === "" ? (many ? t("series.weeklyPlainN", { n }) : t("draft.recurrence.weekly")) : t(many ? "series.weeklyN" : "series.weekly", { n, days });
  } else if (r.weekOfMonth !== undefined && r.daysOfWeek?.[0]) {
    const values = { n, nth: t(`series.nth.${r.weekOfMonth}` as SchedulingStringKey), day: weekdayName(r.daysOfWeek[0], safe) };
    pattern = t(many ? "series.monthlyNthN" : "series.monthlyNth", values);
  } else if (r.dayOfMonth !== undefined) pattern = t(many ? "series.monthlyDayN" : "series.monthlyDay", { n, day: r.dayOfMonth });
  else pattern = many ? t("series.monthlyPlainN", { n }) : t("draft.recurrence.monthly");

  const end =
    r.count !== undefined
      ? r.count === 1
        ? t("series.countOne")
        : t("series.count", { count: r.count })
      : r.until !== undefined
        ? t("series.until", { date: formatLastDate(r.until, safe) })
        : "";
  return end === "" ? pattern : `${pattern} · ${end}`;
}

function weekdayName(day: Weekday, locale: string): string {
  const name = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + ORDER.indexOf(day))));
  // Turkish ICU capitalises weekdays ("Salı"); inside a sentence they are lower-case.
  return locale.toLowerCase().startsWith("tr") ? name.toLocaleLowerCase("tr-TR") : name;
}

function weekdayList(days: readonly Weekday[], locale: string): string {
  const names = ORDER.filter((d) => days.includes(d)).map((d) => weekdayName(d, locale));
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(names);
}

function formatLastDate(date: string, locale: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}
