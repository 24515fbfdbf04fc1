import type { Tenant, TenantEventSeed } from "../../tenant";
import { localDate } from "./datetime";
import { normaliseRecurrence, occurrenceStarts } from "./recurrence";
import type { EventStore } from "./store";
import { resolveZone, wallToUtc } from "./timezones";

/**
 * Fills calendars from `tenant.events`. Seeds are relative ("dayOffset" days from today in the
 * event's own zone, by the emulator's clock), so the demo calendar always looks current.
 */

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const INDEX = ["first", "second", "third", "fourth", "last"];

function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function at(date: string, hhmm: string, zone: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return wallToUtc({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)), hour: h ?? 0, minute: m ?? 0, second: 0, ms: 0 }, zone);
}

function seedOne(store: EventStore, tenant: Tenant, mailboxId: string, seed: TenantEventSeed, now: Date): void {
  const owner = tenant.users.find((u) => u.id === mailboxId);
  if (!owner) return;
  const zone = resolveZone(seed.timeZone) ?? "UTC";
  const date = addDays(localDate(now.getTime(), zone), seed.dayOffset);
  const startMs = at(date, seed.startTime, zone);
  const duration = seed.durationMinutes * 60_000;
  const attendees = seed.attendeeUserIds
    .map((id) => tenant.users.find((u) => u.id === id))
    .filter((u) => u !== undefined)
    .map((u) => ({ type: "required" as const, status: { response: "none", time: "0001-01-01T00:00:00Z" }, emailAddress: { name: u.displayName, address: u.mail ?? u.userPrincipalName } }));
  const r = seed.recurrence;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const dayOfMonth = Number(date.slice(8, 10));
  const recurrence = r
    ? normaliseRecurrence(
        {
          pattern: {
            type: r.pattern.type,
            interval: r.pattern.interval,
            daysOfWeek: r.pattern.daysOfWeek && r.pattern.daysOfWeek.length > 0 ? r.pattern.daysOfWeek : [DAYS[weekday]!],
            dayOfMonth: r.pattern.type === "absoluteMonthly" ? (r.pattern.dayOfMonth ?? dayOfMonth) : undefined,
            index: r.pattern.type === "relativeMonthly" ? (r.pattern.index ?? INDEX[Math.min(Math.floor((dayOfMonth - 1) / 7), 4)]) : undefined,
          },
          range: {
            type: r.range.type,
            startDate: date,
            endDate: r.range.type === "endDate" ? addDays(localDate(now.getTime(), zone), r.range.endDayOffset ?? seed.dayOffset + 30) : undefined,
            numberOfOccurrences: r.range.numberOfOccurrences,
            recurrenceTimeZone: seed.timeZone,
          },
        },
        seed.timeZone,
      )
    : null;
  const view = store.create(
    mailboxId,
    { name: owner.displayName, address: owner.mail ?? owner.userPrincipalName },
    seed.timeZone,
    {
      data: {
        subject: seed.subject, startMs, endMs: startMs + duration, startZone: seed.timeZone, endZone: seed.timeZone, attendees,
        location: seed.location ? { displayName: seed.location, locationType: "default", uniqueId: seed.location, uniqueIdType: "private" } : undefined,
        body: { contentType: "html", content: "" },
      },
      recurrence,
    },
    seed.id,
  );
  if (!recurrence || !r?.exceptions) return;
  const master = view.master;
  const indexes = Object.keys(r.exceptions).map(Number);
  const starts = occurrenceStarts(recurrence, master.data.startMs, master.data.startMs + 20 * 366 * 86_400_000, Math.max(...indexes) + 1);
  for (const i of indexes) {
    const original = starts[i];
    const change = r.exceptions[i];
    if (original === undefined || change === undefined) continue;
    if (change === null) {
      master.exceptions.set(original, { cancelled: true, data: {}, changeKey: master.changeKey, lastModifiedMs: master.lastModifiedMs });
      continue;
    }
    const data: Record<string, unknown> = {};
    if (change.subject) data["subject"] = change.subject;
    if (change.startTime) {
      const s = at(localDate(original, zone), change.startTime, zone);
      data["startMs"] = s;
      data["endMs"] = s + duration;
    }
    master.exceptions.set(original, { cancelled: false, data, changeKey: master.changeKey, lastModifiedMs: master.lastModifiedMs });
  }
}

export function seedCalendars(store: EventStore, tenant: Tenant, now: Date): void {
  for (const [mailboxId, seeds] of Object.entries(tenant.events)) {
    for (const seed of seeds) seedOne(store, tenant, mailboxId, seed, now);
  }
}
