// Runs the store contract against a real PostgreSQL. Every database the contract asks for is a
// fresh schema (test_<random>), dropped when the file finishes. No server is a failure, not a
// skip: CI must prove that the PostgreSQL store works.
import { randomBytes } from "node:crypto";
import { Pool } from "pg";
import { openStore } from "../../src/store/open-store";
import { redactDatabaseUrl } from "../../src/store/postgres/open-postgres";
import { StoreUnavailableError } from "../../src/store/errors";
import type { ContractTarget, TestDatabase } from "./harness";
import { describeStoreContract } from "./store.contract";

const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";
const schemas: string[] = [];
let admin: Pool | undefined;

beforeAll(async () => {
  const pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => undefined); // idle-client errors surface through the next query instead
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${redactDatabaseUrl(url)} (${reason}). ` +
        "The store's PostgreSQL tests need a server: .ci/run starts one; locally follow " +
        "bot/test/store/POSTGRES.md or point TEST_DATABASE_URL at a server.",
    );
  }
  admin = pool;
});

afterAll(async () => {
  if (admin === undefined) return;
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

function adminPool(): Pool {
  if (admin === undefined) throw new Error(`PostgreSQL is not reachable at ${redactDatabaseUrl(url)}`);
  return admin;
}

async function createSchemaDatabase(): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  await adminPool().query(`CREATE SCHEMA ${schema}`);
  schemas.push(schema);
  return {
    open: (now, options) => openStore({ databaseUrl: url, postgresSchema: schema, postgresPoolMax: 4, now, ...options }),
    async migrationIds() {
      const { rows } = await adminPool().query<{ id: number }>(`SELECT id FROM ${schema}.schema_migrations ORDER BY id`);
      return rows.map((r) => r.id);
    },
  };
}

const target: ContractTarget = { kind: "postgres", createDatabase: createSchemaDatabase };

describeStoreContract(target);

describe("PostgreSQL store connection", () => {
  test("an unreachable server is reported with its address and without the password", async () => {
    const failure = openStore({ databaseUrl: "postgres://scheduler:s3cret-pw@127.0.0.1:1/scheduler" });
    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toThrow("PostgreSQL is not reachable at postgres://scheduler:***@127.0.0.1:1/scheduler");
    await expect(failure).rejects.not.toThrow(/s3cret-pw/);
  });

  test("the tables are created in the configured schema", async () => {
    const database = await createSchemaDatabase();
    const store = await database.open(() => new Date());
    try {
      const schema = schemas[schemas.length - 1];
      const { rows } = await adminPool().query<{ table_schema: string }>(
        "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = 'jobs' AND table_schema = $1",
        [schema],
      );
      expect(rows).toEqual([{ table_schema: schema }]);
    } finally {
      await store.close();
    }
  });
});
