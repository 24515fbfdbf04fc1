import { randomBytes } from "node:crypto";
import { GraphError, itemNotFound } from "../errors";
import { localDate } from "./datetime";
import { defaultEventData, type EventData, type EventInput, type ExtendedProperty } from "./model";
import { occurrenceStarts, type Recurrence } from "./recurrence";
import { resolveZone, utcToWall } from "./timezones";

/**
 * Calendars, one per mailbox. Stores single instances and series masters; occurrences are
 * computed from the master's recurrence, and exceptions (a moved/edited or cancelled occurrence)
 * are kept on the master keyed by the occurrence's original start.
 */

export interface ExceptionRecord {
  cancelled: boolean;
  data: Partial<EventData>;
  changeKey: string;
  lastModifiedMs: number;
}

export interface StoredEvent {
  id: string;
  mailboxId: string;
  organizer: { name: string; address: string };
  iCalUId: string;
  changeKey: string;
  createdMs: number;
  lastModifiedMs: number;
  transactionId: string | null;
  data: EventData;
  recurrence: Recurrence | null;
  extended: ExtendedProperty[];
  exceptions: Map<number, ExceptionRecord>;
}

export type EventType = "singleInstance" | "seriesMaster" | "occurrence" | "exception";

/** One event as a client sees it: a single instance, a master, an occurrence or an exception. */
export interface EventView {
  id: string;
  type: EventType;
  seriesMasterId: string | null;
  originalStartMs?: number;
  master: StoredEvent;
  data: EventData;
  changeKey: string;
  iCalUId: string;
  lastModifiedMs: number;
}

export interface EventChange {
  mailboxId: string;
  eventId: string;
  changeType: "created" | "updated" | "deleted";
  changeKey: string;
}

const OCCURRENCE_PREFIX = "AAMkOCC";
const newId = (): string => `AAMkAG${randomBytes(30).toString("base64url")}`;
const newChangeKey = (): string => randomBytes(16).toString("base64");
const newICalUId = (): string => `040000008200E00074C5B7101A82E00800000000${randomBytes(8).toString("hex").toUpperCase()}01000000000000000010000000${randomBytes(16).toString("hex").toUpperCase()}`;

export function occurrenceId(masterId: string, originalStartMs: number): string {
  return OCCURRENCE_PREFIX + Buffer.from(`${masterId}|${originalStartMs}`).toString("base64url");
}

export function parseOccurrenceId(id: string): { masterId: string; originalStartMs: number } | undefined {
  if (!id.startsWith(OCCURRENCE_PREFIX)) return undefined;
  const [masterId, ms] = Buffer.from(id.slice(OCCURRENCE_PREFIX.length), "base64url").toString("utf8").split("|");
  if (!masterId || !ms || !/^-?\d+$/.test(ms)) return undefined;
  return { masterId, originalStartMs: Number(ms) };
}

/** Outlook writes the instance's date into bytes 16–19 of the global object id; so does this. */
function instanceICalUId(master: string, originalStartMs: number): string {
  const d = new Date(originalStartMs);
  const stamp = d.getUTCFullYear().toString(16).padStart(4, "0") + (d.getUTCMonth() + 1).toString(16).padStart(2, "0") + d.getUTCDate().toString(16).padStart(2, "0");
  return (master.slice(0, 32) + stamp.toUpperCase() + master.slice(40)).slice(0, master.length);
}

function wrapHtml(body: EventData["body"]): EventData["body"] {
  if (body.contentType !== "html" || /^\s*<html/i.test(body.content)) return body;
  return { contentType: "html", content: `<html><head></head><body>${body.content}</body></html>` };
}

export class EventStore {
  private readonly mailboxes = new Map<string, Map<string, StoredEvent>>();
  private readonly listeners: ((c: EventChange) => void)[] = [];

  constructor(private readonly now: () => Date) {}

  onChange(listener: (c: EventChange) => void): void {
    this.listeners.push(listener);
  }

  clear(): void {
    this.mailboxes.clear();
  }

  private calendar(mailboxId: string): Map<string, StoredEvent> {
    const key = mailboxId.toLowerCase();
    let cal = this.mailboxes.get(key);
    if (!cal) this.mailboxes.set(key, (cal = new Map()));
    return cal;
  }

  private emit(change: EventChange): void {
    for (const l of this.listeners) l(change);
  }

  /** Single instances and series masters, in creation order (what `/events` lists). */
  list(mailboxId: string): EventView[] {
    return [...this.calendar(mailboxId).values()].map((e) => this.masterView(e));
  }

