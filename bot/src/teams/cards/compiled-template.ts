/**
 * A compiled renderer for our Adaptive Card JSON templates: the template is walked once, every
 * string classified (plain, `${path}`, interpolated) and every `$when` / `$data` parsed, so a
 * render only builds the output object. adaptivecards-templating re-walks the template and runs
 * each `${…}` through adaptive-expressions on every expand (0.1–1 ms per draft card, ~10× this).
 *
 * It reproduces what `new Template(t).expand({ $root: data })` (adaptivecards-templating 2.3.1 on
 * adaptive-expressions 4.x) produces for the subset of the language our templates use; the
 * differential test (bot/test/teams/compiled-template.test.ts) holds it to that. Anything outside
 * the subset throws a TemplateCompileError when the template is compiled, naming where it is and
 * the expression, instead of rendering a silently different card.
 *
 * Supported:
 * - `"${path}"` as a whole string: the value keeps its type (number, boolean, array, object);
 * - `${path}` inside a longer string: joined as text (the SDK's `toString()` of each value);
 * - `"$data": "${path}"`: repeat the element per array item (the item becomes the scope);
 * - `"$when"`: `${path}`, `${!path}`, `${path != ''}`, `${path == ''}`, `${count(path) <op> N}`.
 * A path is dotted identifiers (`errors.date`) read from the current scope.
 *
 * SDK behaviours reproduced on purpose (each is visible in a card):
 * - a missing value renders as the literal `${path}` (the SDK's null substitution); `null` stays `null`;
 * - property names match case-insensitively, the first key in the object's key order wins;
 * - inside an array, `null` items are dropped and array items are spliced in (one level);
 * - an element whose `$data` is an empty array, or whose `$when` is false, is dropped from an
 *   array, and becomes `null` where it is a property value; a `$data` bound to a non-array
 *   renders the element once with that value as scope;
 * - `$when` is true only for the boolean `true`; `count()` of anything but a string, array or
 *   object makes the comparison false; `${path != ''}` is true when the value is missing;
 * - `null` inside an interpolated string throws, as in the SDK.
 */

export type CompiledTemplate = (data: unknown) => unknown;

const SUPPORTED =
  "Supported: \"${path}\", ${path} inside text, \"$data\": \"${path}\", and \"$when\" with ${path}, ${!path}, ${path != ''}, ${path == ''}, ${count(path) == N} (also !=, >, >=, <, <=); a path is dotted names like errors.date";

export class TemplateCompileError extends Error {
  constructor(
    readonly templateName: string,
    readonly location: string,
    readonly expression: string,
    reason: string,
  ) {
    super(`${templateName}, at ${location}: ${reason}: ${JSON.stringify(expression)}. ${SUPPORTED}`);
    this.name = "TemplateCompileError";
  }
}

export interface CompileOptions {
  /** Named in compile errors, e.g. the template's file name. */
  name?: string;
}

/** A node of the template, compiled: renders itself in the given `$data` scope. */
type Render = (scope: unknown) => unknown;
type Condition = (scope: unknown) => boolean;

interface Path {
  /** As written between the braces, whitespace removed: what a missing value renders as. */
  text: string;
  segments: readonly Segment[];
}
interface Segment {
  name: string;
  lower: string;
}

// ASCII only: keeps the case-insensitive lookup below exact (see readProperty).
const PATH = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
// Blanks inside the braces are spaces and tabs only: what the templates use and the tests cover.
const WHOLE = new RegExp(String.raw`^\$\{[ \t]*(${PATH})[ \t]*\}$`);
const WHEN_PATH = new RegExp(String.raw`^\$\{[ \t]*(!?)[ \t]*(${PATH})[ \t]*\}$`);
const WHEN_EMPTY = new RegExp(String.raw`^\$\{[ \t]*(${PATH})[ \t]*(==|!=)[ \t]*''[ \t]*\}$`);
const WHEN_COUNT = new RegExp(String.raw`^\$\{[ \t]*count[ \t]*\([ \t]*(${PATH})[ \t]*\)[ \t]*(==|!=|>=|<=|>|<)[ \t]*(0|[1-9][0-9]{0,8})[ \t]*\}$`);
const EXPRESSION_IN_TEXT = new RegExp(String.raw`\$\{[ \t]*(${PATH})[ \t]*\}`, "g");
/** Words adaptive-expressions reads as constants, not as property names. */
const RESERVED_WORDS = new Set(["true", "false", "null", "undefined"]);
/** Keys the SDK drops from the output; we refuse them rather than drop them silently. */
const RESERVED_KEYS = new Set(["$root", "$index", "$host", "$_acTemplateVersion"]);

