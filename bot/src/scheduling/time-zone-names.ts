/**
 * A time zone as people type it on the card: an IANA name in any case ("europe/stockholm"), or a
 * city ("Tokyo", "new york", "São Paulo") when exactly one zone is named after it; "UTC"/"GMT"
 * as UTC. Pure (Intl only).
 */
import { isValidTimeZone } from "./time";

let byCity: Map<string, string[]> | undefined;

function cities(): Map<string, string[]> {
  if (!byCity) {
    byCity = new Map();
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      const city = fold(zone.slice(zone.lastIndexOf("/") + 1));
      byCity.set(city, [...(byCity.get(city) ?? []), zone]);
    }
  }
  return byCity;
}

/** "São_Paulo", "sao paulo" and "SAO-PAULO" alike. */
function fold(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[\s_-]+/g, " ").trim();
}

/** The zone's IANA name, or undefined when the text names none (or more than one city). */
export function resolveTimeZoneName(text: string): string | undefined {
  const typed = text.trim();
  if (typed === "") return undefined;
  if (/^(?:utc|gmt|z)$/i.test(typed)) return "UTC";
  const exact = Intl.supportedValuesOf("timeZone").find((z) => z.toLowerCase() === typed.toLowerCase());
  if (exact) return exact;
  // An alias Intl still knows ("US/Pacific" → America/Los_Angeles), as its canonical name.
  if (typed.includes("/") && isValidTimeZone(typed)) return new Intl.DateTimeFormat("en", { timeZone: typed }).resolvedOptions().timeZone;
  const named = cities().get(fold(typed));
  if (named) return named.length === 1 ? named[0] : undefined;
  // A city Intl lists under an older name ("Kolkata" is listed as Asia/Calcutta) but still knows,
  // spelt as the region's zone is ("Asia/Kolkata"). A name with a slash was handled above.
  if (typed.includes("/")) return undefined;
  const city = typed.split(/[\s_]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("_");
  const known = REGIONS.map((region) => `${region}/${city}`).filter((zone) => isValidTimeZone(zone));
  return known.length === 1 ? known[0] : undefined;
}

const REGIONS = ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"];
