import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { ADMIN_SCOPE_SET, AIKO, call, DANIEL_ADMIN, LARS, meetingBody, startHarness, USER_SCOPES, type Harness } from "./harness";

/**
 * The emulator's responses checked against Cisco's official OpenAPI 3.0 descriptions
 * (/work/shared/schemas/webex-openapi). OpenAPI 3.0 schemas are turned into JSON Schema:
 * `nullable` becomes a null type, examples and x- extensions are dropped, and each file's
 * `components` is registered under an $id so "#/components/schemas/…" references resolve.
 */
const SCHEMA_DIR = process.env.WEBEX_OPENAPI_DIR ?? "/work/shared/schemas/webex-openapi";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "example" || k === "examples" || k === "nullable" || k.startsWith("x-")) continue;
    out[k] = toJsonSchema(v);
  }
  if (node.nullable === true && typeof node.type === "string") out.type = [node.type, "null"];
  return out;
}

function load(file: string, id: string, patch?: (doc: any) => void): Json { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8"));
  patch?.(doc);
  return { $id: id, components: toJsonSchema(doc.components) } as Json;
}

let ajv: Ajv;
let h: Harness;
let aiko: string;

beforeAll(async () => {
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(load("webex-meeting.json", "webex-meeting") as object);
  // Documented deviation: Webex sends "notFoundIds": null, which the OpenAPI (an array) omits.
  ajv.addSchema(load("webex-messaging.json", "webex-messaging", (doc) => {
    doc.components.schemas.PersonCollectionResponse.properties.notFoundIds.nullable = true;
  }) as object);
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emu.reset();
  aiko = h.emu.issueToken(AIKO, USER_SCOPES);
});

function validator(ref: string): ValidateFunction {
  const v = ajv.getSchema(ref);
  if (!v) throw new Error(`no schema ${ref}`);
  return v;
}

function expectValid(ref: string, data: unknown): void {
  const v = validator(ref);
  const ok = v(data);
  if (!ok) throw new Error(`${ref}: ${ajv.errorsText(v.errors, { separator: "\n" })}\n${JSON.stringify(data, null, 2)}`);
}

/** The list response schema is inline in the path, so it is built from the component. */
function expectValidList(itemRef: string, data: { items: unknown[] }): void {
  expect(Array.isArray(data.items)).toBe(true);
  for (const item of data.items) expectValid(itemRef, item);
}

const SERIES = "webex-meeting#/components/schemas/MeetingSeriesObject";
const LIST_ITEM = "webex-meeting#/components/schemas/MeetingObjectForListMeeting";
const PERSON = "webex-messaging#/components/schemas/Person";
const PEOPLE = "webex-messaging#/components/schemas/PersonCollectionResponse";

describe("responses match the official Webex OpenAPI", () => {
  it("the loaded schemas do reject a meeting without its required attributes", async () => {
    const created = await call(h, "POST", "/v1/meetings", aiko, meetingBody());
    const { hostKey: _dropped, ...withoutHostKey } = created.body;
    expect(validator(SERIES)(withoutHostKey)).toBe(false);
    expect(validator(SERIES)({ ...created.body, meetingType: "webinar" })).toBe(false);
    expect(validator(LIST_ITEM)(created.body)).toBe(false); // lacks meetingSeriesId
  });

  it("create, get and get-occurrence return MeetingSeriesObject", async () => {
    const created = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ agenda: "A", recurrence: "FREQ=WEEKLY;COUNT=3", integrationTags: ["t1"] }));
    expectValid(SERIES, created.body);
    expectValid(SERIES, (await call(h, "GET", `/v1/meetings/${created.body.id}`, aiko)).body);
    const occurrence = await call(h, "GET", `/v1/meetings/${created.body.id}_20261124T140000Z`, aiko);
    expect(occurrence.status).toBe(200);
    expectValid(SERIES, occurrence.body);
  });

  it("list items and update responses are MeetingObjectForListMeeting", async () => {
    const created = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ recurrence: "FREQ=DAILY;COUNT=3" }));
    expectValidList(LIST_ITEM, (await call(h, "GET", "/v1/meetings", aiko)).body);
    const occurrences = await call(h, "GET", "/v1/meetings?meetingType=scheduledMeeting", aiko);
    expect(occurrences.body.items).toHaveLength(3);
    expectValidList(LIST_ITEM, occurrences.body);
    expectValid(LIST_ITEM, (await call(h, "PATCH", `/v1/meetings/${created.body.id}`, aiko, { title: "New" })).body);
    expectValid(LIST_ITEM, (await call(h, "PATCH", `/v1/meetings/${created.body.id}_20261125T140000Z`, aiko, { title: "One" })).body);
    expectValid(LIST_ITEM, (await call(h, "PUT", `/v1/meetings/${created.body.id}`, aiko, meetingBody({ title: "Put" }))).body);
  });

  it("an admin-hosted meeting validates too", async () => {
    const admin = h.emu.issueToken(DANIEL_ADMIN, ADMIN_SCOPE_SET);
    expectValid(SERIES, (await call(h, "POST", "/v1/meetings", admin, meetingBody({ hostEmail: LARS }))).body);
  });

  it("people lookups return Person and PersonCollectionResponse", async () => {
    expectValid(PEOPLE, (await call(h, "GET", `/v1/people?email=${LARS}`, aiko)).body);
    expectValid(PEOPLE, (await call(h, "GET", "/v1/people?email=nobody@contoso.com", aiko)).body);
    expectValid(PERSON, (await call(h, "GET", "/v1/people/me", aiko)).body);
    const admin = h.emu.issueToken(DANIEL_ADMIN, ADMIN_SCOPE_SET);
    const all = await call(h, "GET", "/v1/people?max=100", admin);
    expectValid(PEOPLE, all.body);
    expectValid(PERSON, (await call(h, "GET", `/v1/people/${all.body.items[0].id}`, admin)).body);
  });

  it("error bodies match the documented error schema", async () => {
    const doc = JSON.parse(readFileSync(join(SCHEMA_DIR, "webex-meeting.json"), "utf8"));
    const content = doc.paths["/meetings"].post.responses["400"].content;
    const schema = toJsonSchema(content[Object.keys(content)[0]!].schema) as object;
    const validate = ajv.compile({ ...schema, required: ["message", "errors", "trackingId"] });
    const bad = await call(h, "POST", "/v1/meetings", aiko, meetingBody({ title: "" }));
    expect(bad.status).toBe(400);
    expect(validate(bad.body)).toBe(true);
  });
});
