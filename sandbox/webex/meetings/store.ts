import { newMeetingNumber } from "../ids";
import { findOccurrence, splitMeetingId, type MeetingRecord, type Occurrence } from "./model";

/** The emulator's meetings, in memory; `reset()` empties it. */
export class MeetingStore {
  private readonly byId = new Map<string, MeetingRecord>();

  add(m: MeetingRecord): void {
    this.byId.set(m.id, m);
  }

  get(seriesId: string): MeetingRecord | undefined {
    return this.byId.get(seriesId);
  }

  delete(seriesId: string): boolean {
    return this.byId.delete(seriesId);
  }

  all(): MeetingRecord[] {
    return [...this.byId.values()];
  }

  byNumber(meetingNumber: string): MeetingRecord | undefined {
    return this.all().find((m) => m.meetingNumber === meetingNumber);
  }

  /** A series id, or an occurrence id that names a live occurrence of a stored series. */
  resolve(id: string): { series: MeetingRecord; occurrence?: Occurrence } | undefined {
    const { seriesId, key } = splitMeetingId(id);
    const series = this.byId.get(seriesId);
    if (!series) return undefined;
    if (key === undefined) return { series };
    const occurrence = findOccurrence(series, key);
    return occurrence ? { series, occurrence } : undefined;
  }

  uniqueMeetingNumber(): string {
    for (;;) {
      const n = newMeetingNumber();
      if (!this.byNumber(n)) return n;
    }
  }

  clear(): void {
    this.byId.clear();
  }
}
