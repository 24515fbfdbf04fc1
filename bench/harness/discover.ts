import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Benchmark } from "./benchmark";

/**
 * Every `*.bench.ts` (under tsx) or `*.bench.js` (after `tsc`, in dist/bench) in `dir`, loaded
 * and checked. A module exports its benchmark as `default` or as `benchmark`.
 */
export function discoverBenchmarks(dir: string): Benchmark[] {
  const files = readdirSync(dir)
    .filter((f) => /\.bench\.(ts|js)$/.test(f) && !f.endsWith(".d.ts"))
    .sort();
  const benchmarks = files.map((file) => {
    // require: the build is CommonJS, and tsx hooks require for the .ts files.
    const mod = require(join(dir, file)) as { default?: unknown; benchmark?: unknown };
    const candidate = mod.default ?? mod.benchmark;
    if (!isBenchmark(candidate)) throw new Error(`${file} does not export a Benchmark (as default or \`benchmark\`)`);
    return candidate;
  });
  const seen = new Set<string>();
  for (const b of benchmarks) {
    if (seen.has(b.name)) throw new Error(`two benchmarks are named "${b.name}"`);
    seen.add(b.name);
  }
  return benchmarks;
}

function isBenchmark(value: unknown): value is Benchmark {
  const b = value as Partial<Record<keyof Benchmark, unknown>> | undefined;
  return (
    typeof b === "object" &&
    b !== null &&
    typeof b.name === "string" &&
    typeof b.subjectLabel === "string" &&
    typeof b.baselineLabel === "string" &&
    ["setup", "subject", "baseline", "teardown"].every((k) => typeof b[k as keyof Benchmark] === "function")
  );
}
