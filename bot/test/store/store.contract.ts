// The one contract every Store implementation must pass. sqlite.test.ts and postgres.test.ts
// run it against a real database each; nothing here knows which one it talks to.
import { describeBotStorageContract } from "./contract-bot-storage";
import { describeCoordinationContract } from "./contract-coordination";
import { describeJobsContract } from "./contract-jobs";
import { describeRecordsContract } from "./contract-records";
import type { ContractTarget } from "./harness";

export function describeStoreContract(target: ContractTarget): void {
  describe(`Store contract (${target.kind})`, () => {
    describe("records", () => describeRecordsContract(target));
    describe("job queue", () => describeJobsContract(target));
    describe("coordination between instances", () => describeCoordinationContract(target));
    describe("botbuilder Storage", () => describeBotStorageContract(target));
  });
}
