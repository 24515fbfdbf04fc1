import type { Benchmark } from "./benchmark";
import { ratio, summarize, type Ratio, type Summary } from "./stats";

export interface RunOptions {
  /** Measured samples per side (subject and baseline each get this many). */
  samples: number;
  /** Unmeasured rounds per side first: JIT, connection pools and caches settle. */
  warmup: number;
}

export interface BenchmarkResult {
  name: string;
  subjectLabel: string;
  baselineLabel: string;
  subject: Summary;
  baseline: Summary;
  ratio: Ratio;
  /** Raw durations in nanoseconds, in the order they were taken (kept in the JSON report). */
  subjectSamplesNs: number[];
  baselineSamplesNs: number[];
  /** Set when the summaries and the ratio are per item (Benchmark.perUnit); raw samples stay whole runs. */
  perUnit?: { unit: string; subject: number; baseline: number };
  /** The benchmark's own lines (Benchmark.notes). */
  notes?: string[];
}

export const DEFAULT_WARMUP = (samples: number): number => Math.min(100, Math.max(10, Math.ceil(samples / 10)));

/** The command line's samples and warm-up for one benchmark, within what the benchmark allows. */
export function runOptionsFor(benchmark: Pick<Benchmark, "maxSamples" | "warmup">, args: { samples: number; warmup: number | undefined }): RunOptions {
  const samples = Math.max(1, Math.min(args.samples, benchmark.maxSamples ?? Number.POSITIVE_INFINITY));
  return { samples, warmup: args.warmup ?? benchmark.warmup ?? DEFAULT_WARMUP(samples) };
}

/**
 * Runs one benchmark: setup, warm-up, measured samples, teardown (always).
 *
 * Subject and baseline alternate in pairs whose order flips every round (A B, B A, A B …), so a
 * slow drift of the machine (another process, thermal throttling, a growing heap) lands on both
 * sides equally, and neither side always runs right after the other.
 */
export async function runBenchmark(benchmark: Benchmark, options: RunOptions): Promise<BenchmarkResult> {
  const context = await benchmark.setup();
  try {
    const subject = (): Promise<number> => timeOnce(() => benchmark.subject(context));
    const baseline = (): Promise<number> => timeOnce(() => benchmark.baseline(context));
    await interleave(subject, baseline, options.warmup);
    const measured = await interleave(subject, baseline, options.samples);
    const unit = benchmark.perUnit;
    if (unit && !(unit.subject > 0 && unit.baseline > 0)) throw new RangeError(`${benchmark.name}: perUnit counts must be positive`);
    const subjectSummary = summarize(unit ? measured.a.map((ns) => ns / unit.subject) : measured.a);
    const baselineSummary = summarize(unit ? measured.b.map((ns) => ns / unit.baseline) : measured.b);
    const ratios = ratio(subjectSummary, baselineSummary);
    const notes = await benchmark.notes?.(context, { subject: subjectSummary, baseline: baselineSummary, ratio: ratios });
    return {
      name: benchmark.name,
      subjectLabel: benchmark.subjectLabel,
      baselineLabel: benchmark.baselineLabel,
      subject: subjectSummary,
      baseline: baselineSummary,
      ratio: ratios,
      subjectSamplesNs: measured.a,
      baselineSamplesNs: measured.b,
      ...(unit ? { perUnit: { ...unit } } : {}),
      ...(notes ? { notes } : {}),
    };
  } finally {
    await benchmark.teardown(context);
  }
}

/** `rounds` samples of each side, alternating A B / B A. */
export async function interleave(a: () => Promise<number>, b: () => Promise<number>, rounds: number): Promise<{ a: number[]; b: number[] }> {
  const out = { a: [] as number[], b: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      out.a.push(await a());
      out.b.push(await b());
    } else {
      out.b.push(await b());
      out.a.push(await a());
    }
  }
  return out;
}

async function timeOnce(operation: () => Promise<bigint | void>): Promise<number> {
  const start = process.hrtime.bigint();
  const stoppedAt = await operation();
  const end = typeof stoppedAt === "bigint" ? stoppedAt : process.hrtime.bigint();
  if (end < start) throw new Error("an operation returned a stop time earlier than its start");
  return Number(end - start);
}
