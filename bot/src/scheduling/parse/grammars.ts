// Picks the grammar for a client locale. English is the fallback for any other language: the card
// is still shown in the user's language, only the request is read with English words.
import { englishDateOrder, englishGrammar } from "./lang/en";
import type { Grammar } from "./lang/grammar";
import { japaneseGrammar } from "./lang/ja";
import { swedishGrammar } from "./lang/sv";
import { turkishGrammar } from "./lang/tr";

export type GrammarLanguage = "en" | "sv" | "ja" | "tr";

export function grammarLanguage(locale: string): GrammarLanguage {
  const lang = locale.trim().slice(0, 2).toLowerCase();
  return lang === "sv" || lang === "ja" || lang === "tr" ? lang : "en";
}

// A grammar is a few dozen Unicode regexes; building them per request cost more than the parse.
// Grammars hold no per-request state (MaskedText.scan never advances their own lastIndex).
const built = new Map<string, Grammar>();

export function grammarFor(locale: string): Grammar {
  const language = grammarLanguage(locale);
  // English reads month/day or day/month by region (englishGrammar), so its key keeps the locale's kind.
  const key = language === "en" ? `en:${englishDateOrder(locale)}` : language;
  let grammar = built.get(key);
  if (!grammar) {
    grammar = language === "sv" ? swedishGrammar() : language === "ja" ? japaneseGrammar() : language === "tr" ? turkishGrammar() : englishGrammar(locale);
    built.set(key, grammar);
  }
  return grammar;
}
