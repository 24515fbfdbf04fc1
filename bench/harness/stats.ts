/**
 * Order statistics of a sample of durations (nanoseconds, as numbers: a turn is far below
 * 2^53 ns, and the arithmetic is simpler than with bigint).
 */

export interface Summary {
  n: number;
  medianNs: number;
  p95Ns: number;
  meanNs: number;
  minNs: number;
  maxNs: number;
}

export interface Ratio {
  /** subject median / baseline median: 1.00 = as fast as the bare baseline, 2.00 = twice as slow. */
  median: number;
  /** subject p95 / baseline p95. */
  p95: number;
}

/** Median: the middle value, or the mean of the two middle values when n is even. */
export function median(values: readonly number[]): number {
  const sorted = sortedCopy(values);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Percentile by the nearest-rank method: the smallest sample such that at least p % of the
 * samples are ≤ it. Always a value that was actually observed (no interpolation), so a p95 of
 * 4.1 ms means one real turn took 4.1 ms.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = sortedCopy(values);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = sortedCopy(values);
  return {
    n: sorted.length,
    medianNs: median(sorted),
    p95Ns: percentile(sorted, 95),
    meanNs: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    minNs: sorted[0]!,
    maxNs: sorted[sorted.length - 1]!,
  };
}

export function ratio(subject: Summary, baseline: Summary): Ratio {
  return { median: divide(subject.medianNs, baseline.medianNs), p95: divide(subject.p95Ns, baseline.p95Ns) };
}

function divide(a: number, b: number): number {
  // A zero baseline (a clock too coarse for the operation) has no meaningful ratio.
  return b > 0 ? a / b : Number.NaN;
}

function sortedCopy(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError("no samples");
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`sample is not a finite number: ${v}`);
  return [...values].sort((a, b) => a - b);
}
