import { createConnectorEmulator } from "../sandbox/connector";
import { parseBenchArgs } from "./harness/args";
import { startBot } from "./support/bot-process";
import { teamsMessageFactory } from "./support/teams-message";
import { defineBenchmark } from "./harness/benchmark";
import { interleave, runBenchmark, runOptionsFor, type BenchmarkResult } from "./harness/runner";
import { median, percentile, ratio, summarize } from "./harness/stats";
import { formatDuration, formatRate, formatRatio, formatTable } from "./harness/table";

/** 1, 2, …, n in a shuffled order: the statistics must not depend on the order samples came in. */
function shuffledRange(n: number): number[] {
  // (i × 37 + 13) mod n visits every index once when n shares no factor with 37.
  const values = Array.from({ length: n }, (_, i) => ((i * 37 + 13) % n) + 1);
  expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  return values;
}

function result(overrides: Partial<BenchmarkResult> = {}): BenchmarkResult {
  const subject = summarize([2_000_000, 2_100_000, 2_400_000, 3_000_000]);
  const baseline = summarize([1_000_000, 1_000_000, 1_200_000, 1_500_000]);
  return {
    name: "bot-turn",
    subjectLabel: "our turn",
    baselineLabel: "bare turn",
    subject,
    baseline,
    ratio: ratio(subject, baseline),
    subjectSamplesNs: [],
    baselineSamplesNs: [],
    ...overrides,
  };
}

describe("the statistics in the benchmark table", () => {
  it("reports the median of 1…100 as 50.5 and its p95 as 95, whatever order the samples came in", () => {
    const samples = shuffledRange(100);
    expect(samples[0]).toBe(14); // not already sorted
    expect(median(samples)).toBe(50.5);
    expect(percentile(samples, 95)).toBe(95);
  });

  it("takes the middle sample as the median of an odd count and a p95 that was actually observed", () => {
    expect(median([7, 1, 3])).toBe(3);
    // Nearest rank: ceil(0.95 × 20) = 19th smallest, not an interpolated 19.05.
    expect(percentile(shuffledRange(20), 95)).toBe(19);
    expect(percentile([5], 95)).toBe(5);
  });

  it("lets one slow outlier move the p95 but not the median", () => {
    const samples = [...Array.from({ length: 99 }, () => 1_000_000), 50_000_000];
    const s = summarize(samples);
    expect(s.medianNs).toBe(1_000_000);
    expect(s.p95Ns).toBe(1_000_000);
    expect(s.maxNs).toBe(50_000_000);
    expect(summarize([...samples.slice(0, 90), ...Array.from({ length: 10 }, () => 9_000_000)]).p95Ns).toBe(9_000_000);
  });

  it("computes the ratio as subject over baseline, so 2.00 means the subject takes twice as long", () => {
    const r = ratio(summarize([4, 4, 4]), summarize([2, 2, 2]));
    expect(r).toEqual({ median: 2, p95: 2 });
    const faster = ratio(summarize([1, 1, 3]), summarize([2, 2, 4]));
    expect(faster.median).toBe(0.5);
    expect(faster.p95).toBe(0.75);
  });

  it("refuses to summarise an empty or non-numeric sample instead of printing a bogus number", () => {
    expect(() => summarize([])).toThrow(/no samples/);
    expect(() => median([1, Number.NaN])).toThrow(/finite/);
    expect(() => percentile([1, 2], 0)).toThrow(RangeError);
  });
});

