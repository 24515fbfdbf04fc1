import type Database from "better-sqlite3";
import { driveSync, type SqlExecutor, type SqlParam, type SqlResult, type Statement } from "../sql/executor";

interface Prepared {
  statement: Database.Statement;
  /** For each `?` in order, the index of the $n parameter it stands for. */
  order: number[];
}

// Distinct SQL texts are few (IN lists vary with their length), but bound the cache anyway.
const MAX_CACHED_STATEMENTS = 256;

/**
 * better-sqlite3 behind the async SqlExecutor. Every call is synchronous underneath, so a
 * transaction runs to completion (BEGIN IMMEDIATE … COMMIT) without yielding to the event loop.
 */
export function createSqliteExecutor(db: Database.Database): SqlExecutor {
  const cache = new Map<string, Prepared>();

  function prepare(text: string): Prepared {
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const order: number[] = [];
    // Portable SQL uses $1..$n (pg style); SQLite gets positional `?` bound in the same order.
    const sqliteText = text.replace(/\$(\d+)/g, (_match, n: string) => {
      order.push(Number(n) - 1);
      return "?";
    });
    const prepared = { statement: db.prepare(sqliteText), order };
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    cache.set(text, prepared);
    return prepared;
  }

  function run(s: Statement): SqlResult {
    const { statement, order } = prepare(s.text);
    const params = order.map((index) => {
      if (index < 0 || index >= s.params.length) throw new RangeError(`missing SQL parameter $${index + 1}`);
      return toSqlite(s.params[index] ?? null);
    });
    if (statement.reader) {
      const rows = statement.all(...params) as Record<string, unknown>[];
      return { rows, rowCount: rows.length };
    }
    return { rows: [], rowCount: statement.run(...params).changes };
  }

  return {
    dialect: "sqlite",
    async query(text, params = []) {
      return run({ text, params });
    },
    async transaction(program) {
      return db.transaction(() => driveSync(program(), run)).immediate();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function toSqlite(param: SqlParam): string | number | Buffer | null {
  return param instanceof Date ? param.getTime() : param;
}
