/**
 * Builds the Teams app package for one Teams Toolkit environment, without Teams Toolkit:
 *
 *   npm run package -- --env dev      (default env: local)
 *
 * Reads env/.env.<env> and, when present, env/.env.<env>.user (the second wins), then the process
 * environment (which wins over both, so CI can inject ids). Every `${{VAR}}` in manifest.json and in
 * the localization files is filled; if any is unset or empty nothing is zipped and the error names
 * each variable and the file that needs it. Output: appPackage/build/appPackage.<env>.zip with
 * manifest.json, the localization files and both icons at the zip root — the layout Teams expects.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { ZipFile } from "yazl";
import { z } from "zod";
import { findProjectRoot } from "./project-root";

/** Teams Toolkit placeholder syntax: `${{NAME}}`, spaces inside the braces tolerated as the toolkit does. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Entries get a fixed timestamp so that the same inputs always produce the same zip bytes. */
const FIXED_MTIME = new Date("2000-01-01T00:00:00Z");

export type Vars = Readonly<Record<string, string | undefined>>;

export interface FillResult {
  text: string;
  /** Names of placeholders with no (or an empty) value, each once, in order of first appearance. */
  missing: string[];
}

export interface FillOptions {
  /** Escape values for use inside a JSON string literal (all our placeholders sit inside strings). */
  json?: boolean;
}

/** Replaces every `${{VAR}}` with its value; unknown or empty ones are left in place and reported. */
export function fillPlaceholders(text: string, vars: Vars, options: FillOptions = {}): FillResult {
  const missing: string[] = [];
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined || value.trim() === "") {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return options.json ? JSON.stringify(value).slice(1, -1) : value;
  });
  return { text: filled, missing };
}

/** All placeholder names used in a text, each once. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
}

export class MissingVariablesError extends Error {
  constructor(
    readonly env: string,
    /** variable name → the package files that use it */
    readonly variables: ReadonlyMap<string, readonly string[]>,
    readonly envFiles: readonly string[],
  ) {
    const lines = [...variables].map(([name, files]) => `  - ${name} (used in ${files.join(", ")})`);
    super(
      `Cannot build the app package for env "${env}": ${variables.size} variable(s) unset or empty in ${envFiles.join(" + ")}:\n` +
        `${lines.join("\n")}\n` +
        "Provision the environment with Teams Toolkit, or set them in the env file (ids) or its .user twin (secrets).",
    );
    this.name = "MissingVariablesError";
  }
}

/** The parts of manifest.json that decide what goes into the package. https://aka.ms/teams-manifest */
const ManifestFiles = z.object({
  icons: z.object({ color: z.string().min(1), outline: z.string().min(1) }),
  localizationInfo: z
    .object({ additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string().min(1) })).optional() })
    .optional(),
});

/** Zip entries must be plain names at the root: no folders, no way out of appPackage/. */
const ROOT_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface PackageFile {
  name: string;
  bytes: Buffer;
}

/**
 * The package's files, filled: manifest.json first, then the localization files and the icons the
 * manifest names. Throws MissingVariablesError before anything is written if a variable is missing.
 */
export function collectPackageFiles(appPackageDir: string, vars: Vars, env: string, envFiles: readonly string[]): PackageFile[] {
  const manifestText = readFileSync(join(appPackageDir, "manifest.json"), "utf8");
  const manifest = ManifestFiles.parse(JSON.parse(manifestText));
  const textFiles = ["manifest.json", ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file)];
  const binaryFiles = [manifest.icons.color, manifest.icons.outline];
  for (const name of [...textFiles, ...binaryFiles]) {
    if (!ROOT_FILE.test(name)) throw new Error(`manifest.json names "${name}": package files must sit next to manifest.json`);
  }

  const missing = new Map<string, string[]>();
  const files: PackageFile[] = [];
  for (const name of textFiles) {
    const text = name === "manifest.json" ? manifestText : readFileSync(join(appPackageDir, name), "utf8");
    const result = fillPlaceholders(text, vars, { json: true });
    for (const variable of result.missing) missing.set(variable, [...(missing.get(variable) ?? []), name]);
    files.push({ name, bytes: Buffer.from(result.text, "utf8") });
  }
  if (missing.size > 0) throw new MissingVariablesError(env, missing, envFiles);
  for (const file of files) {
    try {
      JSON.parse(file.bytes.toString("utf8"));
    } catch (cause) {
      throw new Error(`${file.name} is not valid JSON after filling placeholders`, { cause });
    }
  }
  for (const name of binaryFiles) files.push({ name, bytes: readFileSync(join(appPackageDir, name)) });
  return files;
}

