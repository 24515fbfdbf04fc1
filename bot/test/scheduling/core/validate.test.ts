import { validateDraft, type DraftProblem } from "../../../src/scheduling/validate";
import type { Invitee } from "../../../src/scheduling/types";
import { draft, NOW } from "./drafts";

function problemsOf(overrides: Parameters<typeof draft>[0], now = NOW): DraftProblem[] {
  const result = validateDraft(draft(overrides), { now });
  return result.ok ? [] : result.problems;
}

const people = (n: number): Invitee[] => Array.from({ length: n }, (_, i) => ({ email: `p${i}@contoso.se`, source: "typed" as const }));

describe("a complete draft", () => {
  test("becomes a meeting with Webex and Graph times in the draft's zone", () => {
    const result = validateDraft(draft(), { now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.meeting).toMatchObject({
      draftId: "draft-1",
      title: "Design review",
      startIso: "2026-11-24T15:00:00+01:00",
      endIso: "2026-11-24T15:45:00+01:00",
      graphStart: { dateTime: "2026-11-24T15:00:00.0000000", timeZone: "Europe/Stockholm" },
      graphEnd: { dateTime: "2026-11-24T15:45:00.0000000", timeZone: "Europe/Stockholm" },
      organizer: { webexEmail: "anna.berg@contoso.se" },
    });
    expect(result.meeting.start.toISOString()).toBe("2026-11-24T14:00:00.000Z");
  });

  test("drops duplicate invitees and the organizer, who hosts", () => {
    const result = validateDraft(
      draft({
        invitees: [
          { email: "Lars.Berg@contoso.se", source: "typed" },
          { email: "lars.berg@contoso.se ", displayName: "Lars Berg", source: "directory" },
          { email: "ANNA.BERG@contoso.se", source: "channel" },
        ],
      }),
      { now: NOW },
    );
    expect(result.ok && result.meeting.invitees.map((i) => i.email)).toEqual(["Lars.Berg@contoso.se"]);
  });
});

describe("each problem names the card field to highlight", () => {
  test("title missing or longer than Webex allows", () => {
    expect(problemsOf({ title: null })).toEqual([{ field: "title", code: "missing" }]);
    expect(problemsOf({ title: "   " })).toEqual([{ field: "title", code: "missing" }]);
    expect(problemsOf({ title: "x".repeat(128) })).toEqual([]);
    expect(problemsOf({ title: "x".repeat(129) })).toEqual([{ field: "title", code: "too-long", max: 128, length: 129 }]);
  });

  test("date and time missing or unreadable", () => {
    expect(problemsOf({ date: null })).toEqual([{ field: "date", code: "missing" }]);
    expect(problemsOf({ startTime: null })).toEqual([{ field: "startTime", code: "missing" }]);
    expect(problemsOf({ date: "2026-11-45", startTime: "25:00" })).toEqual([
      { field: "date", code: "invalid" },
      { field: "startTime", code: "invalid" },
    ]);
    expect(problemsOf({ timeZone: "Nowhere/Special" })).toEqual([{ field: "timeZone", code: "invalid" }]);
  });

  test("a start in the past points at the date when the day is over, at the time when only the hour passed", () => {
    expect(problemsOf({ date: "2026-11-22" })).toEqual([{ field: "date", code: "in-past" }]);
    expect(problemsOf({ date: "2026-11-23", startTime: "10:59" })).toEqual([{ field: "startTime", code: "in-past" }]);
    // 11:00 in Stockholm is exactly now: not in the future.
    expect(problemsOf({ date: "2026-11-23", startTime: "11:00" })).toEqual([{ field: "startTime", code: "in-past" }]);
    expect(problemsOf({ date: "2026-11-23", startTime: "11:01" })).toEqual([]);
  });

  test("a start in the spring-forward gap asks for another time", () => {
    expect(problemsOf({ date: "2027-03-28", startTime: "02:30" })).toEqual([{ field: "startTime", code: "nonexistent-local-time" }]);
  });

  test("duration missing, under 10 minutes or a full day and more", () => {
    expect(problemsOf({ durationMinutes: null })).toEqual([{ field: "durationMinutes", code: "missing" }]);
    expect(problemsOf({ durationMinutes: 9 })).toEqual([{ field: "durationMinutes", code: "too-short", min: 10 }]);
    expect(problemsOf({ durationMinutes: 10 })).toEqual([]);
    expect(problemsOf({ durationMinutes: 1439 })).toEqual([]);
    expect(problemsOf({ durationMinutes: 1440 })).toEqual([{ field: "durationMinutes", code: "too-long", max: 1439 }]);
    expect(problemsOf({ durationMinutes: 30.5 })).toEqual([{ field: "durationMinutes", code: "invalid" }]);
  });

  test("more than 1000 invitees", () => {
    expect(problemsOf({ invitees: people(1000) })).toEqual([]);
    expect(problemsOf({ invitees: people(1001) })).toEqual([{ field: "invitees", code: "too-many", max: 1000, count: 1001 }]);
    expect(validateDraft(draft({ invitees: people(501) }), { now: NOW, maxInvitees: 500 })).toMatchObject({ ok: false });
  });

  test("invitees still waiting for the user's choice", () => {
    expect(problemsOf({ unresolved: [{ text: "Anna", reason: "ambiguous" }, { text: "bob@", reason: "invalid-email" }] })).toEqual([
      { field: "invitees", code: "unresolved", texts: ["Anna", "bob@"] },
    ]);
  });

  test("an organizer without a matched Webex account", () => {
    const base = draft().organizer;
    expect(problemsOf({ organizer: { ...base, webexEmail: undefined } })).toEqual([{ field: "organizer", code: "not-matched" }]);
    expect(problemsOf({ organizer: { ...base, webexEmail: " " } })).toEqual([{ field: "organizer", code: "not-matched" }]);
  });

  test("an agenda longer than Webex takes", () => {
    expect(problemsOf({ agenda: "a".repeat(1301) })).toEqual([{ field: "agenda", code: "too-long", max: 1300, length: 1301 }]);
  });

  test("all problems are reported at once, so the card can mark every field", () => {
    const base = draft().organizer;
    expect(problemsOf({ title: null, date: null, durationMinutes: 5, organizer: { ...base, webexEmail: undefined } }).map((p) => p.field)).toEqual([
      "title",
      "date",
      "durationMinutes",
      "organizer",
    ]);
  });
});

describe("recurrence", () => {
  test("weekly without days repeats on the start's weekday; monthly on its date", () => {
    const weekly = validateDraft(draft({ recurrence: { frequency: "weekly", interval: 1, count: 10 } }), { now: NOW });
    expect(weekly.ok && weekly.meeting.recurrence).toEqual({ frequency: "weekly", interval: 1, daysOfWeek: ["tuesday"], count: 10 });
    const monthly = validateDraft(draft({ recurrence: { frequency: "monthly", interval: 1 } }), { now: NOW });
    expect(monthly.ok && monthly.meeting.recurrence).toEqual({ frequency: "monthly", interval: 1, dayOfMonth: 24 });
  });

  test("contradictions and a start outside the pattern are refused", () => {
    expect(problemsOf({ recurrence: { frequency: "weekly", interval: 0, daysOfWeek: ["tuesday"] } })).toEqual([{ field: "recurrence", code: "invalid-interval" }]);
    expect(problemsOf({ recurrence: { frequency: "daily", interval: 1, count: 5, until: "2026-12-01" } })).toEqual([{ field: "recurrence", code: "count-and-until" }]);
    expect(problemsOf({ recurrence: { frequency: "daily", interval: 1, until: "2026-11-20" } })).toEqual([{ field: "recurrence", code: "until-before-start" }]);
    expect(problemsOf({ recurrence: { frequency: "daily", interval: 1, count: 0 } })).toEqual([{ field: "recurrence", code: "invalid-count" }]);
    expect(problemsOf({ recurrence: { frequency: "weekly", interval: 1, daysOfWeek: ["monday"] } })).toEqual([{ field: "recurrence", code: "start-not-in-pattern" }]);
    expect(problemsOf({ recurrence: { frequency: "monthly", interval: 1, dayOfMonth: 32 } })).toEqual([{ field: "recurrence", code: "invalid-day-of-month" }]);
  });
});
