import { spawnSync } from "node:child_process";
import { ensureSandboxTls } from "../sandbox/common/tls";

/**
 * `npm test`: makes sure the sandbox CA exists, then runs jest with NODE_EXTRA_CA_CERTS pointing
 * at it. Node reads that variable only when a process starts, so it cannot be set from inside
 * jest; this wrapper is the one place that does it (TLS checks stay on everywhere).
 * Extra arguments go to jest: `npm test -- sandbox/graph`.
 */
const tls = ensureSandboxTls();
const jest = require.resolve("jest/bin/jest");
const result = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath },
});
process.exit(result.status ?? 1);
