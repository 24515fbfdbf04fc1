import { en, type StringKey, type Strings } from "./en";
import { ja } from "./ja";
import { sv } from "./sv";
import { tr } from "./tr";

export type { StringKey, Strings };

/** The languages the tab speaks (the same four as the bot). */
export const LANGUAGES = ["en", "sv", "ja", "tr"] as const;
export type Language = (typeof LANGUAGES)[number];

// `satisfies` keeps the map complete: adding a language to LANGUAGES without a
// dictionary (or the reverse) fails the type check.
const DICTIONARIES = { en, sv, ja, tr } satisfies Record<Language, Strings>;

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language for a Teams (BCP 47) locale: "sv-SE" → "sv", "ja" → "ja";
 * anything we don't speak, or no locale at all, → "en".
 */
export function pickLanguage(locale: string | undefined | null): Language {
  const primary = (locale ?? "").trim().split(/[-_]/)[0]?.toLowerCase() ?? "";
  return isLanguage(primary) ? primary : "en";
}

export function stringsFor(language: Language): Strings {
  return DICTIONARIES[language];
}

/** Fills {placeholders}; an unknown placeholder is left visible rather than dropped. */
export function format(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
