import type { Ratio, Summary } from "./stats";

/**
 * The contract every `bench/*.bench.ts` module fulfils: export a `Benchmark` (as `default` or
 * as `benchmark`). The runner calls `setup` once, then alternates `subject` and `baseline`
 * (warm-up first, then the measured samples), then `teardown` — even when a sample fails.
 */
export interface Benchmark<Context = unknown> {
  /** Short, unique, kebab-case: what `--filter` matches and the table's first column shows. */
  name: string;
  /** What one subject sample does, in a few words (printed under the table). */
  subjectLabel: string;
  /** What one baseline sample does, in a few words. */
  baselineLabel: string;
  setup(): Promise<Context>;
  /**
   * One measured operation of our code. The runner reads the clock right before the call;
   * the sample ends when the returned promise settles, or — when it resolves to a bigint —
   * at that `process.hrtime.bigint()` value, so an operation can stop the clock at the event
   * it measures and still finish its housekeeping untimed.
   */
  subject(context: Context): Promise<bigint | void>;
  /** The same operation done by the bare baseline; same timing rules as `subject`. */
  baseline(context: Context): Promise<bigint | void>;
  teardown(context: Context): Promise<void>;
  /**
   * For a sample that is one long run over many items, and not the same number on both sides
   * (10 000 users against a 500-user baseline): each sample is divided by its side's count, so
   * the table, the ratio and the JSON summaries are per item, and the legend adds items/second.
   * Raw samples in the JSON stay whole-run durations.
   */
  perUnit?: { unit: string; subject: number; baseline: number };
  /** A sample this long caps the samples per side, whatever --samples says (`npm run bench` asks 1000). */
  maxSamples?: number;
  /** Warm-up rounds per side unless --warmup is given (default: from the sample count). */
  warmup?: number;
  /**
   * Lines printed under the table and kept in the JSON: what the benchmark counted while it ran
   * (requests per item…). Called after the measured samples, before teardown, with the same
   * summaries and ratio the table shows (so a note can say whether a target was met). May be
   * async, to read counters kept elsewhere (another process).
   */
  notes?(context: Context, measured: MeasuredSummary): string[] | Promise<string[]>;
}

/** The measured samples' summaries and ratio, as the table shows them (per item with `perUnit`). */
export interface MeasuredSummary {
  subject: Summary;
  baseline: Summary;
  ratio: Ratio;
}

/** Erases the context type so modules with different contexts fit in one list. */
export function defineBenchmark<Context>(benchmark: Benchmark<Context>): Benchmark<unknown> {
  return benchmark as unknown as Benchmark<unknown>;
}
