import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { ensureSandboxTls } from "../sandbox/common/tls";
import { UsageError, parseBenchArgs } from "./harness/args";
import { SANDBOX_PLACEMENT_ENV } from "./support/bench-sandbox";
import { BOT_PLACEMENT_ENV } from "./support/bot-process";
import { discoverBenchmarks } from "./harness/discover";
import { buildReport, writeReport } from "./harness/report";
import type { Benchmark } from "./harness/benchmark";
import { DEFAULT_WARMUP, runBenchmark, runOptionsFor, type BenchmarkResult } from "./harness/runner";
import { formatDuration, formatRatio, formatTable } from "./harness/table";

/**
 * `npm run bench` (or `npx tsx bench/run.ts`): runs every benchmark in bench/ one after the
 * other, prints one table on stdout and writes bench/results/latest.json. Progress goes to
 * stderr so stdout is only the table. Options: --filter <name>, --samples N, --warmup N,
 * --sandbox child-process|in-process, --bots own-process|in-process.
 */
// Set for a child of this script: run only the benchmark of this exact name, write its result there.
const ONLY_ENV = "BENCH_ONLY";
const RESULT_FILE_ENV = "BENCH_RESULT_FILE";

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  // Read by the scheduling benchmarks' setup (support/bench-sandbox.ts, support/bot-process.ts).
  process.env[SANDBOX_PLACEMENT_ENV] = args.sandbox;
  process.env[BOT_PLACEMENT_ENV] = args.bots;
  const all = discoverBenchmarks(__dirname);
  const only = process.env[ONLY_ENV];
  const resultFile = process.env[RESULT_FILE_ENV];
  if (only !== undefined && resultFile !== undefined) {
    const benchmark = all.find((b) => b.name === only);
    if (!benchmark) throw new UsageError(`no benchmark is named ${only}`);
    writeFileSync(resultFile, JSON.stringify(await runOne(benchmark, args)));
    return;
  }
  const selected = args.filter ? all.filter((b) => b.name.includes(args.filter!)) : all;
  if (selected.length === 0) {
    throw new UsageError(`no benchmark matches --filter ${args.filter}; available: ${all.map((b) => b.name).join(", ") || "none"}`);
  }
  const results: BenchmarkResult[] = [];
  for (const benchmark of selected) {
    // One process per benchmark: what an earlier one left behind (heap, compiled code, open
    // servers' timers) must not tilt a later one's ratio, so a row reads the same in a full
    // run as with --filter.
    results.push(selected.length === 1 ? await runOne(benchmark, args) : runInChild(benchmark.name));
  }

  process.stdout.write(`\n${formatTable(results)}\n\n`);
  const options = { samples: args.samples, warmup: args.warmup ?? DEFAULT_WARMUP(args.samples) };
  const file = writeReport(buildReport(results, { ...options, filter: args.filter, sandbox: args.sandbox, bots: args.bots }), __dirname);
  process.stderr.write(`results written to ${relative(process.cwd(), file) || file}\n`);
}

async function runOne(benchmark: Benchmark, args: { samples: number; warmup: number | undefined }): Promise<BenchmarkResult> {
  // A benchmark whose sample is a long run caps the samples and picks its own warm-up.
  const options = runOptionsFor(benchmark, args);
  process.stderr.write(`${benchmark.name}: ${options.warmup} warm-up + ${options.samples} samples per side…\n`);
  const result = await runBenchmark(benchmark, options);
  const per = result.perUnit ? ` per ${result.perUnit.unit}` : "";
  process.stderr.write(`${benchmark.name}: median${per} ${formatDuration(result.subject.medianNs)} vs ${formatDuration(result.baseline.medianNs)} (${formatRatio(result.ratio.median)})\n`);
  return result;
}

/** This script again, for one benchmark, with the same options; its result comes back through a file. */
function runInChild(name: string): BenchmarkResult {
  const dir = mkdtempSync(join(tmpdir(), "bench-result-"));
  const file = join(dir, "result.json");
  try {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, [ONLY_ENV]: name, [RESULT_FILE_ENV]: file },
    });
    if (child.status !== 0) throw new Error(`benchmark ${name} failed (exit ${child.status ?? child.signal}); its output is above`);
    return JSON.parse(readFileSync(file, "utf8")) as BenchmarkResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Benchmarks against the sandbox speak HTTPS to emulators signed by the sandbox CA, which Node
 * trusts only through NODE_EXTRA_CA_CERTS, read at start-up. Without it this script starts
 * itself again with it set (as scripts/run-tests.ts does for jest) and returns that run's exit
 * code; TLS checks stay on. undefined: already trusted, run here.
 */
function relaunchTrustingSandboxCa(): number | undefined {
  const tls = ensureSandboxTls();
  const current = process.env.NODE_EXTRA_CA_CERTS;
  if (current !== undefined && resolve(current) === tls.caPath) return undefined;
  const script = process.argv[1];
  if (script === undefined) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath },
  });
  return child.status ?? 1;
}

const relaunched = relaunchTrustingSandboxCa();
if (relaunched !== undefined) process.exit(relaunched);

main().then(
  // Keep-alive sockets and timers of the benchmarked servers must not keep the process alive.
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nusage: npm run bench -- [--filter <name>] [--samples N] [--warmup N] [--sandbox child-process|in-process] [--bots own-process|in-process]\n`);
    } else {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  },
);
