import type { FilterExpr, Literal, Operand } from "./filter-parser";

/**
 * Evaluates a parsed `$filter` against a plain object. Values that are `Date`s compare as
 * instants (a string literal on the other side is read as ISO 8601, UTC when it has no offset);
 * strings compare case-insensitively, as both the directory and Outlook do.
 */

interface Scope {
  root: unknown;
  vars: Record<string, unknown>;
}

export function getPath(value: unknown, path: string[]): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (cur === null || cur === undefined || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    const obj = cur as Record<string, unknown>;
    const key = seg in obj ? seg : Object.keys(obj).find((k) => k.toLowerCase() === seg.toLowerCase());
    cur = key === undefined ? undefined : obj[key];
  }
  return cur;
}

function resolve(op: Operand, scope: Scope): unknown {
  if (op.kind === "lit") return op.value;
  const [head, ...rest] = op.path;
  if (head !== undefined && Object.prototype.hasOwnProperty.call(scope.vars, head)) return getPath(scope.vars[head], rest);
  return getPath(scope.root, op.path);
}

/** Reads an ISO string as an instant; no offset means UTC (Graph's convention for dateTime strings). */
export function parseInstant(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s.trim());
  if (!m) return undefined;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  const zone = m[8];
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    t -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return Number.isNaN(t) ? undefined : t;
}

type Comparable = string | number | boolean | null | undefined;

function normalise(a: unknown, b: unknown): [Comparable, Comparable] {
  if (a instanceof Date || b instanceof Date) {
    const toMs = (v: unknown): Comparable => (v instanceof Date ? v.getTime() : typeof v === "string" ? parseInstant(v) : (v as Comparable));
    return [toMs(a), toMs(b)];
  }
  const lower = (v: unknown): Comparable => (typeof v === "string" ? v.toLowerCase() : (v as Comparable));
  return [lower(a), lower(b)];
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const [x, y] = normalise(a, b);
  if (op === "eq") return (x ?? null) === (y ?? null);
  if (op === "ne") return (x ?? null) !== (y ?? null);
  if (x === null || x === undefined || y === null || y === undefined) return false;
  switch (op) {
    case "gt": return x > y;
    case "ge": return x >= y;
    case "lt": return x < y;
    case "le": return x <= y;
    default: return false;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v.toLowerCase() : undefined;
}

function evalIn(expr: FilterExpr, scope: Scope): boolean {
  switch (expr.kind) {
    case "and": return evalIn(expr.left, scope) && evalIn(expr.right, scope);
    case "or": return evalIn(expr.left, scope) || evalIn(expr.right, scope);
    case "not": return !evalIn(expr.expr, scope);
    case "cmp": return compare(expr.op, resolve(expr.left, scope), resolve(expr.right, scope));
    case "in": {
      const left = resolve(expr.left, scope);
      return expr.values.some((v) => compare("eq", left, resolve(v, scope)));
    }
    case "bool": return resolve(expr.operand, scope) === true;
    case "call": {
      const [a, b] = expr.args.map((x) => str(resolve(x, scope)));
      if (a === undefined || b === undefined) return false;
      if (expr.name === "startswith") return a.startsWith(b);
      if (expr.name === "endswith") return a.endsWith(b);
      if (expr.name === "contains") return a.includes(b);
      return false;
    }
    case "lambda": {
      const head = expr.path[0];
      const collection =
        head !== undefined && Object.prototype.hasOwnProperty.call(scope.vars, head) ? getPath(scope.vars[head], expr.path.slice(1)) : getPath(scope.root, expr.path);
      const items = Array.isArray(collection) ? collection : [];
      const test = (item: unknown): boolean => evalIn(expr.predicate, { root: scope.root, vars: { ...scope.vars, [expr.variable]: item } });
      return expr.op === "any" ? items.some(test) : items.every(test);
    }
  }
}

export function matchesFilter(expr: FilterExpr, value: unknown): boolean {
  return evalIn(expr, { root: value, vars: {} });
}

export function literalValue(op: Operand): Literal | undefined {
  return op.kind === "lit" ? op.value : undefined;
}
