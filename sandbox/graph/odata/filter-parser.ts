/**
 * A parser for the subset of OData `$filter` that Graph's directory and Outlook endpoints
 * accept: comparisons, `and`/`or`/`not`, parentheses, `in (…)`, the string functions
 * `startswith`/`endswith`/`contains`, and lambdas `path/any(x: …)` / `path/all(x: …)`.
 * What each resource then *allows* is checked by the resource (see filter-eval.ts).
 */

export type Literal = string | number | boolean | null;

export type Operand =
  | { kind: "prop"; path: string[] }
  | { kind: "lit"; value: Literal; raw: string };

export type CmpOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export type FilterExpr =
  | { kind: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { kind: "not"; expr: FilterExpr }
  | { kind: "cmp"; op: CmpOp; left: Operand; right: Operand }
  | { kind: "in"; left: Operand; values: Operand[] }
  | { kind: "call"; name: string; args: Operand[] }
  | { kind: "lambda"; op: "any" | "all"; path: string[]; variable: string; predicate: FilterExpr }
  | { kind: "bool"; operand: Operand };

export class FilterSyntaxError extends Error {}

type Token =
  | { t: "str"; v: string; raw: string }
  | { t: "num"; v: number; raw: string }
  | { t: "date"; v: string }
  | { t: "ident"; v: string }
  | { t: "(" | ")" | "," | ":" };

const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "(" || c === ")" || c === "," || c === ":") { out.push({ t: c }); i++; continue; }
    if (c === "'") {
      let v = "";
      let j = i + 1;
      for (;;) {
        if (j >= input.length) throw new FilterSyntaxError(`Unterminated string literal at position ${i}.`);
        if (input[j] === "'") {
          if (input[j + 1] === "'") { v += "'"; j += 2; continue; }
          break;
        }
        v += input[j];
        j++;
      }
      out.push({ t: "str", v, raw: input.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    const rest = input.slice(i);
    const date = DATE_LITERAL.exec(rest);
    if (date && date[0].length > 4) { out.push({ t: "date", v: date[0] }); i += date[0].length; continue; }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) { out.push({ t: "num", v: Number(num[0]), raw: num[0] }); i += num[0].length; continue; }
    const ident = /^[A-Za-z_$@][A-Za-z0-9_.$@/]*/.exec(rest);
    if (ident) { out.push({ t: "ident", v: ident[0] }); i += ident[0].length; continue; }
    throw new FilterSyntaxError(`Syntax error: character '${c}' is not valid at position ${i} in '${input}'.`);
  }
  return out;
}

const CMP = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

