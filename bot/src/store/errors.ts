/** Base class so callers can tell storage failures from their own. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The database could not be reached or opened. The message names the target, never a password. */
export class StoreUnavailableError extends StoreError {}

export class MigrationError extends StoreError {
  constructor(
    readonly migration: string,
    options: { cause: unknown },
  ) {
    super(`migration ${migration} failed`, options);
  }
}

/**
 * A botbuilder write lost an optimistic-concurrency race. The message is the one botbuilder's
 * MemoryStorage uses, so code and tests written against it keep working.
 */
export class ETagConflictError extends StoreError {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}
