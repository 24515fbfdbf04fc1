import { draftBenchmark } from "./support/draft-benchmark";

/** `schedule …` → draft card with DIRECTORY_REFRESH_SECONDS=0: every turn searches Graph for the names (one $batch). */
export default draftBenchmark({ name: "schedule-draft-live", lookups: "graph-search" });