describe("the printed table", () => {
  it("has one row per benchmark with n, median and p95 of both sides and both ratios", () => {
    const table = formatTable([result()]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^\| benchmark \| +n \| +median \| +p95 \| baseline median \| baseline p95 \| ratio median \| ratio p95 \|$/);
    const cells = lines[2]!.split("|").slice(1, -1).map((c) => c.trim());
    expect(cells).toEqual(["bot-turn", "4", "2.250 ms", "3.000 ms", "1.100 ms", "1.500 ms", "2.05x", "2.00x"]);
    expect(table).toContain("bot-turn: subject = our turn; baseline = bare turn");
  });

  it("aligns every row to the same width so the columns line up in a terminal", () => {
    const table = formatTable([result(), result({ name: "a-much-longer-benchmark-name" })]);
    const rows = table.split("\n").slice(0, 4);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    // Markdown alignment row: names left, numbers right.
    expect(rows[1]).toMatch(/^\|:-+\|(-+:\|){7}$/);
  });

  it("shows durations in a unit that keeps them readable, and n/a for a ratio without a baseline", () => {
    expect(formatDuration(850)).toBe("850 ns");
    expect(formatDuration(12_345)).toBe("12.3 µs");
    expect(formatDuration(1_234_567)).toBe("1.235 ms");
    expect(formatDuration(45_600_000)).toBe("45.60 ms");
    expect(formatDuration(2_500_000_000)).toBe("2.50 s");
    expect(formatRatio(1.234)).toBe("1.23x");
    expect(formatRatio(ratio(summarize([5]), summarize([0])).median)).toBe("n/a");
  });
});

describe("the runner", () => {
  it("alternates subject and baseline, flipping the order every round", async () => {
    const order: string[] = [];
    const side = (name: string) => async (): Promise<number> => {
      order.push(name);
      return order.length;
    };
    const samples = await interleave(side("A"), side("B"), 4);
    expect(order.join("")).toBe("ABBAABBA");
    expect(samples.a).toHaveLength(4);
    expect(samples.b).toHaveLength(4);
  });

  it("warms up, measures the asked number of samples per side, uses a stop time the operation reports, and always tears down", async () => {
    const calls = { setup: 0, subject: 0, baseline: 0, teardown: 0 };
    const result = await runBenchmark(
      {
        name: "fake",
        subjectLabel: "s",
        baselineLabel: "b",
        setup: async () => {
          calls.setup++;
          return "context";
        },
        subject: async (context) => {
          expect(context).toBe("context");
          calls.subject++;
          return undefined;
        },
        // Reports its own stop time, as bot-turn does when the reply arrives.
        baseline: async () => {
          calls.baseline++;
          return process.hrtime.bigint();
        },
        teardown: async () => {
          calls.teardown++;
        },
      },
      { samples: 6, warmup: 3 },
    );
    expect(calls).toEqual({ setup: 1, subject: 9, baseline: 9, teardown: 1 });
    expect(result.subject.n).toBe(6);
    expect(result.baselineSamplesNs).toHaveLength(6);
    expect(result.baselineSamplesNs.every((ns) => ns >= 0)).toBe(true);

    let tornDown = false;
    await expect(
      runBenchmark(
        {
          name: "broken",
          subjectLabel: "s",
          baselineLabel: "b",
          setup: async () => undefined,
          subject: async () => {
            throw new Error("turn failed");
          },
          baseline: async () => undefined,
          teardown: async () => {
            tornDown = true;
          },
        },
        { samples: 2, warmup: 0 },
      ),
    ).rejects.toThrow("turn failed");
    expect(tornDown).toBe(true);
  });
});

