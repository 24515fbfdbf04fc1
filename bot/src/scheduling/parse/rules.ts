// Runs a grammar's rules over the text: what a rule reads is taken out of the text; what it
// recognises but cannot read becomes a problem (and is taken too, so it does not end up in the title).
import type { Rule } from "./lang/grammar";
import type { MaskedText } from "./masked-text";
import type { ParseProblem, ProblemField } from "./types";

export interface Found<T> {
  value: T;
  index: number;
  text: string;
}

export function collect<T>(text: MaskedText, rules: readonly Rule<T>[], problems: ParseProblem[], field: ProblemField): Found<T>[] {
  const found: Found<T>[] = [];
  for (const rule of rules) {
    text.scan(rule.pattern, (m) => {
      const value = rule.read(m);
      if (value === undefined) return false;
      if (value === null) problems.push({ field, text: m[0].trim() });
      else found.push({ value, index: m.index, text: m[0].trim() });
      return true;
    });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Every match of the patterns is a problem of its field, and is taken. */
export function flagLeftovers(text: MaskedText, leftovers: readonly { field: ProblemField; pattern: RegExp }[], problems: ParseProblem[]): void {
  for (const { field, pattern } of leftovers) {
    text.scan(pattern, (m) => {
      problems.push({ field, text: m[0].trim() });
      return true;
    });
  }
}
