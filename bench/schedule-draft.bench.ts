import { draftBenchmark } from "./support/draft-benchmark";

/** `schedule …` → draft card, as configured by default: the names from the in-memory directory copy. */
export default draftBenchmark({ name: "schedule-draft", lookups: "directory-copy" });
