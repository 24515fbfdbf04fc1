/**
 * The compiled card renderer against the Adaptive Cards templating SDK it replaces: every card
 * template in the repo (found by walking bot/src/teams, so a new one is covered without editing
 * this file) is rendered by both, with realistic data shaped like renderCard's callers pass and
 * with data generated from the template's own expressions (filled, empty, missing, and a seeded
 * random mix of odd values), and the two cards must be identical — same values, same types,
 * same key order. Templates with expressions outside the supported subset must be refused when
 * compiled.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as ACData from "adaptivecards-templating";
import { compileTemplate, TemplateCompileError, type CompiledTemplate } from "../../src/teams/cards/compiled-template";
import { renderCard } from "../../src/teams/cards/render";

const TEAMS_SRC = path.resolve(__dirname, "../../src/teams");

/** Every *.json under bot/src/teams: each is a card template. */
function templateFiles(): string[] {
  return (readdirSync(TEAMS_SRC, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

const loadTemplate = (file: string): object => JSON.parse(readFileSync(path.join(TEAMS_SRC, file), "utf8")) as object;

type Outcome = { card: unknown } | { error: string };

function sdkOutcome(sdk: ACData.Template, data: unknown): Outcome {
  try {
    return { card: sdk.expand({ $root: data }) };
  } catch (error) {
    return { error: String(error) };
  }
}

function ourOutcome(render: CompiledTemplate, data: unknown): Outcome {
  try {
    return { card: render(data) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Both render the same card (or both refuse the data); the card serialises identically. */
function expectSameCard(template: object, data: unknown, sdk = new ACData.Template(template), render = compileTemplate(template)): void {
  const expected = sdkOutcome(sdk, data);
  const actual = ourOutcome(render, data);
  if ("error" in expected) {
    expect(actual).toHaveProperty("error");
    return;
  }
  expect(actual).toHaveProperty("card");
  const card = (actual as { card: unknown }).card;
  expect(card).toStrictEqual(expected.card);
  expect(JSON.stringify(card)).toBe(JSON.stringify(expected.card));
}

// ---------------------------------------------------------------------------------------------
// Realistic data, shaped like what the callers of renderCard pass (grep `renderCard(` in bot/src).

const tricky = "Budget $5 {draft} ${title} — Zoë’s “Q3” 会議 🎉";

const draftLabels = {
  title: "Title",
  date: "Date",
  startTime: "Start",
  durationMinutes: "Minutes",
  recurrence: "Repeats",
  until: "Last date (optional)",
  timeZone: "Time zone",
  inviteesHint: "Clear a box to leave someone out.",
  invitees: "Invitees",
  moreEmails: "More people (e-mail addresses)",
  suggested: "People you often meet",
  agenda: "Agenda",
};
const recurrenceChoices = [
  { value: "none", title: "Does not repeat" },
  { value: "daily", title: "Every day" },
  { value: "weekly", title: "Every week" },
  { value: "monthly", title: "Every month" },
];
const noErrors = { title: "", date: "", startTime: "", durationMinutes: "", recurrence: "", invitees: "" };
const draftActions = { schedule: "Schedule", update: "Check", discard: "Discard" };

const REALISTIC: Record<string, Record<string, unknown>> = {
  "scheduling/cards/draft.json": {
    "a complete draft with two invitees": {
      heading: "Your meeting draft",
      summary: "**Design review** · Tue 3 Jun, 15:00–15:30 (Europe/Stockholm) · Webex",
      banner: "",
      reference: "",
      draftId: "d_7f3a9c",
      labels: draftLabels,
      errors: noErrors,
      title: "Design review",
      date: "2025-06-03",
      startTime: "15:00",
      hasDuration: true,
      durationMinutes: 30,
      timeZone: "Europe/Stockholm",
      recurrence: "none",
      recurrenceChoices,
      recurrenceNote: "",
      hasRecurrence: false,
      until: "",
      noInvitees: "No one invited yet.",
      invitees: [{ text: "Ana Souza", value: "ana@contoso.example" }, { text: "Bob Stone (bob@partner.example, guest)", value: "bob@partner.example" }],
      inviteeValue: "ana@contoso.example,bob@partner.example",
      questions: [],
      explanations: [],
      moreEmails: "",
      suggestions: [],
      agenda: "",
      actions: draftActions,
    },
    "a draft where nothing could be read, with questions, skipped names and suggestions": {
      heading: "Your meeting draft",
      summary: "Webex",
      banner: "Webex is busy right now. Try again in a minute.",
      reference: "Reference: 5c1e-22",
      draftId: "d_1",
      labels: draftLabels,
      errors: { title: "Give the meeting a title.", date: "Pick a date.", startTime: "Pick a start time.", durationMinutes: "How long?", recurrence: "Choose how it repeats.", invitees: "Choose who you meant." },
      title: "",
      date: "",
      startTime: "",
      hasDuration: false,
      durationMinutes: 0,
      timeZone: "America/New_York",
      recurrence: "weekly",
      recurrenceChoices,
      recurrenceNote: "Every 2 weeks on Monday and Wednesday · until Mar 31, 2027",
      hasRecurrence: true,
      until: "2027-03-31",
      noInvitees: "No one invited yet.",
      invitees: [],
      questions: [
        {
          id: "pick_0",
          label: "Which Alex did you mean?",
          errorMessage: "Choose one.",
          choices: [
            { title: "Alex Kim (Finance)", value: "alex.kim@contoso.example" },
            { title: "Alex Moreau · alex.moreau@contoso.example", value: "alex.moreau@contoso.example" },
          ],
        },
        { id: "pick_1", label: "Which Sam did you mean?", errorMessage: "Choose one.", choices: [{ title: "Sam Lee (Design)", value: "sam.lee@contoso.example" }] },
        { id: "pick_2", label: "Which Jo did you mean?", errorMessage: "Choose one.", choices: [] },
      ],
      explanations: [{ text: "I couldn't find “Zed” in your organisation." }, { text: "not-an-email@ isn't an e-mail address." }, { text: "You may not invite @channel here." }],
      moreEmails: "",
      suggestions: [
        { title: "Ana Souza", value: "ana@contoso.example" },
        { title: "Bob Stone (bob@partner.example, guest)", value: "bob@partner.example" },
        { title: "Chen Wei", value: "chen@contoso.example" },
      ],
      agenda: "1. Numbers\n2. Next steps\n\n— please read the doc first",
      actions: { ...draftActions, schedule: "Try again" },
    },
    "a Japanese draft whose title and agenda contain $ and { and ${…} text": {
      heading: "会議の下書き",
      summary: `**${tricky}** · 6月3日(火) 15:00～16:00 (Asia/Tokyo) · Webex`,
      banner: "",
      reference: "",
      draftId: "d_日本",
      labels: { ...draftLabels, title: "件名", date: "日付" },
      errors: { ...noErrors, durationMinutes: "10分以上にしてください。" },
      title: tricky,
      date: "2025-06-03",
      startTime: "15:00",
      hasDuration: true,
      durationMinutes: 5,
      zone: "時刻は Asia/Tokyo",
      recurrence: "monthly",
      recurrenceChoices,
      recurrenceNote: "",
      noInvitees: "まだ誰も招待していません。",
      invitees: [{ text: "山田 太郎", value: "taro.yamada@contoso.example" }],
      inviteeValue: "taro.yamada@contoso.example",
      questions: [],
      explanations: [{ text: "${name} は見つかりませんでした。" }],
      moreEmails: "",
      suggestions: [{ title: "{佐藤}", value: "sato@contoso.example" }],
      agenda: "Cost: $100 {approx}\n${agenda}",
      actions: draftActions,
    },
  },
  "scheduling/cards/reschedule.json": {
    "the reschedule card as first opened": {
      done: "",
      banner: "",
      heading: "Move “Design review”",
      current: "Now: Tue 3 Jun, 15:00–15:30 (Europe/Stockholm)",
      labels: { date: "Date", startTime: "Start", durationMinutes: "Minutes" },
      errors: { date: "", startTime: "", durationMinutes: "" },
      date: "2025-06-03",
      startTime: "15:00",
      durationMinutes: 30,
      zone: "Times in Europe/Stockholm",
      eventId: "AAMkAGI2TG93AAA=",
      timeZone: "Europe/Stockholm",
      title: "Design review",
      actions: { save: "Save", keep: "Keep it" },
    },
    "the reschedule card after a refused save, with what the user typed": {
      done: "Moved to Wed 4 Jun, 09:00.",
      banner: "That zone is not valid.",
      heading: "Move “Ünïcode ${title} {x}”",
      current: "Now: Tue 3 Jun, 15:00–15:30 (Europe/Stockholm)",
      labels: { date: "Date", startTime: "Start", durationMinutes: "Minutes" },
      errors: { date: "That date is in the past.", startTime: "", durationMinutes: "At most 1439 minutes." },
      date: "2020-01-01",
      startTime: "09:00",
      durationMinutes: "2000",
      zone: "Times in Europe/Stockholm",
      eventId: "AAMkAGI2TG93AAA=",
      timeZone: "Europe/Stockholm",
      title: "Ünïcode ${title} {x}",
      actions: { save: "Save", keep: "Keep it" },
    },
  },
  "scheduling/cards/upcoming.json": {
    "no upcoming meetings": { heading: "Your next 7 days", empty: "Nothing scheduled.", scheduleOne: "Schedule one", rows: [] },
    "one meeting that can be moved": {
      heading: "Your next 7 days",
      empty: "Nothing scheduled.",
      scheduleOne: "Schedule one",
      rows: [
        { when: "Tue 3 Jun, 15:00–15:30", title: "Design review", joinTitle: "Join", joinUrl: "https://contoso.webex.com/j/1", cancelTitle: "Cancel", rescheduleTitle: "Reschedule", canReschedule: true, eventId: "e1", webexMeetingId: "w1", inviteeCount: "3" },
      ],
    },
    "several meetings, a series without a join link": {
      heading: "Your next 7 days",
      empty: "Nothing scheduled.",
      scheduleOne: "Schedule one",
      rows: [
        { when: "Tue 3 Jun, 15:00–15:30", title: "Design review", joinTitle: "Join", joinUrl: "https://contoso.webex.com/j/1", cancelTitle: "Cancel", rescheduleTitle: "Reschedule", canReschedule: true, eventId: "e1", webexMeetingId: "w1", inviteeCount: "3" },
        { when: "Wed 4 Jun, 09:00–09:15", title: "Stand-up {daily} $", joinTitle: "Join", joinUrl: "", cancelTitle: "Cancel", rescheduleTitle: "Reschedule", canReschedule: false, eventId: "series-1", webexMeetingId: "", inviteeCount: "12" },
        { when: "2025-06-05T10:00:00", title: "", joinTitle: "参加", joinUrl: "https://contoso.webex.com/j/3", cancelTitle: "キャンセル", rescheduleTitle: "変更", canReschedule: true, eventId: "e3", webexMeetingId: "w3", inviteeCount: "0" },
      ],
    },
  },
  "scheduling/cards/scheduled.json": {
    "a scheduled single meeting with an Outlook link": {
      headline: "Scheduled ✓",
      summary: "**Design review** · Tue 3 Jun, 15:00–15:30 (Europe/Stockholm) · Webex",
      invitees: "Ana Souza, Bob Stone",
      details: "Meeting number 2550 123 4567 · SIP 25501234567@contoso.webex.com",
      joinTitle: "Join",
      joinUrl: "https://contoso.webex.com/j/1",
      copyLink: "Link: https://contoso.webex.com/j/1",
      outlookTitle: "Open in Outlook",
      outlookUrl: "https://outlook.office365.com/owa/?itemid=AAMk",
      cancelTitle: "Cancel",
      rescheduleTitle: "Reschedule",
      canReschedule: true,
      title: "Design review",
      eventId: "AAMk",
      webexMeetingId: "w1",
      inviteeCount: "2",
    },
    "a scheduled series with no invitees, no Outlook link and no join link": {
      series: "Every Monday · 10 times",
      headline: "Scheduled ✓",
      summary: "**Weekly $ync {team}** · every Monday · Webex",
      invitees: "",
      details: "Meeting number 2550 123 4567 · SIP —",
      joinTitle: "Join",
      joinUrl: "",
      copyLink: "",
      outlookTitle: "Open in Outlook",
      outlookUrl: "",
      cancelTitle: "Cancel",
      rescheduleTitle: "Reschedule",
      canReschedule: false,
      title: "Weekly $ync {team}",
      eventId: "AAMk2",
      webexMeetingId: "w2",
      inviteeCount: "0",
    },
  },
  "scheduling/cards/announce.json": {
    "a channel announcement": { text: "Ana scheduled **Design review** for Tue 3 Jun, 15:00 (Europe/Stockholm).", joinTitle: "Join", joinUrl: "https://contoso.webex.com/j/1" },
  },
  "scheduling/cards/notice.json": {
    "a notice without buttons": { text: "The draft was discarded.", execute: [], imBack: [] },
    "a notice with one action button": { text: "Sign in to continue.", execute: [{ title: "Retry", verb: "draft.schedule", data: { draftId: "d_1" } }], imBack: [] },
    "a notice with several buttons of both kinds": {
      text: "Cancel “${title}” {for everyone}?",
      execute: [
        { title: "Yes, cancel", verb: "meeting.cancel.confirm", data: { eventId: "e1", webexMeetingId: "w1", nested: { list: [1, 2], flag: false } } },
        { title: "No", verb: "meeting.cancel.keep", data: {} },
      ],
      imBack: [{ title: "Upcoming", value: "upcoming" }, { title: "ヘルプ", value: "help" }],
    },
  },
  "cards/confirm.json": {
    "the disconnect confirmation": { text: "Disconnect your Webex account?", yes: "Disconnect", no: "Keep", yesVerb: "disconnect.confirm", noVerb: "disconnect.keep" },
  },
  "cards/text.json": {
    "a one-line message": { text: "You're signed out." },
    "a message containing $, { and ${…}": { text: "Price: $5 {approx} — ${text} stays as typed" },
  },
  "cards/account.json": {
    "an account that is ready": {
      title: "Your accounts",
      facts: [
        { title: "Microsoft", value: "Ana Souza (ana@contoso.example)" },
        { title: "Mode", value: "Organisation" },
        { title: "Webex", value: "ana@contoso.example (matched by mail)" },
      ],
      note: "Webex meetings are created by the organisation's service account.",
      ready: true,
      readyText: "You're set — meetings will be hosted by ana@contoso.example.",
      stepsHeading: "To do",
      steps: [],
    },
    "an account with steps left": {
      title: "Your accounts",
      facts: [
        { title: "Microsoft", value: "Not signed in" },
        { title: "Mode", value: "Individual" },
        { title: "Webex", value: "Unknown" },
      ],
      note: "",
      ready: false,
      readyText: "",
      stepsHeading: "To do",
      steps: [
        { text: "Sign in with Microsoft.", button: "Sign in", url: "https://login.microsoftonline.com/x" },
        { text: "Connect Webex {as you}.", button: "Connect Webex", url: "https://webexapis.com/v1/authorize?x=$1" },
      ],
    },
  },
  "cards/help.json": {
    "help for a user who still has to connect": {
      title: "Meeting scheduler",
      tagline: "Schedule Webex meetings from Teams.",
      examplesHeading: "Try",
      examples: [{ text: "schedule Design review tomorrow 3pm with Ana" }, { text: "upcoming" }, { text: "cancel" }],
      commandsHeading: "Commands",
      commands: ["schedule", "upcoming", "cancel", "connect", "disconnect", "whoami", "help"].map((name) => ({ name, description: `What ${name} does` })),
      connectHint: "Connect your accounts first.",
      connectButton: "Connect",
      showConnect: true,
      readyText: "",
    },
    "help for a Turkish user who is set": {
      title: "Toplantı planlayıcı",
      tagline: "İ ı ş ğ — Teams'ten Webex toplantısı planlayın.",
      examplesHeading: "Deneyin",
      examples: [{ text: "planla yarın 15:00" }],
      commandsHeading: "Komutlar",
      commands: [{ name: "help", description: "Yardım" }],
      connectHint: "Önce hesaplarınızı bağlayın.",
      connectButton: "Bağlan",
      showConnect: false,
      readyText: "Hazırsınız — ana@contoso.example.",
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Data generated from a template's own expressions, so a new template is exercised without
// anyone writing data for it.

interface Field {
  text: boolean;
  flag: boolean;
  list: boolean;
  item?: Shape;
  fields?: Shape;
}
type Shape = Map<string, Field>;

const IDENT_PATH = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;

function field(shape: Shape, dotted: string): Field {
  const [head, ...rest] = dotted.split(".");
  let f = shape.get(head!);
  if (!f) shape.set(head!, (f = { text: false, flag: false, list: false }));
  if (rest.length === 0) return f;
  f.fields ??= new Map();
  return field(f.fields, rest.join("."));
}

/** What each `${…}` in the template reads, and as what (text, flag, list, list of objects). */
function shapeOf(node: unknown, shape: Shape = new Map()): Shape {
  if (typeof node === "string") {
    for (const m of node.matchAll(/\$\{([^}]*)\}/g)) {
      const p = IDENT_PATH.exec(m[1]!.replace(/^\s*count\s*\(/, "").replace(/^\s*!/, ""));
      if (p) field(shape, p[0]).text = true;
    }
  } else if (Array.isArray(node)) {
    for (const item of node) shapeOf(item, shape);
  } else if (typeof node === "object" && node !== null) {
    const { $data, $when, ...rest } = node as Record<string, unknown>;
    let scope = shape;
    if (typeof $data === "string") {
      const p = IDENT_PATH.exec($data);
      if (p) {
        const f = field(shape, p[0]);
        f.list = true;
        scope = f.item ??= new Map();
      }
    }
    if (typeof $when === "string") {
      const m = /^\$\{\s*(count\s*\()?\s*(!?)\s*([A-Za-z_][\w.]*)/.exec($when);
      if (m) {
        const f = field(scope, m[3]!);
        if (m[1]) f.list = true;
        else if (m[2] || /^\$\{\s*[\w.]+\s*\}$/.test($when)) f.flag = true;
        else f.text = true;
      }
    }
    for (const value of Object.values(rest)) shapeOf(value, scope);
  }
  return shape;
}

type Mode = "filled" | "empty" | "single";
const TEXTS = ["Design review", tricky, "", "100% {done}", "$", "{", "}", "${", "line one\nline two", "İstanbul ıi", "K", "0"];

function generate(shape: Shape, mode: Mode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = 0;
  for (const [name, f] of shape) {
    i++;
    if (f.list || f.item) {
      const n = mode === "filled" ? 3 : mode === "single" ? 1 : 0;
      out[name] = Array.from({ length: n }, (_, k) => (f.item ? generate(f.item, k === 1 ? "single" : mode) : `${TEXTS[k % TEXTS.length]}`));
    } else if (f.fields) {
      out[name] = generate(f.fields, mode);
    } else if (f.flag) {
      out[name] = mode === "filled" || (mode === "single" && i % 2 === 0);
    } else {
      out[name] = mode === "empty" ? "" : mode === "single" ? (i % 3 === 0 ? i : TEXTS[i % TEXTS.length]) : `${name}: ${tricky}`;
    }
  }
  return out;
}

/** A small seeded generator, so a failure reproduces. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MISSING = Symbol("missing");

/** Any field may be missing, null, of another type, or keyed in another letter case. */
function randomData(shape: Shape, rnd: () => number, depth = 0): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const value = (f: Field): unknown => {
    const r = rnd();
    if (r < 0.08) return MISSING;
    if (r < 0.14) return null;
    if (r < 0.2) return pick(["", 0, 42, -1.5, true, false, [], {}, "true"]);
    if (f.item || f.list) {
      if (depth > 3) return [];
      const n = pick([0, 1, 2, 3]);
      return Array.from({ length: n }, () => {
        const odd = rnd();
        if (odd < 0.1) return pick([null, "a string item", 7, [], {}, undefined]);
        return f.item ? randomData(f.item, rnd, depth + 1) : pick(TEXTS);
      });
    }
    if (f.fields) return rnd() < 0.1 ? pick(["text", 3]) : randomData(f.fields, rnd, depth + 1);
    if (f.flag) return pick([true, false, true, "yes", 1, 0]);
    return pick(TEXTS);
  };
  const out: Record<string, unknown> = {};
  for (const [name, f] of shape) {
    const v = value(f);
    if (v === MISSING) continue;
    const c = rnd();
    if (c < 0.06) {
      out[name.toUpperCase()] = v;
    } else if (c < 0.1) {
      // Two keys equal but for case: the SDK reads whichever comes first.
      const other = value(f);
      const [a, b] = rnd() < 0.5 ? [name, name.toUpperCase()] : [name.toUpperCase(), name];
      out[a] = v;
      if (other !== MISSING) out[b] = other;
    } else {
      out[name] = v;
    }
  }
  return out;
}

const RANDOM_RUNS = 150;

function expectSameCardsForGeneratedData(template: object, seed: number): void {
  const sdk = new ACData.Template(template);
  const render = compileTemplate(template);
  const shape = shapeOf(template);
  for (const mode of ["filled", "empty", "single"] as const) expectSameCard(template, generate(shape, mode), sdk, render);
  expectSameCard(template, {}, sdk, render);
  expectSameCard(template, undefined, sdk, render);
  const rnd = mulberry32(seed);
  for (let run = 0; run < RANDOM_RUNS; run++) expectSameCard(template, randomData(shape, rnd), sdk, render);
}

// ---------------------------------------------------------------------------------------------

const FILES = templateFiles();

describe("card templates render exactly as the Adaptive Cards templating SDK renders them", () => {
  it("finds the bot's card templates to compare", () => {
    expect(FILES).toEqual(expect.arrayContaining(["cards/help.json", "scheduling/cards/draft.json", "scheduling/cards/upcoming.json"]));
  });

  describe.each(FILES)("the %s card", (file) => {
    const template = loadTemplate(file);
    const realistic = Object.entries(REALISTIC[file] ?? {});

    if (realistic.length > 0) {
      it.each(realistic)("renders exactly as the SDK renders it for %s", (_label, data) => {
        expectSameCard(template, data);
      });
    }

    it("renders exactly as the SDK renders it with every field filled, empty, missing, or a random mix of odd values and letter cases", () => {
      expectSameCardsForGeneratedData(template, file.length * 7919);
    });
  });
});

describe("template features our cards do not use yet still render as the SDK renders them", () => {
  const SYNTHETIC: Record<string, object> = {
    "text with several ${…} inside": {
      type: "AdaptiveCard",
      body: [
        { type: "TextBlock", text: "Hi ${name}, you have ${counts.unread} new — ${name}!" },
        { type: "TextBlock", text: "${ name }${counts.unread}$${price} {x} '${name}' \"q\"" },
        { type: "TextBlock", text: "multi\nline ${name}\r\n" },
      ],
    },
    "$when comparisons of every kind, with spaces and tabs": {
      body: [
        { t: 1, $when: "${count(items) == 2}" },
        { t: 2, $when: "${count(items) != 2}" },
        { t: 3, $when: "${count(items) > 1}" },
        { t: 4, $when: "${count(items) >= 1}" },
        { t: 5, $when: "${count( items ) < 3}" },
        { t: 6, $when: "${count(items)<=0}" },
        { t: 7, $when: "${name == ''}" },
        { t: 8, $when: "${name!=''}" },
        { t: 9, $when: "${ !flag }" },
        { t: 10, $when: "${\tflag\t}" },
        { t: 11, $when: "${counts.unread}" },
        { t: 12, $when: "${count(name) > 3}" },
      ],
    },
    "$data and $when on the same element, nested repeats, and repeats as property values": {
      rows: [{ $data: "${items}", $when: "${flag}", label: "${name}", sub: [{ $data: "${items}", v: "${name}" }] }],
      single: { $data: "${counts}", n: "${unread}" },
      repeated: { $data: "${items}", n: "${name}" },
      hidden: { $when: "${!flag}", n: 1 },
    },
    "literal nulls, numbers, nested arrays and a root $when": {
      $when: "${flag}",
      a: [null, 1, [2, [3]], "${items}", { $data: "${items}", x: "${name}" }, false],
      b: null,
      c: { d: [], e: {} },
      f: "${items}",
    },
  };

  it.each(Object.entries(SYNTHETIC))("%s", (label, template) => {
    expectSameCardsForGeneratedData(template, label.length);
    const rnd = mulberry32(99);
    const shape: Shape = new Map([
      ["name", { text: true, flag: false, list: false }],
      ["flag", { text: false, flag: true, list: false }],
      ["items", { text: false, flag: false, list: true, item: new Map([["name", { text: true, flag: false, list: false }]]) }],
      ["counts", { text: false, flag: false, list: false, fields: new Map([["unread", { text: true, flag: true, list: false }]]) }],
    ]);
    for (let run = 0; run < RANDOM_RUNS; run++) expectSameCard(template, randomData(shape, rnd));
  });
});

describe("cards keep what the templating SDK gives a user", () => {
  const draft = loadTemplate("scheduling/cards/draft.json");
  const data = REALISTIC["scheduling/cards/draft.json"]!["a complete draft with two invitees"] as Record<string, unknown>;

  it("keeps a duration bound with ${…} a number, so the Minutes field shows it", () => {
    const card = compileTemplate(draft)(data);
    const inputs: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === "object" && node !== null) {
        if ((node as { type?: unknown }).type === "Input.Number") inputs.push(node as Record<string, unknown>);
        Object.values(node).forEach(walk);
      }
    };
    walk(card);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.value).toBe(30);
  });

  it("shows a value the data lacks as its ${…} placeholder, as the SDK does, instead of hiding it", () => {
    const template = { type: "AdaptiveCard", body: [{ type: "TextBlock", text: "${missing.value}" }, { type: "TextBlock", text: "${present}" }] };
    const card = compileTemplate(template)({ present: null });
    expect(card).toEqual({ type: "AdaptiveCard", body: [{ type: "TextBlock", text: "${missing.value}" }, { type: "TextBlock", text: null }] });
    expectSameCard(template, { present: null });
  });

  it("leaves text the user typed with $ and { unchanged", () => {
    const card = compileTemplate(loadTemplate("cards/text.json"))({ text: "Cost ${price} {x} $" }) as { body: { text: string }[] };
    expect(card.body[0]!.text).toBe("Cost ${price} {x} $");
  });

  it("gives each render its own card, so changing one sent card cannot change the next", () => {
    const render = compileTemplate(draft);
    const first = render(data) as { body: unknown[] };
    first.body.length = 0;
    const second = render(data) as { body: unknown[] };
    expect(second.body.length).toBeGreaterThan(0);
    expectSameCard(draft, data);
  });

  it("sends the same Adaptive Card attachment through renderCard as the SDK would build", () => {
    const attachment = renderCard(draft, data);
    expect(attachment.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment.content).toStrictEqual(new ACData.Template(draft).expand({ $root: data }));
    // Compiled once per template object: a second render with other data still follows the data.
    const other = REALISTIC["scheduling/cards/draft.json"]!["a draft where nothing could be read, with questions, skipped names and suggestions"];
    expect(renderCard(draft, other as object).content).toStrictEqual(new ACData.Template(draft).expand({ $root: other }));
  });
});

describe("a template with an expression the fast renderer does not support is refused when it is loaded", () => {
  const card = (element: Record<string, unknown>) => ({ type: "AdaptiveCard", body: [{ type: "TextBlock", text: "ok" }, element] });
  const cases: [string, object, string, string][] = [
    ["a $root path", card({ type: "TextBlock", text: "${$root.title}" }), "body[1].text", "${$root.title}"],
    ["$index", card({ type: "TextBlock", text: "${$index}" }), "body[1].text", "${$index}"],
    ["a function call", card({ type: "TextBlock", text: "${formatNumber(total, 2)}" }), "body[1].text", "${formatNumber(total, 2)}"],
    ["a function inside longer text", card({ type: "TextBlock", text: "Total: ${if(a, b, c)} items" }), "body[1].text", "Total: ${if(a, b, c)} items"],
    ["a combined $when", card({ type: "TextBlock", text: "x", $when: "${a && b}" }), "body[1].$when", "${a && b}"],
    ["a $when comparing with a non-empty string", card({ type: "TextBlock", text: "x", $when: "${status == 'done'}" }), "body[1].$when", "${status == 'done'}"],
    ["a $when that is not an expression", card({ type: "TextBlock", text: "x", $when: true }), "body[1].$when", "true"],
    ["a literal $data array", card({ type: "TextBlock", text: "${x}", $data: [{ x: 1 }] }), "body[1].$data", '[{"x":1}]'],
    ["a $data expression that is not a path", card({ type: "TextBlock", text: "${x}", $data: "${take(items, 2)}" }), "body[1].$data", "${take(items, 2)}"],
    ["an unclosed ${", card({ type: "TextBlock", text: "Hello ${name" }), "body[1].text", "Hello ${name"],
    ["a backslash next to ${…}", card({ type: "TextBlock", text: "C:\\temp ${name}" }), "body[1].text", "C:\\temp ${name}"],
    ["a constant written as ${true}", card({ type: "TextBlock", text: "${true}" }), "body[1].text", "${true}"],
    ["a reserved $root key", { type: "AdaptiveCard", $root: { a: 1 } }, "$root", "$root"],
  ];

  it.each(cases)("refuses %s, naming where it is and the expression", (_label, template, location, expression) => {
    let thrown: unknown;
    try {
      compileTemplate(template, { name: "example.json" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TemplateCompileError);
    const message = (thrown as Error).message;
    expect(message).toContain("example.json");
    expect(message).toContain(location);
    expect(message).toContain(JSON.stringify(expression));
  });

  it("makes renderCard fail with that message instead of sending a different card", () => {
    expect(() => renderCard(card({ type: "TextBlock", text: "${$root.title}" }), {})).toThrow(/body\[1\]\.text.*\$root\.title/);
  });
});