describe("benchmarks whose sample is one long run over many items", () => {
  it("reports times and the ratio per item when the two sides process different counts, keeping the raw runs", async () => {
    const order: string[] = [];
    const result = await runBenchmark(
      defineBenchmark<{ seen: number }>({
        name: "per-item",
        subjectLabel: "s",
        baselineLabel: "b",
        perUnit: { unit: "user", subject: 1000, baseline: 50 },
        setup: async () => ({ seen: 0 }),
        // A 10 ms run over 1000 users against a 2 ms run over 50: 10 µs against 40 µs per user.
        subject: async () => process.hrtime.bigint() + 10_000_000n,
        baseline: async () => process.hrtime.bigint() + 2_000_000n,
        notes: (context) => {
          order.push("notes");
          return [`seen ${context.seen}`];
        },
        teardown: async () => {
          order.push("teardown");
        },
      }),
      { samples: 3, warmup: 0 },
    );
    expect(result.perUnit).toEqual({ unit: "user", subject: 1000, baseline: 50 });
    expect(result.subjectSamplesNs.every((ns) => ns >= 10_000_000)).toBe(true);
    expect(result.subject.medianNs).toBe(median(result.subjectSamplesNs) / 1000);
    expect(result.baseline.medianNs).toBe(median(result.baselineSamplesNs) / 50);
    expect(result.ratio.median).toBeGreaterThan(0.2);
    expect(result.ratio.median).toBeLessThan(0.3);
    expect(result.notes).toEqual(["seen 0"]);
    expect(order).toEqual(["notes", "teardown"]);
  });

  it("prints what a sample was, the throughput of each side and the benchmark's notes under the table", () => {
    const table = formatTable([result({ perUnit: { unit: "user", subject: 10_000, baseline: 500 }, notes: ["Graph 0.050 calls per user"] })]);
    expect(table).toContain("times are per user: a subject sample is 10000 users, a baseline sample 500");
    // Medians of 2.25 ms and 1.1 ms per user.
    expect(table).toContain("throughput (median): subject 444 users/s; baseline 909 users/s");
    expect(table).toContain("  Graph 0.050 calls per user");
    expect(formatRate(40_000_000)).toBe("25.0");
    expect(formatRate(0)).toBe("n/a");
  });

  it("caps the samples of a long benchmark and uses its own warm-up unless the command line sets one", () => {
    const long = { maxSamples: 5, warmup: 1 };
    expect(runOptionsFor(long, { samples: 1000, warmup: undefined })).toEqual({ samples: 5, warmup: 1 });
    expect(runOptionsFor(long, { samples: 3, warmup: 2 })).toEqual({ samples: 3, warmup: 2 });
    expect(runOptionsFor({}, { samples: 200, warmup: undefined })).toEqual({ samples: 200, warmup: 20 });
  });
});

describe("the command line", () => {
  it("reads --filter and --samples, and rejects a sample count that is not a positive whole number", () => {
    expect(parseBenchArgs(["--filter", "bot-turn", "--samples", "200"])).toEqual({ filter: "bot-turn", samples: 200, warmup: undefined, sandbox: "child-process", bots: "in-process" });
    expect(parseBenchArgs([]).samples).toBeGreaterThan(0);
    expect(() => parseBenchArgs(["--samples", "0"])).toThrow(/--samples must be at least 1/);
    expect(() => parseBenchArgs(["--samples", "many"])).toThrow(/--samples/);
    expect(() => parseBenchArgs(["--sample", "5"])).toThrow(/Unknown option/);
  });

  it("runs the emulators in a child process unless --sandbox in-process asks for the old arrangement, and rejects anything else", () => {
    expect(parseBenchArgs([]).sandbox).toBe("child-process");
    expect(parseBenchArgs(["--sandbox", "in-process"]).sandbox).toBe("in-process");
    expect(() => parseBenchArgs(["--sandbox", "remote"])).toThrow(/--sandbox must be child-process or in-process/);
  });

  it("runs the bots in the bench process unless --bots own-process gives each its own, and rejects anything else", () => {
    expect(parseBenchArgs([]).bots).toBe("in-process");
    expect(parseBenchArgs(["--bots", "own-process"]).bots).toBe("own-process");
    expect(() => parseBenchArgs(["--bots", "threads"])).toThrow(/--bots must be own-process or in-process/);
  });
});

describe("a benchmarked bot in a process of its own", () => {
  it("answers on its URL from another process, reports that process's CPU, and is gone after close", async () => {
    const connector = createConnectorEmulator();
    const server = await connector.start();
    const echo = await startBot("echo", {}, "own-process");
    try {
      expect(echo.placement).toBe("own-process");
      const activity = teamsMessageFactory(`http://127.0.0.1:${server.port}`)("hello from Teams");
      const replied = connector.waitFor((a) => a.replyToId === activity.id);
      const res = await fetch(`${echo.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
      expect(res.ok).toBe(true);
      const [reply] = await replied;
      expect((reply?.activity as { text?: string }).text).toBe("hello from Teams");
      const cpu = await echo.cpuMs();
      expect(cpu).toBeGreaterThan(0);
      expect(echo.directory).toBeUndefined();
    } finally {
      await echo.close();
      await server.close();
    }
    await expect(fetch(`${echo.url}/api/messages`, { method: "POST" })).rejects.toThrow();
  }, 30_000);
});
