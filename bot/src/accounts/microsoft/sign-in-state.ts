import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Store } from "../../store/types";
import type { UserRef } from "../types";

/**
 * The OAuth `state` of an individual-mode sign-in: an opaque random value that stands for
 * "this Teams user asked to sign in", with the PKCE verifier kept server-side. Stored in the
 * idempotency table (shared by every instance, cleaned by its periodic purge) under the SHA-256
 * of the value, so the database alone never yields a usable state. Single use: the callback
 * claims a second key atomically, and only the first claim proceeds.
 */

export const SIGN_IN_STATE_LIFETIME_MS = 10 * 60 * 1000;

const StateRecord = z.object({
  tenantId: z.string().min(1),
  userId: z.string().min(1),
  codeVerifier: z.string().min(43),
  createdAt: z.iso.datetime({ offset: true }),
  locale: z.string().optional(),
});
export type SignInState = z.infer<typeof StateRecord>;

export type ConsumeResult = { ok: true; state: SignInState } | { ok: false; reason: "unknown" | "expired" | "used" };

export interface SignInStates {
  /** A new state value for this user; the verifier's S256 challenge is derived when the flow starts. */
  create(user: UserRef, locale: string | undefined): Promise<string>;
  /** The state's record while it is valid and unused (the start route; does not consume). */
  peek(value: string): Promise<SignInState | undefined>;
  /** Claims the state for this one callback. */
  consume(value: string): Promise<ConsumeResult>;
}

export function createSignInStates(store: Pick<Store, "idempotency">, now: () => Date): SignInStates {
  const keyOf = (value: string) => `microsoft-sign-in:${createHash("sha256").update(value).digest("base64url")}`;

  async function read(value: string): Promise<SignInState | "unknown" | "expired"> {
    const record = await store.idempotency.get(keyOf(value));
    const parsed = StateRecord.safeParse(record?.completedAt ? record.result : undefined);
    if (!parsed.success) return "unknown";
    if (now().getTime() - Date.parse(parsed.data.createdAt) >= SIGN_IN_STATE_LIFETIME_MS) return "expired";
    return parsed.data;
  }

  return {
    async create(user, locale) {
      const value = randomBytes(32).toString("base64url");
      const record: SignInState = {
        tenantId: user.tenantId,
        userId: user.userId,
        codeVerifier: randomBytes(32).toString("base64url"), // 43 characters, RFC 7636's minimum
        createdAt: now().toISOString(),
        ...(locale ? { locale } : {}),
      };
      const key = keyOf(value);
      const claim = await store.idempotency.claim(key, SIGN_IN_STATE_LIFETIME_MS);
      // 256 random bits cannot collide in practice; if they ever did, refusing beats sharing.
      if (claim.status !== "claimed") throw new Error("sign-in state collision");
      await store.idempotency.complete(key, record);
      return value;
    },

    async peek(value) {
      const state = await read(value);
      if (typeof state === "string") return undefined;
      const used = await store.idempotency.get(`${keyOf(value)}:used`);
      return used === undefined ? state : undefined;
    },

    async consume(value) {
      const state = await read(value);
      if (typeof state === "string") return { ok: false, reason: state };
      const usedKey = `${keyOf(value)}:used`;
      const claim = await store.idempotency.claim(usedKey, SIGN_IN_STATE_LIFETIME_MS);
      if (claim.status !== "claimed") return { ok: false, reason: "used" };
      await store.idempotency.complete(usedKey, { usedAt: now().toISOString() });
      return { ok: true, state };
    },
  };
}

/** RFC 7636 S256 code challenge of a verifier. */
export function codeChallengeOf(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}
