import { en, type StringKey, type Strings } from "./en";
import { ja } from "./ja";
import { sv } from "./sv";
import { tr } from "./tr";

export type Language = "en" | "sv" | "ja" | "tr";
export const LANGUAGES: Record<Language, Strings> = { en, sv, ja, tr };

/** "sv-SE" → "sv"; anything we do not speak → "en". Teams sends the client's locale on each activity. */
export function languageOf(locale: string | undefined): Language {
  const base = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return base in LANGUAGES ? (base as Language) : "en";
}

export type Translate = (key: StringKey, values?: Record<string, string>) => string;

export function translator(locale: string | undefined): Translate {
  const strings = LANGUAGES[languageOf(locale)];
  return (key, values) => {
    const text = strings[key];
    return values ? text.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m) : text;
  };
}