  masterView(e: StoredEvent): EventView {
    return {
      id: e.id, type: e.recurrence ? "seriesMaster" : "singleInstance", seriesMasterId: null, master: e, data: e.data,
      changeKey: e.changeKey, iCalUId: e.iCalUId, lastModifiedMs: e.lastModifiedMs,
    };
  }

  private occurrenceView(master: StoredEvent, originalStartMs: number): EventView | undefined {
    const exception = master.exceptions.get(originalStartMs);
    if (exception?.cancelled) return undefined;
    const duration = master.data.endMs - master.data.startMs;
    const data: EventData = { ...master.data, startMs: originalStartMs, endMs: originalStartMs + duration, ...(exception?.data ?? {}) };
    return {
      id: occurrenceId(master.id, originalStartMs), type: exception ? "exception" : "occurrence", seriesMasterId: master.id, originalStartMs, master, data,
      changeKey: exception?.changeKey ?? master.changeKey, iCalUId: instanceICalUId(master.iCalUId, originalStartMs), lastModifiedMs: exception?.lastModifiedMs ?? master.lastModifiedMs,
    };
  }

  private isOccurrence(master: StoredEvent, originalStartMs: number): boolean {
    if (!master.recurrence) return false;
    return occurrenceStarts(master.recurrence, master.data.startMs, originalStartMs + 1).includes(originalStartMs);
  }

  view(mailboxId: string, id: string): EventView | undefined {
    const cal = this.calendar(mailboxId);
    const direct = cal.get(id);
    if (direct) return this.masterView(direct);
    const occ = parseOccurrenceId(id);
    const master = occ && cal.get(occ.masterId);
    if (!occ || !master || !this.isOccurrence(master, occ.originalStartMs)) return undefined;
    return this.occurrenceView(master, occ.originalStartMs);
  }

  findByTransactionId(mailboxId: string, transactionId: string): EventView | undefined {
    const hit = [...this.calendar(mailboxId).values()].find((e) => e.transactionId === transactionId);
    return hit && this.masterView(hit);
  }

  create(mailboxId: string, organizer: StoredEvent["organizer"], organizerZone: string, input: EventInput, fixedId?: string): EventView {
    const nowMs = this.now().getTime();
    const data: EventData = { ...defaultEventData(nowMs, organizerZone), ...defined(input.data) };
    data.body = wrapHtml(data.body);
    if (data.endMs < data.startMs) throw new GraphError(400, "ErrorInvalidRequest", "Your request can't be completed. The end of the event can't be before its start.");
    const event: StoredEvent = {
      id: fixedId ?? newId(), mailboxId, organizer, iCalUId: newICalUId(), changeKey: newChangeKey(), createdMs: nowMs, lastModifiedMs: nowMs,
      transactionId: input.transactionId ?? null, data, recurrence: input.recurrence ?? null, extended: input.extended ?? [], exceptions: new Map(),
    };
    this.alignToFirstOccurrence(event);
    this.calendar(mailboxId).set(event.id, event);
    this.emit({ mailboxId, eventId: event.id, changeType: "created", changeKey: event.changeKey });
    return this.masterView(event);
  }

  /** A series' master starts at its first occurrence, whatever start the client sent. */
  private alignToFirstOccurrence(e: StoredEvent): void {
    if (!e.recurrence) return;
    const first = occurrenceStarts(e.recurrence, e.data.startMs, e.data.startMs + 40 * 366 * 86_400_000, 1)[0];
    if (first === undefined) throw new GraphError(400, "ErrorPropertyValidationFailure", "At least one property failed validation. The recurrence has no occurrences.");
    const duration = e.data.endMs - e.data.startMs;
    e.data = { ...e.data, startMs: first, endMs: first + duration };
  }

