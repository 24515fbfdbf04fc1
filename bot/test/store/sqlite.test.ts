import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openStore } from "../../src/store/open-store";
import type { ContractTarget, TestDatabase } from "./harness";
import { describeStoreContract } from "./store.contract";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "store-sqlite-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function sqliteDatabase(path: string): TestDatabase {
  return {
    open: (now, options) => openStore({ sqlitePath: path, now, ...options }),
    async migrationIds() {
      const raw = new Database(path, { readonly: true });
      try {
        return (raw.prepare("SELECT id FROM schema_migrations ORDER BY id").all() as { id: number }[]).map((r) => r.id);
      } finally {
        raw.close();
      }
    },
  };
}

const target: ContractTarget = {
  kind: "sqlite",
  createDatabase: async () => sqliteDatabase(join(dir, `${randomBytes(6).toString("hex")}.sqlite`)),
};

describeStoreContract(target);

describe("SQLite store file", () => {
  test("is created with its missing parent folders and uses write-ahead logging", async () => {
    const path = join(dir, "nested", "deeper", "webex-scheduler.sqlite");
    const store = await openStore({ sqlitePath: path });
    try {
      expect(store.kind).toBe("sqlite");
      await store.tenants.upsert({ tenantId: "t", mode: "tenant", adminConsentGrantedAt: null });
      expect(existsSync(path)).toBe(true);
      const raw = new Database(path, { readonly: true });
      try {
        expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
    }
  });
});
