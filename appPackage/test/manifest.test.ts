import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { z } from "zod";
import { drawColorIcon, drawOutlineIcon } from "../icons/draw-icons";
import { fillPlaceholders } from "../package";
import { APP_PACKAGE, describeErrors, plausibleVars, readJson, readText, teamsValidator } from "./helpers";

const manifestText = readText(join(APP_PACKAGE, "manifest.json"));

/** Only the fields these tests look at; the official schema checks the rest. */
const Manifest = z.object({
  manifestVersion: z.string(),
  localizationInfo: z.object({
    defaultLanguageTag: z.string(),
    additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })),
  }),
  icons: z.object({ color: z.string(), outline: z.string() }),
  bots: z.array(
    z.object({
      botId: z.string(),
      scopes: z.array(z.string()),
      supportsFiles: z.boolean(),
      isNotificationOnly: z.boolean(),
      commandLists: z.array(z.object({ scopes: z.array(z.string()), commands: z.array(z.object({ title: z.string(), description: z.string() })) })),
    }),
  ),
  staticTabs: z.array(z.object({ entityId: z.string(), name: z.string().optional(), contentUrl: z.string().optional(), scopes: z.array(z.string()) })),
  configurableTabs: z.array(z.object({ configurationUrl: z.string(), canUpdateConfiguration: z.boolean(), scopes: z.array(z.string()) })),
  validDomains: z.array(z.string()),
  webApplicationInfo: z.object({ id: z.string(), resource: z.string() }),
});
const manifest = Manifest.parse(JSON.parse(manifestText));
const languages = manifest.localizationInfo.additionalLanguages;
const bot = manifest.bots[0]!;

