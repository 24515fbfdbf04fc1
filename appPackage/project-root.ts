import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The repository root, found by walking up from `start` to the first folder holding
 * appPackage/manifest.json. The scripts run both from source (appPackage/…) and compiled
 * (dist/appPackage/…), so a fixed `../..` would be wrong in one of the two.
 */
export function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "appPackage", "manifest.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no appPackage/manifest.json above ${start}`);
    dir = parent;
  }
}
