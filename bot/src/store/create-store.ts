import { createBotStorage } from "./bot-state-storage";
import { createAccountLinkRepo } from "./repos/accounts";
import { createEventLinkRepo } from "./repos/event-links";
import { createIdempotencyRepo } from "./repos/idempotency";
import { createJobQueue } from "./repos/jobs";
import { createKeyValueRepo } from "./repos/key-values";
import { createLeaseRepo } from "./repos/leases";
import { createSubscriptionRepo } from "./repos/subscriptions";
import { createTenantSettingsRepo } from "./repos/tenants";
import { createTokenRepo } from "./repos/tokens";
import type { SqlExecutor } from "./sql/executor";
import type { Clock, JobQueueOptions, Store } from "./types";

/** Assembles the repositories over an executor whose schema is already migrated. */
export function createStore(db: SqlExecutor, options: { now: Clock; jobs?: JobQueueOptions }): Store {
  const { now } = options;
  const keyValues = createKeyValueRepo(db, now);
  let closed: Promise<void> | undefined;
  return {
    kind: db.dialect,
    accounts: createAccountLinkRepo(db, now),
    tokens: createTokenRepo(db, now),
    tenants: createTenantSettingsRepo(db, now),
    subscriptions: createSubscriptionRepo(db, now),
    leases: createLeaseRepo(db, now),
    eventLinks: createEventLinkRepo(db, now),
    idempotency: createIdempotencyRepo(db, now),
    jobs: createJobQueue(db, now, options.jobs),
    keyValues,
    botStorage: createBotStorage(keyValues),
    async ping() {
      await db.query("SELECT 1 AS ok");
    },
    // Idempotent: shutdown paths often close twice.
    close() {
      closed ??= db.close();
      return closed;
    },
  };
}