export function parseFilter(input: string): FilterExpr {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (tok: Token | undefined, w: string): boolean => tok?.t === "ident" && tok.v.toLowerCase() === w;
  const expect = (t: Token["t"]): Token => {
    const tok = tokens[pos];
    if (!tok || tok.t !== t) throw new FilterSyntaxError(`Syntax error: expected '${t}' at token ${pos} in '${input}'.`);
    pos++;
    return tok;
  };

  function parseOr(): FilterExpr {
    let left = parseAnd();
    while (isWord(peek(), "or")) { pos++; left = { kind: "or", left, right: parseAnd() }; }
    return left;
  }
  function parseAnd(): FilterExpr {
    let left = parseUnary();
    while (isWord(peek(), "and")) { pos++; left = { kind: "and", left, right: parseUnary() }; }
    return left;
  }
  function parseUnary(): FilterExpr {
    if (isWord(peek(), "not")) { pos++; return { kind: "not", expr: parseUnary() }; }
    if (peek()?.t === "(") {
      pos++;
      const inner = parseOr();
      expect(")");
      return inner;
    }
    return parseComparison();
  }
  function parseComparison(): FilterExpr {
    const head = parseTerm();
    if (head.kind === "call" || head.kind === "lambda") {
      // A boolean function may still be compared: startswith(x,'a') eq true.
      const next = peek();
      if (next?.t === "ident" && CMP.has(next.v.toLowerCase())) {
        pos++;
        const right = parseOperand();
        if (right.kind === "lit" && typeof right.value === "boolean") {
          const positive = (next.v.toLowerCase() === "eq") === right.value;
          return positive ? head : { kind: "not", expr: head };
        }
        throw new FilterSyntaxError("A function can only be compared with true or false.");
      }
      return head;
    }
    const next = peek();
    if (next?.t === "ident" && CMP.has(next.v.toLowerCase())) {
      pos++;
      return { kind: "cmp", op: next.v.toLowerCase() as CmpOp, left: head.operand, right: parseOperand() };
    }
    if (isWord(next, "in")) {
      pos++;
      expect("(");
      const values: Operand[] = [parseOperand()];
      while (peek()?.t === ",") { pos++; values.push(parseOperand()); }
      expect(")");
      return { kind: "in", left: head.operand, values };
    }
    return { kind: "bool", operand: head.operand };
  }
  /** A path, literal, function call or lambda. */
  function parseTerm(): { kind: "operand"; operand: Operand } | Extract<FilterExpr, { kind: "call" | "lambda" }> {
    const tok = peek();
    if (tok?.t === "ident" && tokens[pos + 1]?.t === "(") {
      const lambda = /^(.*)\/(any|all)$/i.exec(tok.v);
      pos += 2;
      if (lambda) {
        const variable = expect("ident") as { t: "ident"; v: string };
        expect(":");
        const predicate = parseOr();
        expect(")");
        return { kind: "lambda", op: lambda[2]!.toLowerCase() as "any" | "all", path: lambda[1]!.split("/"), variable: variable.v, predicate };
      }
      const args: Operand[] = [];
      if (peek()?.t !== ")") {
        args.push(parseOperand());
        while (peek()?.t === ",") { pos++; args.push(parseOperand()); }
      }
      expect(")");
      return { kind: "call", name: tok.v.toLowerCase(), args };
    }
    return { kind: "operand", operand: parseOperand() };
  }
  function parseOperand(): Operand {
    const tok = tokens[pos++];
    if (!tok) throw new FilterSyntaxError(`Syntax error: unexpected end of '${input}'.`);
    switch (tok.t) {
      case "str": return { kind: "lit", value: tok.v, raw: tok.raw };
      case "num": return { kind: "lit", value: tok.v, raw: tok.raw };
      case "date": return { kind: "lit", value: tok.v, raw: tok.v };
      case "ident": {
        const w = tok.v.toLowerCase();
        if (w === "true" || w === "false") return { kind: "lit", value: w === "true", raw: w };
        if (w === "null") return { kind: "lit", value: null, raw: w };
        if (CMP.has(w) || w === "and" || w === "or" || w === "not") throw new FilterSyntaxError(`Syntax error at '${tok.v}' in '${input}'.`);
        return { kind: "prop", path: tok.v.split("/") };
      }
      default:
        throw new FilterSyntaxError(`Syntax error: unexpected '${tok.t}' in '${input}'.`);
    }
  }

  const expr = parseOr();
  if (pos !== tokens.length) throw new FilterSyntaxError(`Syntax error: unexpected token at position ${pos} in '${input}'.`);
  return expr;
}

/** Calls `visit` on every node, lambdas' predicates included (with the lambda variables in scope). */
export function walkFilter(expr: FilterExpr, visit: (node: FilterExpr, variables: string[]) => void, variables: string[] = []): void {
  visit(expr, variables);
  switch (expr.kind) {
    case "and":
    case "or":
      walkFilter(expr.left, visit, variables);
      walkFilter(expr.right, visit, variables);
      return;
    case "not":
      walkFilter(expr.expr, visit, variables);
      return;
    case "lambda":
      walkFilter(expr.predicate, visit, [...variables, expr.variable]);
      return;
    default:
      return;
  }
}
