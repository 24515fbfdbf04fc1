export { openStore, type OpenStoreOptions } from "./open-store";
export { createBotStorage } from "./bot-state-storage";
export { DEFAULT_SQLITE_PATH } from "./sqlite/open-sqlite";
export { redactDatabaseUrl } from "./postgres/open-postgres";
export { ETagConflictError, MigrationError, StoreError, StoreUnavailableError } from "./errors";
export type * from "./records";
export {
  ACCOUNT_MATCH_SOURCES,
  SUBSCRIPTION_STATES,
  TENANT_MODES,
  TOKEN_KINDS,
} from "./records";
export type * from "./types";
