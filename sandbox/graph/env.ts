import type { Tenant } from "../tenant";
import type { EventStore } from "./events/store";
import type { SubscriptionStore } from "./subscriptions/store";

/** What route modules share: the current tenant data, the clock and the stores. */
export interface GraphEnv {
  /** Replaced on reset(); always read it through the env, never keep a copy. */
  tenant: Tenant;
  now: () => Date;
  events: EventStore;
  subscriptions: SubscriptionStore;
}
