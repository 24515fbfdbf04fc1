// Drafts as the parser and the card hand them to schedule(): a complete one by default, with
// overrides for what a test is about. "Now" is fixed: tests never read the wall clock.
import type { MeetingDraft } from "../../../src/scheduling/types";

export const NOW = new Date("2026-11-23T10:00:00Z");

export function draft(overrides: Partial<MeetingDraft> = {}): MeetingDraft {
  return {
    id: "draft-1",
    organizer: {
      tenantId: "tenant-1",
      userId: "user-anna",
      displayName: "Anna Berg",
      email: "anna.berg@contoso.se",
      webexEmail: "anna.berg@contoso.se",
    },
    title: "Design review",
    date: "2026-11-24",
    startTime: "15:00",
    durationMinutes: 45,
    timeZone: "Europe/Stockholm",
    recurrence: null,
    agenda: "",
    invitees: [
      { email: "aiko.tanaka@contoso.com", displayName: "Aiko Tanaka", source: "directory" },
      { email: "lars.berg@contoso.se", displayName: "Lars Berg", source: "directory" },
    ],
    unresolved: [],
    locale: "en-US",
    ...overrides,
  };
}
