import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";
import { placeholderNames } from "../package";

export const ROOT = resolve(__dirname, "../..");
export const APP_PACKAGE = join(ROOT, "appPackage");
/** The official Teams schemas live beside the repository (/work/shared next to /work/main; CI keeps that layout). */
export const SCHEMAS = resolve(__dirname, "../../../shared/schemas");

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

export function readJson(path: string): unknown {
  return JSON.parse(readText(path));
}

/** A believable value for a Teams Toolkit variable, derived from its name so that each id differs. */
export function plausibleValue(name: string): string {
  if (name.includes("DOMAIN")) return "webex-scheduler.contoso.com";
  if (name.includes("ENDPOINT") || name.endsWith("URL")) return "https://webex-scheduler.contoso.com";
  if (name.includes("SUFFIX")) return "-dev";
  if (name === "TEAMSFX_ENV") return "dev";
  const hex = createHash("sha256").update(name).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Values for every placeholder used in the given texts. */
export function plausibleVars(...texts: string[]): Record<string, string> {
  const names = new Set(texts.flatMap((t) => placeholderNames(t)));
  return Object.fromEntries([...names].map((n) => [n, plausibleValue(n)]));
}

/**
 * Draft-04 validators for the Teams schemas. Microsoft's schemas are not written for Ajv's strict
 * mode (untyped `additionalProperties`), and one localization pattern is not a valid /u regex,
 * hence strict off and non-unicode regexes — the checks themselves are unchanged.
 */
export function teamsValidator(manifestVersion: string, file: "MicrosoftTeams.schema.json" | "MicrosoftTeams.Localization.schema.json"): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(readJson(join(SCHEMAS, "teams-manifest", `v${manifestVersion}`, file)) as object);
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}
