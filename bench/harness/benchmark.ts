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
}

/** Erases the context type so modules with different contexts fit in one list. */
export function defineBenchmark<Context>(benchmark: Benchmark<Context>): Benchmark<unknown> {
  return benchmark as unknown as Benchmark<unknown>;
}
