import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configurationTable } from "../bot/src/config";

/** Regenerates the README's configuration table from bot/src/config.ts (the single source). */
const path = join(__dirname, "..", "README.md");
const readme = readFileSync(path, "utf8");
const updated = readme.replace(
  /<!-- config-table:start -->[\s\S]*<!-- config-table:end -->/,
  `<!-- config-table:start -->\n${configurationTable()}\n<!-- config-table:end -->`,
);
writeFileSync(path, updated);
