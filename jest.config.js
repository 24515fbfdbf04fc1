/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/bot", "<rootDir>/sandbox", "<rootDir>/appPackage", "<rootDir>/tab/test", "<rootDir>/bench"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testTimeout: 30000,
  maxWorkers: 2,
  // Node 20's built-in fetch keeps every test file's environment alive inside a jest worker
  // (nodejs/node#47936, jestjs/jest#14648), so a worker's heap grew to ~700 MB and tearing it down
  // at exit outlasted jest's 500 ms ("a worker process has failed to exit gracefully"). A worker
  // over this after a test file is replaced; the run takes about as long (84 s vs 80 s here) and stays bounded in memory.
  workerIdleMemoryLimit: "250MB",
};