  update(mailboxId: string, id: string, input: EventInput): EventView {
    const view = this.view(mailboxId, id);
    if (!view) throw itemNotFound();
    const nowMs = this.now().getTime();
    const master = view.master;
    if (view.type === "occurrence" || view.type === "exception") {
      if (input.recurrence !== undefined) throw new GraphError(400, "ErrorInvalidRequest", "Recurrence can't be set on an occurrence of a series.");
      const previous = master.exceptions.get(view.originalStartMs!);
      const patch = { ...(previous?.data ?? {}), ...defined(input.data) };
      if (patch.body) patch.body = wrapHtml(patch.body);
      master.exceptions.set(view.originalStartMs!, { cancelled: false, data: patch, changeKey: newChangeKey(), lastModifiedMs: nowMs });
      master.lastModifiedMs = nowMs;
      if (input.extended) master.extended = mergeExtended(master.extended, input.extended);
      this.emit({ mailboxId, eventId: master.id, changeType: "updated", changeKey: master.changeKey });
      return this.view(mailboxId, id)!;
    }
    const before = master.data;
    const next: EventData = { ...before, ...defined(input.data) };
    if (input.data.body) next.body = wrapHtml(input.data.body);
    if (next.endMs < next.startMs) throw new GraphError(400, "ErrorInvalidRequest", "Your request can't be completed. The end of the event can't be before its start.");
    const timingChanged = next.startMs !== before.startMs || next.endMs !== before.endMs || input.recurrence !== undefined;
    if (input.recurrence !== undefined) master.recurrence = input.recurrence;
    else if (master.recurrence && next.startMs !== before.startMs) {
      // Moving a series moves its range start with it.
      const zone = resolveZone(master.recurrence.range.recurrenceTimeZone) ?? "UTC";
      master.recurrence = { ...master.recurrence, range: { ...master.recurrence.range, startDate: localDate(next.startMs, zone) } };
    }
    master.data = next;
    // Changing a series' time or pattern drops its exceptions, as Outlook does.
    if (timingChanged) master.exceptions.clear();
    this.alignToFirstOccurrence(master);
    if (input.extended) master.extended = mergeExtended(master.extended, input.extended);
    master.changeKey = newChangeKey();
    master.lastModifiedMs = nowMs;
    this.emit({ mailboxId, eventId: master.id, changeType: "updated", changeKey: master.changeKey });
    return this.masterView(master);
  }

  remove(mailboxId: string, id: string): void {
    const view = this.view(mailboxId, id);
    if (!view) throw itemNotFound();
    const master = view.master;
    if (view.type === "occurrence" || view.type === "exception") {
      master.exceptions.set(view.originalStartMs!, { cancelled: true, data: {}, changeKey: newChangeKey(), lastModifiedMs: this.now().getTime() });
      master.changeKey = newChangeKey();
      this.emit({ mailboxId, eventId: master.id, changeType: "updated", changeKey: master.changeKey });
      return;
    }
    this.calendar(mailboxId).delete(master.id);
    this.emit({ mailboxId, eventId: master.id, changeType: "deleted", changeKey: master.changeKey });
  }

  /** Occurrences and exceptions of a series overlapping [fromMs, toMs), by start. */
  instances(mailboxId: string, masterId: string, fromMs: number, toMs: number): EventView[] {
    const master = this.calendar(mailboxId).get(masterId);
    if (!master?.recurrence) return [];
    const duration = master.data.endMs - master.data.startMs;
    // Look a little beyond the window: an exception may have been moved into it.
    const margin = 366 * 86_400_000;
    const views = occurrenceStarts(master.recurrence, master.data.startMs, toMs + margin)
      .filter((t) => t + duration > fromMs - margin)
      .map((t) => this.occurrenceView(master, t))
      .filter((v): v is EventView => v !== undefined && v.data.startMs < toMs && v.data.endMs > fromMs);
    return views.sort((a, b) => a.data.startMs - b.data.startMs);
  }

  /** Everything occupying time in [fromMs, toMs): single instances, occurrences, exceptions. */
  calendarView(mailboxId: string, fromMs: number, toMs: number): EventView[] {
    const out: EventView[] = [];
    for (const e of this.calendar(mailboxId).values()) {
      if (e.recurrence) out.push(...this.instances(mailboxId, e.id, fromMs, toMs));
      else if (e.data.startMs < toMs && e.data.endMs > fromMs) out.push(this.masterView(e));
    }
    return out.sort((a, b) => a.data.startMs - b.data.startMs);
  }

  /** Local wall-clock start of an event in its own zone (for tests and seeds). */
  static wallStart(e: EventView): ReturnType<typeof utcToWall> {
    return utcToWall(e.data.startMs, resolveZone(e.data.startZone) ?? "UTC");
  }
}

function mergeExtended(existing: ExtendedProperty[], updates: ExtendedProperty[]): ExtendedProperty[] {
  const out = existing.filter((e) => !updates.some((u) => u.id.toLowerCase() === e.id.toLowerCase()));
  return [...out, ...updates];
}

/** Drops keys whose value is undefined, so spreading a partial never erases a field. */
function defined<T extends object>(partial: T): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}
