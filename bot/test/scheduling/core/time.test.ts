import {
  endOfLocalDay,
  formatIsoInZone,
  graphDateTimeInZone,
  graphDateTimeToInstant,
  isValidTimeZone,
  offsetMinutesAt,
  wallClockAt,
  zonedToInstant,
} from "../../../src/scheduling/time";

function at(date: string, time: string, zone: string): { utc: string; iso: string } {
  const r = zonedToInstant(date, time, zone);
  if (!r.ok) throw new Error(`expected ${date} ${time} ${zone} to exist, got ${r.error}`);
  return { utc: r.instant.toISOString(), iso: r.iso };
}

describe("local wall-clock time to UTC", () => {
  test("Stockholm in winter is UTC+1 and in summer UTC+2", () => {
    expect(at("2026-11-24", "15:00", "Europe/Stockholm")).toEqual({ utc: "2026-11-24T14:00:00.000Z", iso: "2026-11-24T15:00:00+01:00" });
    expect(at("2026-06-10", "09:30", "Europe/Stockholm")).toEqual({ utc: "2026-06-10T07:30:00.000Z", iso: "2026-06-10T09:30:00+02:00" });
  });

  test("on the last Sunday of March in Stockholm, 01:30 is still winter time and 03:30 already summer time", () => {
    expect(at("2026-03-29", "01:30", "Europe/Stockholm")).toEqual({ utc: "2026-03-29T00:30:00.000Z", iso: "2026-03-29T01:30:00+01:00" });
    expect(at("2026-03-29", "03:30", "Europe/Stockholm")).toEqual({ utc: "2026-03-29T01:30:00.000Z", iso: "2026-03-29T03:30:00+02:00" });
  });

  test("02:30 on the last Sunday of March does not exist in Stockholm and is reported, not shifted", () => {
    expect(zonedToInstant("2026-03-29", "02:30", "Europe/Stockholm")).toEqual({ ok: false, error: "nonexistent-local-time" });
    expect(zonedToInstant("2026-03-29", "02:00", "Europe/Stockholm")).toEqual({ ok: false, error: "nonexistent-local-time" });
  });

  test("02:30 on the last Sunday of October happens twice in Stockholm; the first (summer time) is taken", () => {
    expect(at("2026-10-25", "02:30", "Europe/Stockholm")).toEqual({ utc: "2026-10-25T00:30:00.000Z", iso: "2026-10-25T02:30:00+02:00" });
    expect(at("2026-10-25", "03:30", "Europe/Stockholm")).toEqual({ utc: "2026-10-25T02:30:00.000Z", iso: "2026-10-25T03:30:00+01:00" });
  });

  test("Los Angeles springs forward on the second Sunday of March and falls back on the first Sunday of November", () => {
    expect(zonedToInstant("2026-03-08", "02:30", "America/Los_Angeles")).toEqual({ ok: false, error: "nonexistent-local-time" });
    expect(at("2026-03-08", "03:00", "America/Los_Angeles")).toEqual({ utc: "2026-03-08T10:00:00.000Z", iso: "2026-03-08T03:00:00-07:00" });
    expect(at("2026-03-07", "09:00", "America/Los_Angeles")).toEqual({ utc: "2026-03-07T17:00:00.000Z", iso: "2026-03-07T09:00:00-08:00" });
    expect(at("2026-11-01", "01:30", "America/Los_Angeles")).toEqual({ utc: "2026-11-01T08:30:00.000Z", iso: "2026-11-01T01:30:00-07:00" });
    expect(at("2026-11-01", "02:30", "America/Los_Angeles")).toEqual({ utc: "2026-11-01T10:30:00.000Z", iso: "2026-11-01T02:30:00-08:00" });
  });

  test("Tokyo has no daylight saving: UTC+9 all year", () => {
    expect(at("2026-11-24", "15:00", "Asia/Tokyo")).toEqual({ utc: "2026-11-24T06:00:00.000Z", iso: "2026-11-24T15:00:00+09:00" });
    expect(at("2026-03-29", "02:30", "Asia/Tokyo")).toEqual({ utc: "2026-03-28T17:30:00.000Z", iso: "2026-03-29T02:30:00+09:00" });
  });

  test("a meeting that runs through the autumn change ends at the right local hour", () => {
    const start = zonedToInstant("2026-10-25", "01:30", "Europe/Stockholm");
    if (!start.ok) throw new Error("start must exist");
    const end = new Date(start.instant.getTime() + 120 * 60_000);
    expect(formatIsoInZone(end, "Europe/Stockholm")).toBe("2026-10-25T02:30:00+01:00");
    expect(graphDateTimeInZone(end, "Europe/Stockholm")).toBe("2026-10-25T02:30:00.0000000");
  });

  test("malformed dates, times and zones are errors, not guesses", () => {
    expect(zonedToInstant("2026-02-30", "10:00", "Europe/Stockholm")).toEqual({ ok: false, error: "invalid-date" });
    expect(zonedToInstant("24/11/2026", "10:00", "Europe/Stockholm")).toEqual({ ok: false, error: "invalid-date" });
    expect(zonedToInstant("2026-11-24", "24:00", "Europe/Stockholm")).toEqual({ ok: false, error: "invalid-time" });
    expect(zonedToInstant("2026-11-24", "9:00", "Europe/Stockholm")).toEqual({ ok: false, error: "invalid-time" });
    expect(zonedToInstant("2026-11-24", "10:00", "Mars/Olympus_Mons")).toEqual({ ok: false, error: "invalid-time-zone" });
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("Graph date-times", () => {
  test("are the zone's wall clock with seven fractional digits", () => {
    const instant = new Date("2026-11-24T14:00:00Z");
    expect(graphDateTimeInZone(instant, "Europe/Stockholm")).toBe("2026-11-24T15:00:00.0000000");
    expect(graphDateTimeInZone(instant, "Asia/Tokyo")).toBe("2026-11-24T23:00:00.0000000");
    expect(graphDateTimeInZone(instant, "UTC")).toBe("2026-11-24T14:00:00.0000000");
  });

  test("read back into the same instant, from the event's zone or from UTC", () => {
    expect(graphDateTimeToInstant("2026-11-24T15:00:00.0000000", "Europe/Stockholm")?.toISOString()).toBe("2026-11-24T14:00:00.000Z");
    expect(graphDateTimeToInstant("2026-11-24T14:00:00.0000000", "UTC")?.toISOString()).toBe("2026-11-24T14:00:00.000Z");
    expect(graphDateTimeToInstant("2026-11-24T14:00:00.0000000", "Pacific Standard Time")).toBeUndefined();
  });

  test("offsets follow the zone at that instant", () => {
    expect(offsetMinutesAt(new Date("2026-01-15T12:00:00Z"), "America/Los_Angeles")).toBe(-480);
    expect(offsetMinutesAt(new Date("2026-07-15T12:00:00Z"), "America/Los_Angeles")).toBe(-420);
    expect(offsetMinutesAt(new Date("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(formatIsoInZone(new Date("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe("2026-07-15T17:30:00+05:30");
  });
});

describe("end of a local day", () => {
  test("is the last second of that date in the zone, as a UTC instant", () => {
    expect(endOfLocalDay({ year: 2026, month: 12, day: 31 }, "Europe/Stockholm").toISOString()).toBe("2026-12-31T22:59:59.000Z");
    expect(endOfLocalDay({ year: 2026, month: 12, day: 31 }, "America/Los_Angeles").toISOString()).toBe("2027-01-01T07:59:59.000Z");
    expect(endOfLocalDay({ year: 2026, month: 6, day: 30 }, "Europe/Stockholm").toISOString()).toBe("2026-06-30T21:59:59.000Z");
  });
});

describe("the wall clock of a zone, with offsets kept per minute", () => {
  // Intl asked directly each time, as the reference the kept offsets must agree with.
  function intlWallClock(instant: Date, timeZone: string): string {
    const f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  }
  const show = (w: ReturnType<typeof wallClockAt>): string =>
    `${String(w.year).padStart(4, "0")}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}T${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}:${String(w.second).padStart(2, "0")}`;

  test.each([
    ["Europe/Stockholm", "2026-03-29T01:00:00Z"],
    ["Europe/Stockholm", "2026-10-25T01:00:00Z"],
    ["America/St_Johns", "2026-03-08T05:30:00Z"],
    ["Australia/Lord_Howe", "2026-04-04T15:00:00Z"],
    ["Pacific/Chatham", "2026-04-05T02:45:00Z"],
    ["Asia/Kathmandu", "2026-01-01T00:00:00Z"],
  ])("matches Intl every 17 seconds for an hour around %s's change at %s, asked twice", (zone, change) => {
    const from = new Date(change).getTime() - 30 * 60_000;
    for (let round = 0; round < 2; round++) {
      for (let t = from; t < from + 60 * 60_000; t += 17_000) {
        expect(show(wallClockAt(new Date(t), zone))).toBe(intlWallClock(new Date(t), zone));
      }
    }
  });

  test("follows a change that falls mid-minute because the old offset had seconds (Monrovia left −00:44:30 in 1972)", () => {
    // Liberia kept −00:44:30 until 1972-01-07 00:00 local, i.e. 1972-01-07T00:44:30Z.
    const change = Date.UTC(1972, 0, 7, 0, 44, 30);
    expect(intlWallClock(new Date(change - 1_000), "Africa/Monrovia")).toBe("1972-01-06T23:59:59");
    for (const t of [change - 30_000, change - 1_000, change, change + 1_000, change + 29_000]) {
      expect(show(wallClockAt(new Date(t), "Africa/Monrovia"))).toBe(intlWallClock(new Date(t), "Africa/Monrovia"));
    }
  });
});
