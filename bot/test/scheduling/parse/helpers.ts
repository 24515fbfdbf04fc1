// Shared fixtures for the parser tests: a fixed "now" (Monday 2026-11-23, 08:00 UTC = 09:00 in
// Stockholm, 17:00 in Tokyo, 11:00 in Istanbul) and a parse() per language.
import { parseRequest, type ParsedRequest } from "../../../src/scheduling/parse";

export const NOW = new Date("2026-11-23T08:00:00Z");

export const ZONES = { en: "Europe/Stockholm", sv: "Europe/Stockholm", ja: "Asia/Tokyo", tr: "Europe/Istanbul" } as const;

export function parser(locale: string, timeZone: string, now: Date = NOW): (text: string) => ParsedRequest {
  return (text) => parseRequest(text, { locale, timeZone, now });
}
