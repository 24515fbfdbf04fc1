import type { BenchmarkResult } from "./runner";

/**
 * The one table `npm run bench` prints, as a Markdown table (aligned in a terminal and
 * pasteable into a pull request), followed by a legend naming each row's subject and baseline.
 */

const HEADERS = ["benchmark", "n", "median", "p95", "baseline median", "baseline p95", "ratio median", "ratio p95"] as const;

export function formatTable(results: readonly BenchmarkResult[]): string {
  const rows = results.map((r) => [
    r.name,
    String(r.subject.n),
    formatDuration(r.subject.medianNs),
    formatDuration(r.subject.p95Ns),
    formatDuration(r.baseline.medianNs),
    formatDuration(r.baseline.p95Ns),
    formatRatio(r.ratio.median),
    formatRatio(r.ratio.p95),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  // Names read left to right; numbers line up on their last digit.
  const cell = (text: string, i: number): string => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!));
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  const legend = results.flatMap((r) => [`${r.name}: subject = ${r.subjectLabel}; baseline = ${r.baselineLabel}`, ...perUnitLines(r), ...(r.notes ?? []).map((n) => `  ${n}`)]);
  return [line(HEADERS), rule, ...rows.map(line), "", "ratio = subject / baseline (1.00x = as fast as the bare baseline)", ...legend].join("\n");
}

/** For a per-item benchmark: what one sample was, and the median throughput of each side. */
function perUnitLines(r: BenchmarkResult): string[] {
  if (!r.perUnit) return [];
  const { unit, subject, baseline } = r.perUnit;
  return [
    `  times are per ${unit}: a subject sample is ${subject} ${unit}s, a baseline sample ${baseline}`,
    `  throughput (median): subject ${formatRate(r.subject.medianNs)} ${unit}s/s; baseline ${formatRate(r.baseline.medianNs)} ${unit}s/s`,
  ];
}

/** Items per second from nanoseconds per item, 3 significant digits: 12.3, 1234, 0.456. */
export function formatRate(nsPerItem: number): string {
  if (!(Number.isFinite(nsPerItem) && nsPerItem > 0)) return "n/a";
  const perSecond = 1e9 / nsPerItem;
  return perSecond >= 100 ? String(Math.round(perSecond)) : perSecond.toPrecision(3);
}

/** A duration with a unit chosen for 3–4 significant digits: 850 ns, 12.3 µs, 1.234 ms, 2.50 s. */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return "n/a";
  if (ns < 1e3) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 3 : ns < 1e8 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : "n/a";
}
