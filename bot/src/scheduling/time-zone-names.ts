/**
 * A time zone as people type it on the card: an IANA name in any case ("europe/stockholm"), or a
 * city ("Tokyo", "new york", "São Paulo") when exactly one zone is named after it; "UTC"/"GMT"
 * as UTC. Pure (Intl only).
 */
import { isValidTimeZone } from "./time";

interface ZoneIndex {
  /** Lower-cased IANA name → the name. */
  exact: Map<string, string>;
  /** Folded city → the zones named after it. */
  byCity: Map<string, string[]>;
}

let built: ZoneIndex | undefined;

/** Intl's zone list, read once when a zone is first typed. */
function zoneIndex(): ZoneIndex {
  if (!built) {
    built = { exact: new Map(), byCity: new Map() };
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      built.exact.set(zone.toLowerCase(), zone);
      const city = fold(zone.slice(zone.lastIndexOf("/") + 1));
      const zones = built.byCity.get(city);
      if (zones) zones.push(zone);
      else built.byCity.set(city, [zone]);
    }
  }
  return built;
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
  const { exact, byCity } = zoneIndex();
  const known = exact.get(typed.toLowerCase());
  if (known) return known;
  // An alias Intl still knows ("US/Pacific" → America/Los_Angeles), as its canonical name.
  if (typed.includes("/") && isValidTimeZone(typed)) return new Intl.DateTimeFormat("en", { timeZone: typed }).resolvedOptions().timeZone;
  const named = byCity.get(fold(typed));
  if (named) return named.length === 1 ? named[0] : undefined;
  // A city Intl lists under an older name ("Kolkata" is listed as Asia/Calcutta) but still knows,
  // spelt as the region's zone is ("Asia/Kolkata"). A name with a slash was handled above.
  if (typed.includes("/")) return undefined;
  const city = typed.split(/[\s_]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("_");
  const inRegion = REGIONS.map((region) => `${region}/${city}`).filter((zone) => isValidTimeZone(zone));
  return inRegion.length === 1 ? inRegion[0] : undefined;
}

const REGIONS = ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"];
