import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { arch, cpus, platform } from "node:os";
import { dirname, join } from "node:path";
import type { BenchmarkResult, RunOptions } from "./runner";

export interface BenchReport {
  finishedAt: string;
  node: string;
  platform: string;
  cpu: string;
  cpuCount: number;
  /** `sandbox`, `bots`: where the scheduling benchmarks' emulators and bots ran (optional so older callers still fit). */
  options: RunOptions & { filter: string | undefined; sandbox?: string; bots?: string };
  results: BenchmarkResult[];
}

export function buildReport(results: BenchmarkResult[], options: BenchReport["options"]): BenchReport {
  const cpuList = cpus();
  return {
    finishedAt: new Date().toISOString(),
    node: process.version,
    platform: `${platform()}-${arch()}`,
    cpu: cpuList[0]?.model ?? "unknown",
    cpuCount: cpuList.length,
    options,
    results,
  };
}

/** bench/results/latest.json in the repository (found from here: bench/ under tsx, dist/bench/ after the build). */
export function writeReport(report: BenchReport, from: string): string {
  const file = join(repositoryRoot(from), "bench", "results", "latest.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
