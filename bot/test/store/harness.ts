// What the shared store contract needs from each backend, plus a controllable clock.
import type { OpenStoreOptions } from "../../src/store/open-store";
import type { Clock, Store, StoreKind } from "../../src/store/types";

export type OpenOptions = Pick<OpenStoreOptions, "jobs">;

/** One empty database (SQLite file or PostgreSQL schema) that several handles can open. */
export interface TestDatabase {
  /** A new handle (own connection / pool) on this database, migrated on open. */
  open(now: Clock, options?: OpenOptions): Promise<Store>;
  /** Ids recorded in schema_migrations, read with a raw driver connection. */
  migrationIds(): Promise<number[]>;
}

export interface ContractTarget {
  kind: StoreKind;
  createDatabase(): Promise<TestDatabase>;
}

/** Time only moves when a test says so; no test sleeps. */
export class TestClock {
  private ms: number;

  constructor(start = "2030-01-07T09:00:00.000Z") {
    this.ms = Date.parse(start);
  }

  readonly now: Clock = () => new Date(this.ms);

  advance(ms: number): void {
    this.ms += ms;
  }

  plus(ms: number): Date {
    return new Date(this.ms + ms);
  }
}

export interface StoreFixture {
  readonly store: Store;
  readonly clock: TestClock;
  readonly database: TestDatabase;
  /** Another handle on the same database sharing the clock (closed after the test). */
  openAnother(options?: OpenOptions): Promise<Store>;
  /** Replaces `store` with a fresh handle opened with these options. */
  reopen(options?: OpenOptions): Promise<Store>;
}

/** Per test: a fresh database, a clock and a store; every handle is closed afterwards. */
export function useStoreFixture(target: ContractTarget): StoreFixture {
  let current: { store: Store; clock: TestClock; database: TestDatabase } | undefined;
  let handles: Store[] = [];

  function state() {
    if (current === undefined) throw new Error("store fixture used outside a test");
    return current;
  }

  async function openHandle(options?: OpenOptions): Promise<Store> {
    const { database, clock } = state();
    const store = await database.open(clock.now, options);
    handles.push(store);
    return store;
  }

  beforeEach(async () => {
    const database = await target.createDatabase();
    const clock = new TestClock();
    const store = await database.open(clock.now);
    handles = [store];
    current = { store, clock, database };
  });

  afterEach(async () => {
    await Promise.all(handles.map((h) => h.close()));
    handles = [];
    current = undefined;
  });

  return {
    get store() {
      return state().store;
    },
    get clock() {
      return state().clock;
    },
    get database() {
      return state().database;
    },
    openAnother: openHandle,
    async reopen(options) {
      const store = await openHandle(options);
      state().store = store;
      return store;
    },
  };
}
