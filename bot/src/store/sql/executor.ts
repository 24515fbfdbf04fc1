// The one seam between the repositories and a database driver. Repositories write portable SQL
// with $1..$n placeholders (the SQLite executor rewrites them); where the dialects differ the
// repository branches on `dialect`.
//
// Transactions are generator programs that yield statements and receive their results. Why:
// better-sqlite3 is synchronous and its transactions must not span an `await` (another
// connection in the same process would block the event loop on the file lock), while pg is
// asynchronous. A generator can be driven by both, so each transaction is written once.

export type Dialect = "sqlite" | "postgres";

/** Dates are bound as timestamptz on PostgreSQL and as epoch milliseconds on SQLite. */
export type SqlParam = string | number | Date | Buffer | null;

export interface Statement {
  readonly text: string;
  readonly params: readonly SqlParam[];
}

export interface SqlResult {
  readonly rows: readonly Record<string, unknown>[];
  /** Rows changed (INSERT/UPDATE/DELETE) or returned. */
  readonly rowCount: number;
}

export type TxProgram<T> = Generator<Statement, T, SqlResult>;

export interface SqlExecutor {
  readonly dialect: Dialect;
  query(text: string, params?: readonly SqlParam[]): Promise<SqlResult>;
  /** Runs the program in one transaction (BEGIN IMMEDIATE on SQLite); a throw rolls it back. */
  transaction<T>(program: () => TxProgram<T>): Promise<T>;
  close(): Promise<void>;
}

export function stmt(text: string, params: readonly SqlParam[] = []): Statement {
  return { text, params };
}

/** Drives a program with a synchronous runner (SQLite). Driver errors are thrown into the program. */
export function driveSync<T>(program: TxProgram<T>, run: (s: Statement) => SqlResult): T {
  let step = program.next();
  while (!step.done) {
    let result: SqlResult;
    try {
      result = run(step.value);
    } catch (error) {
      step = program.throw(error);
      continue;
    }
    step = program.next(result);
  }
  return step.value;
}

/** Drives a program with an asynchronous runner (PostgreSQL). */
export async function driveAsync<T>(program: TxProgram<T>, run: (s: Statement) => Promise<SqlResult>): Promise<T> {
  let step = program.next();
  while (!step.done) {
    let result: SqlResult;
    try {
      result = await run(step.value);
    } catch (error) {
      step = program.throw(error);
      continue;
    }
    step = program.next(result);
  }
  return step.value;
}

/** "$1, $2, …" for n values starting at $start — for IN lists. */
export function placeholders(start: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${start + i}`).join(", ");
}