function filled(text: string): unknown {
  const result = fillPlaceholders(text, plausibleVars(text), { json: true });
  expect(result.missing).toEqual([]);
  expect(result.text).not.toMatch(/\$\{\{/);
  return JSON.parse(result.text);
}

describe("Teams app manifest", () => {
  it("is valid against the official schema of its manifestVersion once every placeholder is filled", () => {
    expect(manifest.manifestVersion).toBe("1.22");
    const validate = teamsValidator(manifest.manifestVersion, "MicrosoftTeams.schema.json");
    const ok = validate(filled(manifestText));
    expect(describeErrors(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it("offers the bot in personal chats, channels and group chats with every command in each", () => {
    expect(bot.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    const commands = ["schedule", "upcoming", "cancel", "connect", "disconnect", "whoami", "help"];
    expect(bot.commandLists.flatMap((l) => l.scopes).sort()).toEqual(["groupChat", "personal", "team"]);
    for (const list of bot.commandLists) expect(list.commands.map((c) => c.title)).toEqual(commands);
  });

  it("has a personal Schedule tab and a configurable tab for channels and group chats, served from the tab host", () => {
    const personal = manifest.staticTabs.find((t) => t.entityId === "schedule");
    expect(personal?.scopes).toEqual(["personal"]);
    expect(personal?.contentUrl).toBe("${{TAB_ENDPOINT}}/tab/index.html#/personal");
    const [configurable] = manifest.configurableTabs;
    expect(configurable?.configurationUrl).toBe("${{TAB_ENDPOINT}}/tab/index.html#/config");
    expect(configurable?.canUpdateConfiguration).toBe(true);
    expect(configurable?.scopes.sort()).toEqual(["groupChat", "team"]);
  });

  it("lists the host of every URL it points Teams to among its valid domains", () => {
    // "$schema" is for editors, not a place Teams loads.
    const { $schema: _schema, ...rest } = filled(manifestText) as Record<string, unknown>;
    const filledManifest = JSON.stringify(rest);
    const domains = (filled(JSON.stringify(manifest.validDomains)) as string[]).map((d) => d.toLowerCase());
    const hosts = [...filledManifest.matchAll(/"https:\/\/([^/"#?]+)/g)].map((m) => (m[1] ?? "").toLowerCase());
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) expect(domains).toContain(host);
    expect(manifest.validDomains).toEqual(expect.arrayContaining(["${{TAB_DOMAIN}}", "${{BOT_DOMAIN}}"]));
  });

  it("uses the Entra app of aad.manifest.json for tab SSO", () => {
    const aad = z.object({ appId: z.string(), identifierUris: z.array(z.string()) }).parse(readJson(join(APP_PACKAGE, "aad.manifest.json")));
    expect(manifest.webApplicationInfo.id).toBe("${{AAD_APP_CLIENT_ID}}");
    expect(manifest.webApplicationInfo.id).toBe(aad.appId);
    expect(aad.identifierUris).toContain(manifest.webApplicationInfo.resource);
    expect(manifest.webApplicationInfo.resource).toBe("api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}");
  });
});

describe("localization", () => {
  const tags = languages.map((l) => l.languageTag).sort();
  /** Every string of the manifest that Teams shows and a localization file may translate. */
  const translatable = [
    "name.short",
    "name.full",
    "description.short",
    "description.full",
    ...manifest.staticTabs.flatMap((t, i) => (t.name === undefined ? [] : [`staticTabs[${i}].name`])),
    ...bot.commandLists.flatMap((list, l) =>
      list.commands.flatMap((_, c) => [`bots[0].commandLists[${l}].commands[${c}].title`, `bots[0].commandLists[${l}].commands[${c}].description`]),
    ),
  ].sort();

  it("defaults to en-us and adds Swedish, Japanese and Turkish", () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe("en-us");
    expect(tags).toEqual(["ja-jp", "sv-se", "tr-tr"]);
    expect(languages.map((l) => l.file).sort()).toEqual(["ja.json", "sv.json", "tr.json"]);
  });

  it.each(languages.map((l) => [l.languageTag, l.file]))("%s (%s) is valid against the official localization schema", (_tag, file) => {
    const validate = teamsValidator(manifest.manifestVersion, "MicrosoftTeams.Localization.schema.json");
    const ok = validate(filled(readText(join(APP_PACKAGE, file))));
    expect(describeErrors(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(languages.map((l) => [l.languageTag, l.file]))("%s (%s) translates the name, descriptions, tab names and every command", (_tag, file) => {
    const strings = z.record(z.string(), z.string()).parse(readJson(join(APP_PACKAGE, file)));
    const keys = Object.keys(strings).filter((k) => k !== "$schema").sort();
    expect(keys).toEqual(translatable);
    const english = JSON.parse(manifestText) as { description: { short: string; full: string } };
    expect(strings["description.short"]).not.toBe(english.description.short);
    expect(strings["description.full"]).not.toBe(english.description.full);
    const titles = keys.filter((k) => k.endsWith(".title")).map((k) => strings[k]);
    expect(titles.filter((t) => bot.commandLists[0]!.commands.some((c) => c.title === t))).toEqual([]);
  });

  it("gives each command the same translated title in every scope, so the bot has one word per command and language", () => {
    for (const { file } of languages) {
      const strings = z.record(z.string(), z.string()).parse(readJson(join(APP_PACKAGE, file)));
      const perScope = bot.commandLists.map((list, l) => list.commands.map((_, c) => strings[`bots[0].commandLists[${l}].commands[${c}].title`]));
      for (const titles of perScope) expect(titles).toEqual(perScope[0]);
    }
  });
});

describe("icons", () => {
  const color = PNG.sync.read(readFileSync(join(APP_PACKAGE, manifest.icons.color)));
  const outline = PNG.sync.read(readFileSync(join(APP_PACKAGE, manifest.icons.outline)));

  it("are a 192×192 colour icon and a 32×32 outline icon", () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it("outline icon is white on a transparent background", () => {
    let visible = 0;
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) transparent++;
      else {
        visible++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(visible).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
  });

  it("colour icon is opaque in the middle and not a single flat colour", () => {
    const at = (x: number, y: number): number[] => [...color.data.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)];
    expect(at(96, 150)[3]).toBe(255);
    expect(new Set(Array.from({ length: 192 }, (_, x) => at(x, 120).join(","))).size).toBeGreaterThan(2);
  });

  it("are exactly what appPackage/icons/draw-icons.ts draws", () => {
    expect(Buffer.compare(color.data, drawColorIcon().data)).toBe(0);
    expect(Buffer.compare(outline.data, drawOutlineIcon().data)).toBe(0);
  });
});

describe("Entra app manifest (aad.manifest.json)", () => {
  /** SPEC.md, "Permissions — each one and why (the app requests exactly these)". */
  const SPEC_APPLICATION = ["Calendars.ReadWrite", "Contacts.Read", "Directory.Read.All", "Group.Read.All", "User.Read.All"];
  const SPEC_DELEGATED = ["Calendars.ReadWrite", "User.Read", "offline_access", "openid", "profile"];
  const GRAPH = "00000003-0000-0000-c000-000000000000";
  /** Microsoft Graph permission ids (https://learn.microsoft.com/graph/permissions-reference). */
  const ROLES: Record<string, string> = {
    "df021288-bdef-4463-88db-98f22de89214": "User.Read.All",
    "7ab1d382-f21e-4acd-a863-ba3e13f7da61": "Directory.Read.All",
    "ef54d2bf-783f-4e0f-bca1-3210c0444d99": "Calendars.ReadWrite",
    "089fe4d0-434a-44c5-8827-41ba8a0b17f5": "Contacts.Read",
    "5b567255-7703-4780-807c-7be8301ae99b": "Group.Read.All",
  };
  const SCOPES: Record<string, string> = {
    "37f7f235-527c-4136-accd-4a02d197296e": "openid",
    "14dad69e-099b-42c9-810b-d002981feec1": "profile",
    "7427e0e9-2fba-42fe-b0c0-848c9e6a8182": "offline_access",
    "e1fe6dd8-ba31-4d61-89e7-88639da4683d": "User.Read",
    "1ec239c2-d7c9-4623-a91a-a9775856bb36": "Calendars.ReadWrite",
  };
  const Aad = z.object({
    appId: z.string(),
    signInAudience: z.string(),
    requiredResourceAccess: z.array(z.object({ resourceAppId: z.string(), resourceAccess: z.array(z.object({ id: z.string(), type: z.enum(["Role", "Scope"]) })) })),
    oauth2Permissions: z.array(z.object({ id: z.string(), value: z.string(), type: z.string(), isEnabled: z.boolean() })),
    preAuthorizedApplications: z.array(z.object({ appId: z.string(), permissionIds: z.array(z.string()) })),
    identifierUris: z.array(z.string()),
    replyUrlsWithType: z.array(z.object({ url: z.string(), type: z.string() })),
  });
  const aad = Aad.parse(readJson(join(APP_PACKAGE, "aad.manifest.json")));

  it("asks Microsoft Graph for exactly SPEC.md's application and delegated permissions", () => {
    expect(aad.requiredResourceAccess.map((r) => r.resourceAppId)).toEqual([GRAPH]);
    const access = aad.requiredResourceAccess[0]!.resourceAccess;
    const roles = access.filter((a) => a.type === "Role").map((a) => ROLES[a.id] ?? `unknown role ${a.id}`);
    const scopes = access.filter((a) => a.type === "Scope").map((a) => SCOPES[a.id] ?? `unknown scope ${a.id}`);
    expect(roles.sort()).toEqual(SPEC_APPLICATION);
    expect(scopes.sort()).toEqual(SPEC_DELEGATED);
  });

  it("exposes access_as_user and pre-authorizes the Teams desktop/mobile and web clients for it", () => {
    const scope = aad.oauth2Permissions.find((p) => p.value === "access_as_user");
    expect(scope).toMatchObject({ type: "User", isEnabled: true });
    const teamsClients = ["1fec8e78-bce4-4aaf-ab1b-5451cc387264", "5e3ce6c0-2b1f-4285-8d4b-75ee78787346"];
    expect(aad.preAuthorizedApplications.map((p) => p.appId).sort()).toEqual(teamsClients.sort());
    for (const client of aad.preAuthorizedApplications) expect(client.permissionIds).toEqual([scope?.id]);
  });

  it("accepts redirects to the tab's sign-in end page and to the bot's Microsoft OAuth callback", () => {
    const urls = aad.replyUrlsWithType.map((r) => r.url);
    expect(urls).toContain("${{BOT_ENDPOINT}}/api/auth/microsoft/callback");
    expect(urls.some((u) => u.startsWith("${{TAB_ENDPOINT}}/") && u.includes("auth-end.html"))).toBe(true);
    expect(aad.identifierUris).toEqual(["api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}"]);
  });

  it("is multi-tenant, because individual mode signs users in through /common", () => {
    expect(aad.signInAudience).toBe("AzureADMultipleOrgs");
  });
});
