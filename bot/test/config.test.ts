import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, VARIABLES, loadConfig, parseConfig } from "../src/config";

const repoRoot = join(__dirname, "..", "..");

function errorFor(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a configuration error");
}

describe("configuration", () => {
  it("runs in sandbox mode on SQLite when no Microsoft credentials are configured", () => {
    const config = parseConfig({});
    expect(config.mode).toBe("sandbox");
    expect(config.port).toBe(3978);
    expect(config.storage).toEqual({ kind: "sqlite", sqlitePath: ".data/webex-scheduler.sqlite" });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u:p@db:5432/app" }).storage.kind).toBe("postgres");
  });

  it("names a malformed variable and shows a valid example", () => {
    const error = errorFor({ PORT: "abc" });
    expect(error.variable).toBe("PORT");
    expect(error.message).toMatch(/^Configuration error: PORT .*Example: PORT=3978$/);
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("names the missing variable when credentials are half configured", () => {
    const error = errorFor({ AAD_APP_CLIENT_ID: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", AAD_APP_CERT_PATH: "/x.pem", TOKEN_ENCRYPTION_KEY: "k1:q83vEjRWeJqrze8SNFZ4mqvN7xI0VniaXcJ/qPbk8Zo=", PUBLIC_BASE_URL: "https://x.example" });
    expect(error.variable).toBe("AAD_APP_CERT_KEY_PATH");
    expect(error.message).toContain("Example: AAD_APP_CERT_KEY_PATH=");
  });

  it("requires a token encryption key outside sandbox mode", () => {
    const error = errorFor({ AAD_APP_CLIENT_ID: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", AAD_APP_CLIENT_SECRET: "s", PUBLIC_BASE_URL: "https://x.example" });
    expect(error.variable).toBe("TOKEN_ENCRYPTION_KEY");
  });

  it("picks tenant mode with a certificate and individual mode with only a secret", () => {
    const common = { AAD_APP_CLIENT_ID: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", TOKEN_ENCRYPTION_KEY: "k1:q83vEjRWeJqrze8SNFZ4mqvN7xI0VniaXcJ/qPbk8Zo=", PUBLIC_BASE_URL: "https://x.example" };
    expect(parseConfig({ ...common, AAD_APP_CERT_PATH: "/c.pem", AAD_APP_CERT_KEY_PATH: "/k.pem" }).mode).toBe("tenant");
    expect(parseConfig({ ...common, AAD_APP_CLIENT_SECRET: "s" }).mode).toBe("individual");
  });

  it("never echoes a secret's value in the error", () => {
    const error = errorFor({ TOKEN_ENCRYPTION_KEY: "super-secret-value" });
    expect(error.variable).toBe("TOKEN_ENCRYPTION_KEY");
    expect(error.message).not.toContain("super-secret-value");
  });

  it("refuses plain-http service URLs (tokens must not travel in clear text)", () => {
    expect(errorFor({ GRAPH_BASE_URL: "http://graph.example" }).variable).toBe("GRAPH_BASE_URL");
  });

  it("reads env/.env.<APP_ENV> and its .user twin, with the process environment winning", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    mkdirSync(join(dir, "env"));
    writeFileSync(join(dir, "env", ".env.demo"), "PORT=4000\nLOG_LEVEL=debug\n");
    writeFileSync(join(dir, "env", ".env.demo.user"), "LOG_LEVEL=warn\n");
    const config = loadConfig({ APP_ENV: "demo", PORT: "4100" }, { envDir: join(dir, "env") });
    expect(config.port).toBe(4100);
    expect(config.logLevel).toBe("warn");
  });

  it("stops the real process at start-up with one line naming the variable", () => {
    const result = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), join(repoRoot, "bot", "src", "index.ts")], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", APP_ENV: "sandbox", PORT: "not-a-port" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("PORT");
    expect(lines[0]).toContain("Example: PORT=3978");
  });

  it("documents every variable in the README's configuration table", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    for (const variable of VARIABLES) expect(readme).toContain(`\`${variable.name}\``);
  });
});