export function compileTemplate(template: unknown, options: CompileOptions = {}): CompiledTemplate {
  const compiler = new Compiler(options.name ?? "card template");
  const render = compiler.node(template, "(root)");
  return (data) => render(data);
}

class Compiler {
  constructor(private readonly name: string) {}

  private fail(location: string, expression: string, reason: string): never {
    throw new TemplateCompileError(this.name, location, expression, reason);
  }

  node(node: unknown, at: string): Render {
    if (typeof node === "string") return this.string(node, at);
    if (Array.isArray(node)) return this.array(node, at);
    if (typeof node === "object" && node !== null) return this.object(node as Record<string, unknown>, at);
    if (typeof node === "number" || typeof node === "boolean" || node === null) return () => node;
    return this.fail(at, String(node), `a ${typeof node} is not JSON`);
  }

  private path(text: string, at: string, expression: string): Path {
    const segments = text.split(".").map((name) => {
      if (RESERVED_WORDS.has(name)) this.fail(at, expression, `"${name}" is a constant, not a property name`);
      return { name, lower: name.toLowerCase() };
    });
    return { text, segments };
  }

  private string(value: string, at: string): Render {
    // The SDK only parses strings containing "${"; everything else is text, `$` and `{` included.
    if (!value.includes("${")) return () => value;
    const whole = WHOLE.exec(value);
    if (whole) {
      const path = this.path(whole[1]!, at, value);
      return (scope) => readWithSubstitution(scope, path);
    }
    return this.interpolation(value, at);
  }

