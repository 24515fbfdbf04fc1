import { parseArgs } from "node:util";
import { z } from "zod";

export interface BenchArgs {
  /** Only benchmarks whose name contains this text. */
  filter: string | undefined;
  samples: number;
  warmup: number | undefined;
  /**
   * Where the sandbox emulators of the scheduling benchmarks run: their own child process (the
   * default, like the remote services) or this one (`in-process`, the old arrangement).
   */
  sandbox: "child-process" | "in-process";
  /**
   * Where the benchmarked bots run: in the bench process with the client and the connector (the
   * default, the stricter arrangement) or each in a process of its own (`own-process`, like a
   * deployed bot; the notes then add each bot's CPU per turn).
   */
  bots: "own-process" | "in-process";
}

export const DEFAULT_SAMPLES = 1000;

/** Bad command-line input: reported as one line, without a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

const Count = (name: string, min: number) =>
  z.coerce.number({ error: `--${name} must be a number` }).int(`--${name} must be a whole number`).min(min, `--${name} must be at least ${min}`);

const Args = z.object({
  filter: z.string().min(1, "--filter needs a benchmark name").optional(),
  samples: Count("samples", 1).default(DEFAULT_SAMPLES),
  warmup: Count("warmup", 0).optional(),
  sandbox: z.enum(["child-process", "in-process"], { error: "--sandbox must be child-process or in-process" }).default("child-process"),
  bots: z.enum(["own-process", "in-process"], { error: "--bots must be own-process or in-process" }).default("in-process"),
});

/** `--filter <name>`, `--samples N`, `--warmup N`, `--sandbox child-process|in-process`, `--bots own-process|in-process`; throws with a one-line message on bad input. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { filter: { type: "string" }, samples: { type: "string" }, warmup: { type: "string" }, sandbox: { type: "string" }, bots: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "invalid arguments");
  return { filter: parsed.data.filter, samples: parsed.data.samples, warmup: parsed.data.warmup, sandbox: parsed.data.sandbox, bots: parsed.data.bots };
}
