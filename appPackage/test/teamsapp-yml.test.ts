import { existsSync } from "node:fs";
import { join } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { placeholderNames } from "../package";
import { ROOT, readJson, readText } from "./helpers";

/** One lifecycle action as Teams Toolkit's v1.7 project schema describes it (https://aka.ms/teamsfx-actions). */
const Action = z.object({
  uses: z.string(),
  name: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  writeToEnvironmentFile: z.record(z.string(), z.string()).optional(),
});
type Action = z.infer<typeof Action>;
const Project = z
  .object({
    version: z.string(),
    environmentFolderPath: z.string().optional(),
    provision: z.array(Action),
    deploy: z.array(Action).optional(),
    publish: z.array(Action).optional(),
  })
  .strict();

const PROJECTS = [
  { file: "teamsapp.yml", env: "dev" },
  { file: "teamsapp.local.yml", env: "local" },
] as const;

const REQUIRED_PROVISION = [
  "aadApp/create",
  "aadApp/update",
  "botAadApp/create",
  "botFramework/create",
  "teamsApp/create",
  "teamsApp/validateManifest",
  "teamsApp/zipAppPackage",
  "teamsApp/validateAppPackage",
  "teamsApp/update",
];

/**
 * Parameters of the actions we use, copied from Teams Toolkit's v1.7 project schema
 * (https://aka.ms/teams-toolkit/v1.7/yaml.schema.json): a typo or a parameter from another schema
 * version (e.g. zipAppPackage's old `outputJsonPath`) would make the toolkit reject the file.
 */
const ACTION_PARAMETERS: Record<string, { required: string[]; optional?: string[]; writes?: string[]; mayWrite?: string[] }> = {
  "aadApp/create": {
    required: ["name", "generateClientSecret", "signInAudience"],
    optional: ["serviceManagementReference", "clientSecretExpireDays", "clientSecretDescription"],
    writes: ["clientId", "objectId", "clientSecret"],
    mayWrite: ["tenantId", "authority", "authorityHost"],
  },
  "aadApp/update": { required: ["manifestPath", "outputFilePath"] },
  "teamsApp/create": { required: ["name"], writes: ["teamsAppId"] },
  "botAadApp/create": { required: ["name"], writes: ["botId", "botPassword"] },
  "botFramework/create": { required: ["botId", "name", "messagingEndpoint"], optional: ["description", "iconUrl", "channels"] },
  "teamsApp/validateManifest": { required: ["manifestPath"] },
  "teamsApp/zipAppPackage": { required: ["manifestPath", "outputZipPath", "outputFolder"] },
  "teamsApp/validateAppPackage": { required: ["appPackagePath"] },
  "teamsApp/update": { required: ["appPackagePath"] },
  "teamsApp/publishAppPackage": { required: ["appPackagePath"], writes: ["publishedAppId"] },
  "cli/runNpmCommand": { required: ["args"], optional: ["workingDirectory"] },
  "azureAppService/zipDeploy": { required: ["artifactFolder", "resourceId"], optional: ["workingDirectory", "ignoreFile", "dryRun", "outputZipFile"] },
  "file/createOrUpdateEnvironmentFile": { required: ["envs", "target"] },
  script: { required: ["run"], optional: ["workingDirectory", "shell", "timeout", "redirectTo"] },
};

/** What the person provisioning must set in env/.env.<env> by hand (the files say so in comments). */
const USER_INPUTS = ["BOT_DOMAIN", "BOT_ENDPOINT", "BOT_AZURE_APP_SERVICE_RESOURCE_ID"];

function load(file: string): z.infer<typeof Project> {
  return Project.parse(parseYaml(readText(join(ROOT, file)), { uniqueKeys: true, strict: true }));
}

/** Variables an action reads: its own parameters plus the placeholders of the manifests it fills in. */
function inputsOf(action: Action): string[] {
  const names = new Set(placeholderNames(JSON.stringify(action.with ?? {})));
  const withPaths = z.looseObject({ manifestPath: z.string().optional() }).parse(action.with ?? {});
  if (withPaths.manifestPath) {
    const manifestPath = join(ROOT, withPaths.manifestPath);
    const texts = [readText(manifestPath)];
    if (action.uses.startsWith("teamsApp/")) {
      const manifest = z.object({ localizationInfo: z.object({ additionalLanguages: z.array(z.object({ file: z.string() })) }) }).parse(readJson(manifestPath));
      for (const l of manifest.localizationInfo.additionalLanguages) texts.push(readText(join(ROOT, "appPackage", l.file)));
    }
    for (const name of texts.flatMap((t) => placeholderNames(t))) names.add(name);
  }
  // aadApp/update generates the access_as_user scope id on its first run.
  if (action.uses === "aadApp/update") names.delete("AAD_APP_ACCESS_AS_USER_PERMISSION_ID");
  return [...names];
}

/** Variables an action leaves behind for the ones after it. */
function outputsOf(action: Action): string[] {
  const outputs = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === "aadApp/update") outputs.push("AAD_APP_ACCESS_AS_USER_PERMISSION_ID");
  if (action.uses === "script") {
    const run = z.object({ run: z.string() }).parse(action.with).run;
    for (const m of run.matchAll(/::set-teamsfx-env ([A-Z0-9_]+)=/g)) outputs.push(m[1] ?? "");
  }
  return outputs;
}