  private interpolation(value: string, at: string): Render {
    // The SDK parses the string as a backtick template, where `\` and "`" change the text.
    if (/[`\\]/.test(value)) this.fail(at, value, "a backslash or backtick in text with ${…} is read as an escape by the SDK");
    const constants: string[] = [];
    const paths: Path[] = [];
    let last = 0;
    for (const match of value.matchAll(EXPRESSION_IN_TEXT)) {
      constants.push(value.slice(last, match.index));
      paths.push(this.path(match[1]!, at, value));
      last = match.index + match[0].length;
    }
    constants.push(value.slice(last));
    const stray = constants.find((text) => text.includes("${"));
    if (stray !== undefined) this.fail(at, value, "unsupported expression");
    return (scope) => {
      let text = constants[0]!;
      for (let i = 0; i < paths.length; i++) {
        const path = paths[i]!;
        const found = readProperty(scope, path);
        if (found === undefined) text += `\${${path.text}}`;
        else if (found === null) throw new TypeError(`${path.text} is null where the text ${JSON.stringify(value)} needs it (the templating SDK fails on this too)`);
        else text += (found as { toString(): string }).toString();
        text += constants[i + 1]!;
      }
      return text;
    };
  }

  private array(items: readonly unknown[], at: string): Render {
    const renders = items.map((item, i) => this.node(item, `${at}[${i}]`));
    return (scope) => {
      const out: unknown[] = [];
      for (const render of renders) {
        const value = render(scope);
        if (value === null) continue;
        if (Array.isArray(value)) for (const v of value) out.push(v);
        else out.push(value);
      }
      return out;
    };
  }

  private object(node: Record<string, unknown>, at: string): Render {
    const keys: string[] = [];
    const renders: Render[] = [];
    for (const [key, value] of Object.entries(node)) {
      const where = at === "(root)" ? key : `${at}.${key}`;
      if (RESERVED_KEYS.has(key)) this.fail(where, key, "reserved key (the SDK drops it from the card)");
      if (key === "$data" || key === "$when") continue;
      keys.push(key);
      renders.push(this.node(value, where));
    }
    const build = (scope: unknown): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const value = renders[i]!(scope);
        if (value !== undefined) out[keys[i]!] = value;
      }
      return out;
    };
    const when = Object.hasOwn(node, "$when") ? this.condition(node.$when, at === "(root)" ? "$when" : `${at}.$when`) : undefined;
    if (!Object.hasOwn(node, "$data")) return when ? (scope) => (when(scope) ? build(scope) : null) : build;

    const dataAt = at === "(root)" ? "$data" : `${at}.$data`;
    const source = node.$data;
    const match = typeof source === "string" ? WHOLE.exec(source) : null;
    if (!match) return this.fail(dataAt, typeof source === "string" ? source : JSON.stringify(source), "unsupported $data");
    const path = this.path(match[1]!, dataAt, source as string);
    return (outer) => {
      const value = readWithSubstitution(outer, path);
      const items = Array.isArray(value) ? value : [value];
      const out: Record<string, unknown>[] = [];
      // As in the SDK, an undefined item keeps the previous item's scope.
      let scope = outer;
      for (const item of items) {
        if (item !== undefined) scope = item;
        if (!when || when(scope)) out.push(build(scope));
      }
      return out.length === 0 ? null : out.length === 1 ? out[0] : out;
    };
  }

  private condition(source: unknown, at: string): Condition {
    if (typeof source !== "string") return this.fail(at, JSON.stringify(source), "unsupported $when");
    let m = WHEN_PATH.exec(source);
    if (m) {
      const path = this.path(m[2]!, at, source);
      // $when keeps only a boolean true; `!` reads null and missing as false, any other non-boolean as true.
      if (m[1] === "!") {
        return (scope) => {
          const v = readProperty(scope, path);
          return typeof v === "boolean" ? !v : v === null || v === undefined;
        };
      }
      return (scope) => readProperty(scope, path) === true;
    }
    m = WHEN_EMPTY.exec(source);
    if (m) {
      const path = this.path(m[1]!, at, source);
      // Missing and null differ from '' in adaptive-expressions, so `!= ''` is true for them.
      return m[2] === "==" ? (scope) => readProperty(scope, path) === "" : (scope) => readProperty(scope, path) !== "";
    }
    m = WHEN_COUNT.exec(source);
    if (m) {
      const path = this.path(m[1]!, at, source);
      const compare = COMPARE[m[2] as keyof typeof COMPARE];
      const n = Number(m[3]);
      return (scope) => {
        const count = countOf(readProperty(scope, path));
        // A count that fails (missing, null, number, boolean) makes every comparison false.
        return count !== undefined && compare(count, n);
      };
    }
    return this.fail(at, source, "unsupported $when");
  }
}

const COMPARE = {
  "==": (a: number, b: number) => a === b,
  "!=": (a: number, b: number) => a !== b,
  ">": (a: number, b: number) => a > b,
  ">=": (a: number, b: number) => a >= b,
  "<": (a: number, b: number) => a < b,
  "<=": (a: number, b: number) => a <= b,
} as const;

/** adaptive-expressions' count(): length of a string or array, size of a map, keys of an object. */
function countOf(value: unknown): number | undefined {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (value instanceof Map) return value.size;
  if (typeof value === "object" && value !== null) return Object.keys(value).length;
  return undefined;
}

/** A whole-string `${path}`: the value as is, or the literal `${path}` when it is missing. */
function readWithSubstitution(scope: unknown, path: Path): unknown {
  const value = readProperty(scope, path);
  return value === undefined ? `\${${path.text}}` : value;
}

function readProperty(scope: unknown, path: Path): unknown {
  let value = scope;
  for (const segment of path.segments) value = property(value, segment);
  return value;
}

/**
 * adaptive-expressions' property access: falsy values have no properties; a Map is read exactly,
 * then case-insensitively; anything else by the first own key equal ignoring case. Names are
 * ASCII, and no character outside ASCII lower-cases to ASCII without changing length except the
 * Kelvin sign (which keeps it), so keys of another length never match and are skipped unlowered.
 */
function property(instance: unknown, segment: Segment): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const exact: unknown = instance.get(segment.name);
    if (exact !== undefined) return exact;
    for (const key of instance.keys()) if ((key as string).toLowerCase() === segment.lower) return instance.get(key);
    return undefined;
  }
  const n = segment.name.length;
  const keys = Object.keys(instance);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.length === n && (key === segment.name || key.toLowerCase() === segment.lower)) return (instance as Record<string, unknown>)[key];
  }
  return undefined;
}
