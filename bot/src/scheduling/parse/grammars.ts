// Picks the grammar for a client locale. English is the fallback for any other language: the card
// is still shown in the user's language, only the request is read with English words.
import { englishGrammar } from "./lang/en";
import type { Grammar } from "./lang/grammar";
import { japaneseGrammar } from "./lang/ja";
import { swedishGrammar } from "./lang/sv";
import { turkishGrammar } from "./lang/tr";

export type GrammarLanguage = "en" | "sv" | "ja" | "tr";

export function grammarLanguage(locale: string): GrammarLanguage {
  const lang = locale.trim().slice(0, 2).toLowerCase();
  return lang === "sv" || lang === "ja" || lang === "tr" ? lang : "en";
}

export function grammarFor(locale: string): Grammar {
  switch (grammarLanguage(locale)) {
    case "sv":
      return swedishGrammar();
    case "ja":
      return japaneseGrammar();
    case "tr":
      return turkishGrammar();
    default:
      return englishGrammar(locale);
  }
}
