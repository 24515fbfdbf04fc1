import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open as openZip, type Entry, type ZipFile } from "yauzl";
import { buildAppPackage, fillPlaceholders, loadEnvVars, main, MissingVariablesError, parseArgs } from "../package";
import { APP_PACKAGE, ROOT, plausibleVars, readText } from "./helpers";

/** Every entry of a zip file with its uncompressed bytes, read back with yauzl. */
function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolvePromise, reject) => {
    openZip(path, { lazyEntries: true }, (openError, zip?: ZipFile) => {
      if (openError || !zip) return reject(openError ?? new Error("no zip"));
      const entries = new Map<string, Buffer>();
      zip.on("error", reject);
      zip.on("end", () => resolvePromise(entries));
      zip.on("entry", (entry: Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const packageTexts = ["manifest.json", "sv.json", "ja.json", "tr.json"].map((f) => readText(join(APP_PACKAGE, f)));
const allVars = plausibleVars(...packageTexts);

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "app-package-"));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("fillPlaceholders", () => {
  it("replaces each ${{VAR}} with its value", () => {
    const result = fillPlaceholders('{"id":"${{TEAMS_APP_ID}}","url":"${{ TAB_ENDPOINT }}/tab"}', { TEAMS_APP_ID: "abc", TAB_ENDPOINT: "https://x.test" });
    expect(result).toEqual({ text: '{"id":"abc","url":"https://x.test/tab"}', missing: [] });
  });

  it("names each unset or empty variable once and leaves its placeholder in place", () => {
    const result = fillPlaceholders("${{A}} ${{B}} ${{A}} ${{C}}", { B: "b", C: "  " });
    expect(result.missing).toEqual(["A", "C"]);
    expect(result.text).toBe("${{A}} b ${{A}} ${{C}}");
  });

  it("keeps the JSON valid when a value contains quotes or backslashes", () => {
    const result = fillPlaceholders('{"name":"${{N}}"}', { N: 'Webex "dev" \\ test' }, { json: true });
    expect(JSON.parse(result.text)).toEqual({ name: 'Webex "dev" \\ test' });
  });
});

describe("npm run package", () => {
  it("zips the filled manifest, the three localization files and both icons at the zip root", async () => {
    const zipPath = join(work, "appPackage.dev.zip");
    const result = await buildAppPackage({ root: ROOT, env: "dev", vars: allVars, zipPath });
    expect(result.zipPath).toBe(zipPath);

    const entries = await readZip(zipPath);
    expect([...entries.keys()].sort()).toEqual(["color.png", "ja.json", "manifest.json", "outline.png", "sv.json", "tr.json"]);
    for (const name of ["manifest.json", "sv.json", "ja.json", "tr.json"]) {
      const text = entries.get(name)!.toString("utf8");
      expect(text).not.toMatch(/\$\{\{/);
      expect(() => JSON.parse(text)).not.toThrow();
    }
    const manifest = JSON.parse(entries.get("manifest.json")!.toString("utf8")) as { id: string; bots: { botId: string }[] };
    expect(manifest.id).toBe(allVars.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(allVars.BOT_ID);
    expect(entries.get("color.png")!.equals(readFileSync(join(APP_PACKAGE, "color.png")))).toBe(true);
    expect(entries.get("outline.png")!.equals(readFileSync(join(APP_PACKAGE, "outline.png")))).toBe(true);
  });

  it("writes to appPackage/build/appPackage.<env>.zip by default", async () => {
    const result = await buildAppPackage({ root: ROOT, env: "unit-test", vars: allVars });
    try {
      expect(result.zipPath).toBe(join(ROOT, "appPackage", "build", "appPackage.unit-test.zip"));
      expect(existsSync(result.zipPath)).toBe(true);
    } finally {
      rmSync(result.zipPath, { force: true });
    }
  });

  it("produces the same bytes twice from the same inputs", async () => {
    await buildAppPackage({ root: ROOT, env: "dev", vars: allVars, zipPath: join(work, "a.zip") });
    await buildAppPackage({ root: ROOT, env: "dev", vars: allVars, zipPath: join(work, "b.zip") });
    expect(readFileSync(join(work, "a.zip")).equals(readFileSync(join(work, "b.zip")))).toBe(true);
  });

  it("refuses to zip when a variable is unset and names it with the files that use it", async () => {
    const { BOT_ID: _unused, ...withoutBotId } = allVars;
    const zipPath = join(work, "appPackage.dev.zip");
    const build = buildAppPackage({ root: ROOT, env: "dev", vars: { ...withoutBotId, TAB_DOMAIN: "" }, zipPath });
    await expect(build).rejects.toThrow(MissingVariablesError);
    await expect(build).rejects.toThrow(/BOT_ID \(used in manifest\.json\)/);
    await expect(build).rejects.toThrow(/TAB_DOMAIN \(used in manifest\.json\)/);
    expect(existsSync(zipPath)).toBe(false);
  });

  it("reads env/.env.<env>, lets the .user file and then the process environment override it", () => {
    mkdirSync(join(work, "env"));
    writeFileSync(join(work, "env", ".env.dev"), "TEAMS_APP_ID=from-env-file\nBOT_ID=from-env-file\nBOT_DOMAIN=from-env-file\n");
    writeFileSync(join(work, "env", ".env.dev.user"), "BOT_ID=from-user-file\nBOT_DOMAIN=from-user-file\n");
    const { vars, files } = loadEnvVars(work, "dev", { BOT_DOMAIN: "from-process", TEAMS_APP_ID: "" });
    expect(vars).toMatchObject({ TEAMS_APP_ID: "from-env-file", BOT_ID: "from-user-file", BOT_DOMAIN: "from-process" });
    expect(files).toEqual([join("env", ".env.dev"), join("env", ".env.dev.user")]);
  });

  it("reports the env file it could not find", () => {
    expect(() => loadEnvVars(work, "staging")).toThrow(/no env\/\.env\.staging/);
    expect(() => loadEnvVars(work, "../etc")).toThrow(/invalid env name/);
  });

  it("takes the environment from --env and defaults to local", () => {
    expect(parseArgs([])).toEqual({ env: "local" });
    expect(parseArgs(["--env", "dev"])).toEqual({ env: "dev" });
    expect(parseArgs(["--env=dev"])).toEqual({ env: "dev" });
    expect(() => parseArgs(["--env"])).toThrow(/needs a value/);
    expect(() => parseArgs(["dev"])).toThrow(/unknown argument/);
  });

  it("exits with status 1 and a message on stderr when the environment does not exist", async () => {
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await expect(main(["--env", "no-such-env"])).resolves.toBe(1);
      expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toMatch(/no env\/\.env\.no-such-env/);
    } finally {
      stderr.mockRestore();
    }
  });
});
