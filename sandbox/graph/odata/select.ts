import { GraphError } from "../errors";

/**
 * `$select`: validated against the properties the type has (an unknown name is a 400, as the
 * service answers), then applied keeping the type's own property order.
 */
export function parseSelect(raw: string | null, known: readonly string[], unknown: (name: string) => GraphError): string[] | undefined {
  if (raw === null) return undefined;
  const names = raw.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return undefined;
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  return names.map((n) => {
    const canonical = byLower.get(n.toLowerCase());
    if (!canonical) throw unknown(n);
    return canonical;
  });
}

/** Keeps `always` keys (ids, annotations) plus the selected ones. */
export function project<T extends Record<string, unknown>>(obj: T, selected: string[] | undefined, always: readonly string[] = ["id"]): Record<string, unknown> {
  if (!selected) return obj;
  const keep = new Set([...always, ...selected].map((s) => s.toLowerCase()));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (keep.has(k.toLowerCase())) out[k] = v;
  for (const name of selected) if (!(name in out)) out[name] = null;
  return out;
}

/** The `(a,b,c)` part of an `@odata.context` for a selection. */
export function contextSelection(selected: string[] | undefined): string {
  return selected ? `(${selected.join(",")})` : "";
}
