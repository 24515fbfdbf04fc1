/**
 * The directory copy's index on its own: after routine delta rounds (renames, new hires,
 * departures, a changed title) it edits its token index in place, and must then find exactly
 * whom an index built from scratch finds.
 */
import { PeopleIndex, type MirroredUser, type UserChange } from "../../src/directory/mirror/people-index";

const GIVEN = ["Anna", "Lars", "Aiko", "Kenji", "Åsa", "Özge", "Mia", "Omar", "Laura", "Björn"];
const SURNAME = ["Berg", "Lind", "Tanaka", "Sato", "Yılmaz", "Holm", "Haddad", "Díaz", "Nyström", "Larsen"];

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

function person(n: number, pick: () => number): MirroredUser {
  const given = GIVEN[Math.floor(pick() * GIVEN.length)]!;
  const surname = SURNAME[Math.floor(pick() * SURNAME.length)]!;
  const mail = `${given}.${surname}${n}@contoso.com`.toLowerCase();
  return { id: `u${n}`, displayName: `${given} ${surname}`, givenName: given, surname, mail, userPrincipalName: mail, accountEnabled: true, jobTitle: "Engineer" };
}

const QUERIES = ["anna", "Lars Berg", "ber", "aiko.t", "åsa", "özge y", "mia holm", "larsen", "o", "laura d", "nobody", "anna3"];
const found = (index: PeopleIndex, q: string): (string | undefined)[] => index.search(q, 1000).map((p) => p.aadObjectId);

test("after many small delta rounds the copy finds exactly whom a copy read from scratch finds", () => {
  const pick = random(7);
  const users = new Map<string, MirroredUser>();
  for (let n = 0; n < 400; n++) users.set(`u${n}`, person(n, pick));
  const index = new PeopleIndex();
  index.apply([...users.values()].map((user): UserChange => ({ kind: "upsert", user })));
  index.prepare();
  let next = 400;

  for (let round = 0; round < 60; round++) {
    const changes: UserChange[] = [];
    for (let k = 0; k < 1 + Math.floor(pick() * 8); k++) {
      const roll = pick();
      const ids = [...users.keys()];
      const id = ids[Math.floor(pick() * ids.length)]!;
      if (roll < 0.25) {
        const renamed = { ...person(Number(id.slice(1)), pick), id };
        users.set(id, renamed);
        changes.push({ kind: "upsert", user: { id, displayName: renamed.displayName, mail: renamed.mail } }); // only what changed, as Graph may send it
      } else if (roll < 0.5) {
        users.delete(id);
        changes.push({ kind: "remove", id });
      } else if (roll < 0.75) {
        const hired = person(next++, pick);
        users.set(hired.id, hired);
        changes.push({ kind: "upsert", user: hired });
      } else {
        users.set(id, { ...users.get(id)!, jobTitle: "Manager" });
        changes.push({ kind: "upsert", user: { id, jobTitle: "Manager" } });
      }
    }
    index.apply(changes);

    const scratch = new PeopleIndex();
    scratch.apply([...users.values()].map((user): UserChange => ({ kind: "upsert", user })));
    expect(index.size).toBe(users.size);
    for (const q of QUERIES) expect({ round, q, ids: found(index, q).sort() }).toEqual({ round, q, ids: found(scratch, q).sort() });
  }
  // Not vacuous: the queries find people, and the changed titles show.
  expect(found(index, "anna").length).toBeGreaterThan(10);
  expect(index.search("o", 1000).some((p) => p.jobTitle === "Manager")).toBe(true);
});

test("a departed colleague is no longer suggested and a renamed one is found under the new name (and still by her address)", () => {
  const index = new PeopleIndex();
  index.apply([
    { kind: "upsert", user: { id: "a", displayName: "Aiko Tanaka", mail: "aiko.tanaka@contoso.com" } },
    { kind: "upsert", user: { id: "m", displayName: "Mia Holm", mail: "mia.holm@contoso.se" } },
  ]);
  index.prepare();
  index.apply([
    { kind: "upsert", user: { id: "a", displayName: "Aiko Wennerström" } },
    { kind: "remove", id: "m" },
  ]);
  expect(index.search("Wenner", 10).map((p) => p.email)).toEqual(["aiko.tanaka@contoso.com"]);
  expect(index.search("Tanaka", 10).map((p) => p.displayName)).toEqual(["Aiko Wennerström"]); // still her address
  expect(index.search("Mia", 10)).toEqual([]);
});