describe.each(PROJECTS)("$file", ({ file, env }) => {
  const project = load(file);
  const envFile = parseDotenv(readText(join(ROOT, "env", `.env.${env}`)));

  it("is a Teams Toolkit v1.7 project whose provision stage has every action the app needs", () => {
    expect(project.version).toBe("v1.7");
    const uses = project.provision.map((a) => a.uses);
    for (const action of REQUIRED_PROVISION) expect(uses).toContain(action);
  });

  it("uses only actions and parameters that the v1.7 project schema defines", () => {
    const problems: string[] = [];
    for (const action of [...project.provision, ...(project.deploy ?? []), ...(project.publish ?? [])]) {
      const spec = ACTION_PARAMETERS[action.uses];
      if (!spec) {
        problems.push(`unknown action ${action.uses}`);
        continue;
      }
      const given = Object.keys(action.with ?? {});
      for (const p of spec.required) if (!given.includes(p)) problems.push(`${action.uses} lacks ${p}`);
      for (const p of given) if (![...spec.required, ...(spec.optional ?? [])].includes(p)) problems.push(`${action.uses} has unknown ${p}`);
      const written = Object.keys(action.writeToEnvironmentFile ?? {});
      for (const w of spec.writes ?? []) if (!written.includes(w)) problems.push(`${action.uses} does not write ${w}`);
      for (const w of written) if (![...(spec.writes ?? []), ...(spec.mayWrite ?? [])].includes(w)) problems.push(`${action.uses} writes unknown ${w}`);
      for (const variable of Object.values(action.writeToEnvironmentFile ?? {})) if (!/^[A-Z][A-Z0-9_]*$/.test(variable)) problems.push(`${variable} is not a valid variable name`);
    }
    expect(problems).toEqual([]);
  });

  it("runs each action only after the actions that produce the variables it reads", () => {
    const available = new Set(["TEAMSFX_ENV", ...Object.keys(envFile).filter((k) => envFile[k] !== ""), ...USER_INPUTS]);
    const problems: string[] = [];
    for (const stage of ["provision", "deploy", "publish"] as const) {
      for (const action of project[stage] ?? []) {
        for (const input of inputsOf(action)) if (!available.has(input)) problems.push(`${stage} ${action.uses} reads ${input} before anything sets it`);
        for (const output of outputsOf(action)) available.add(output);
      }
    }
    expect(problems).toEqual([]);
  });

  it("validates, zips, validates the zip and only then updates the Teams app", () => {
    const uses = project.provision.map((a) => a.uses);
    const at = (name: string): number => uses.indexOf(name);
    expect(at("aadApp/create")).toBeLessThan(at("aadApp/update"));
    expect(at("botAadApp/create")).toBeLessThan(at("botFramework/create"));
    expect(at("teamsApp/validateManifest")).toBeLessThan(at("teamsApp/zipAppPackage"));
    expect(at("teamsApp/zipAppPackage")).toBeLessThan(at("teamsApp/validateAppPackage"));
    expect(at("teamsApp/validateAppPackage")).toBeLessThan(at("teamsApp/update"));
  });

  it("points Teams at the bot's /api/messages on the msteams channel", () => {
    const registration = z
      .object({ messagingEndpoint: z.string(), channels: z.array(z.object({ name: z.string() })) })
      .parse(project.provision.find((a) => a.uses === "botFramework/create")?.with);
    expect(registration.messagingEndpoint).toBe("${{BOT_ENDPOINT}}/api/messages");
    expect(registration.channels.map((c) => c.name)).toEqual(["msteams"]);
  });

  it("uses the project's manifests and builds the same zip path as npm run package", () => {
    for (const action of project.provision) {
      const paths = z.looseObject({ manifestPath: z.string().optional(), appPackagePath: z.string().optional() }).parse(action.with ?? {});
      if (paths.manifestPath) expect(existsSync(join(ROOT, paths.manifestPath))).toBe(true);
      if (paths.appPackagePath) expect(paths.appPackagePath).toBe("./appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip");
    }
    const update = project.provision.find((a) => a.uses === "aadApp/update");
    expect(update?.with?.manifestPath).toBe("./appPackage/aad.manifest.json");
  });

  it("creates the Entra app with the sign-in audience of aad.manifest.json", () => {
    const aad = z.object({ signInAudience: z.string() }).parse(readJson(join(ROOT, "appPackage", "aad.manifest.json")));
    expect(project.provision.find((a) => a.uses === "aadApp/create")?.with?.signInAudience).toBe(aad.signInAudience);
  });

  it("keeps secrets in SECRET_ variables or git-ignored .user files", () => {
    for (const action of [...project.provision, ...(project.deploy ?? [])]) {
      for (const [key, variable] of Object.entries(action.writeToEnvironmentFile ?? {})) {
        if (/secret|password/i.test(key)) expect(variable).toMatch(/^SECRET_/);
      }
      if (action.uses === "file/createOrUpdateEnvironmentFile" && JSON.stringify(action.with).includes("${{SECRET_")) {
        expect(action.with?.target).toMatch(/^\.\/env\/\.env\.[a-z]+\.user$/);
      }
    }
    expect(readText(join(ROOT, ".gitignore"))).toMatch(/^env\/\.env\.\*\.user$/m);
  });
});

describe("env templates", () => {
  it.each(["local", "dev"])("env/.env.%s declares every variable the manifests use and holds no secret", (env) => {
    const vars = parseDotenv(readText(join(ROOT, "env", `.env.${env}`)));
    expect(vars.TEAMSFX_ENV).toBe(env);
    const used = ["manifest.json", "sv.json", "ja.json", "tr.json", "aad.manifest.json"].flatMap((f) => placeholderNames(readText(join(ROOT, "appPackage", f))));
    for (const name of used) expect(Object.keys(vars)).toContain(name);
    for (const [name, value] of Object.entries(vars)) {
      if (/SECRET|PASSWORD|KEY/.test(name)) expect(`${name}=${value}`).toBe(`${name}=`);
    }
  });
});