/** Writes the files into a zip at `zipPath`; resolves once the file is complete on disk. */
export function writeZip(files: readonly PackageFile[], zipPath: string): Promise<void> {
  mkdirSync(dirname(zipPath), { recursive: true });
  const zip = new ZipFile();
  for (const file of files) zip.addBuffer(file.bytes, file.name, { mtime: FIXED_MTIME, mode: 0o100644 });
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(zipPath);
    out.on("error", reject);
    out.on("close", () => resolvePromise());
    zip.outputStream.on("error", reject);
    zip.outputStream.pipe(out);
    zip.end();
  });
}

export interface EnvVars {
  vars: Record<string, string>;
  /** The env files read, relative to the project root, for messages. */
  files: string[];
}

/** env/.env.<env> (required) overlaid by env/.env.<env>.user (optional) and then by `processEnv`. */
export function loadEnvVars(root: string, env: string, processEnv: Vars = {}): EnvVars {
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new Error(`invalid env name "${env}": letters, digits, "-" and "_" only`);
  const base = join("env", `.env.${env}`);
  const user = `${base}.user`;
  if (!existsSync(join(root, base))) throw new Error(`no ${base}: create it (see env/.env.dev) or pick another --env`);
  const vars: Record<string, string> = { ...parseDotenv(readFileSync(join(root, base))) };
  const files = [base];
  if (existsSync(join(root, user))) {
    Object.assign(vars, parseDotenv(readFileSync(join(root, user))));
    files.push(user);
  }
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined && value.trim() !== "") vars[name] = value;
  }
  return { vars, files };
}

export interface BuildOptions {
  root: string;
  env: string;
  /** Overrides the environment files (tests); otherwise they are read from `root`. */
  vars?: Vars;
  processEnv?: Vars;
  /** Defaults to appPackage/build/appPackage.<env>.zip under root. */
  zipPath?: string;
}

export interface BuildResult {
  zipPath: string;
  entries: string[];
}

export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const { vars, files } = options.vars
    ? { vars: options.vars, files: ["the given variables"] }
    : loadEnvVars(options.root, options.env, options.processEnv);
  const appPackageDir = join(options.root, "appPackage");
  const packageFiles = collectPackageFiles(appPackageDir, vars, options.env, files);
  const zipPath = options.zipPath ?? join(appPackageDir, "build", `appPackage.${options.env}.zip`);
  await writeZip(packageFiles, zipPath);
  return { zipPath, entries: packageFiles.map((f) => f.name) };
}

/** `--env dev`, `--env=dev` or `-e dev`; anything else is an error rather than silently ignored. */
export function parseArgs(argv: readonly string[]): { env: string } {
  let env = "local";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--env" || arg === "-e") {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value, e.g. --env dev`);
      env = value;
    } else if (arg.startsWith("--env=")) {
      env = arg.slice("--env=".length);
    } else {
      throw new Error(`unknown argument "${arg}". Usage: npm run package -- --env <local|dev|…>`);
    }
  }
  return { env };
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  try {
    const { env } = parseArgs(argv);
    const root = findProjectRoot(__dirname);
    const result = await buildAppPackage({ root, env, processEnv: process.env });
    process.stdout.write(`wrote ${result.zipPath}\n${result.entries.map((e) => `  ${e}`).join("\n")}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
