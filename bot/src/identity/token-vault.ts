import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { TokenKind, TokenOwner } from "../store/records";
import type { TokenRepo } from "../store/types";
import type { KeyRing } from "./encryption-keys";

/**
 * Tokens at rest. Each record is sealed with AES-256-GCM under the key ring's current key; the
 * key id goes into the store's `keyId` column so records sealed before a rotation still open.
 * The owner and kind are bound in as additional authenticated data: a blob copied onto another
 * user's (or another kind's) row fails to decrypt instead of handing out someone else's token.
 *
 * Blob layout: [version 1 byte = 1][IV 12 bytes][GCM tag 16 bytes][ciphertext].
 */

/** What the vault keeps for one (owner, kind). Times are absolute ISO-8601 instants. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires. */
  expiresAt: string;
  scopes: string[];
  refreshTokenExpiresAt?: string;
}

const isoInstant = z.iso.datetime({ offset: true });
export const tokenSetSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: isoInstant,
  scopes: z.array(z.string()),
  refreshTokenExpiresAt: isoInstant.optional(),
});

export type TokenVaultErrorReason = "unknown-key" | "undecryptable" | "malformed" | "invalid-token-set";

/** Never carries token text or key material in its message. */
export class TokenVaultError extends Error {
  constructor(
    readonly reason: TokenVaultErrorReason,
    message: string,
    readonly record: { kind: TokenKind; keyId?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TokenVaultError";
  }
}

export interface TokenVault {
  /** undefined when nothing is stored; TokenVaultError when a record exists but cannot be opened. */
  get(owner: TokenOwner, kind: TokenKind): Promise<TokenSet | undefined>;
  /** Seals with the current key (so writing an old record re-seals it) and stores. */
  put(owner: TokenOwner, kind: TokenKind, tokenSet: TokenSet): Promise<void>;
  /** true when a record was removed. */
  delete(owner: TokenOwner, kind: TokenKind): Promise<boolean>;
  /** Removes every kind of token of one owner; returns how many. */
  deleteOwner(owner: TokenOwner): Promise<number>;
}

export interface TokenVaultOptions {
  keys: KeyRing;
  repo: TokenRepo;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export function createTokenVault({ keys, repo }: TokenVaultOptions): TokenVault {
  return {
    async get(owner, kind) {
      const record = await repo.get(kind, owner);
      if (record === undefined) return undefined;
      const key = keys.byId.get(record.keyId);
      if (key === undefined) {
        throw new TokenVaultError(
          "unknown-key",
          `token record sealed with key '${record.keyId}' which is not in TOKEN_ENCRYPTION_KEY`,
          { kind, keyId: record.keyId },
        );
      }
      const plaintext = open(record.ciphertext, key.key, aad(owner, kind), { kind, keyId: record.keyId });
      return parseTokenSet(plaintext, { kind, keyId: record.keyId });
    },

    async put(owner, kind, tokenSet) {
      const parsed = tokenSetSchema.safeParse(tokenSet);
      if (!parsed.success) {
        throw new TokenVaultError("invalid-token-set", `token set is not valid: ${fieldsOf(parsed.error)}`, { kind });
      }
      const { current } = keys;
      await repo.put({
        kind,
        owner,
        ciphertext: seal(Buffer.from(JSON.stringify(parsed.data), "utf8"), current.key, aad(owner, kind)),
        keyId: current.id,
        expiresAt: new Date(parsed.data.expiresAt),
      });
    },

    delete: (owner, kind) => repo.delete(kind, owner),
    deleteOwner: (owner) => repo.deleteOwner(owner),
  };
}

function seal(plaintext: Buffer, key: Buffer, additionalData: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES); // random per record: a repeated (key, IV) pair breaks GCM
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

function open(blob: Buffer, key: Buffer, additionalData: Buffer, record: TokenVaultError["record"]): Buffer {
  if (blob.length < HEADER_BYTES || blob[0] !== VERSION) {
    throw new TokenVaultError("malformed", "token record is not in a format this version can read", record);
  }
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const tag = blob.subarray(1 + IV_BYTES, HEADER_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(HEADER_BYTES)), decipher.final()]);
  } catch (error) {
    throw new TokenVaultError("undecryptable", "token record could not be decrypted: wrong key or tampered data", record, {
      cause: error,
    });
  }
}

function parseTokenSet(plaintext: Buffer, record: TokenVaultError["record"]): TokenSet {
  let json: unknown;
  try {
    json = JSON.parse(plaintext.toString("utf8"));
  } catch {
    // The parser's message would quote the plaintext, so it is not kept as the cause.
    throw new TokenVaultError("malformed", "token record decrypted but is not JSON", record);
  }
  const parsed = tokenSetSchema.safeParse(json);
  if (!parsed.success) {
    throw new TokenVaultError("malformed", `token record decrypted but is not a token set: ${fieldsOf(parsed.error)}`, record);
  }
  return parsed.data;
}

/** Which fields failed, without their values (they may be tokens). */
function fieldsOf(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => (i.path.length > 0 ? i.path.join(".") : "(root)")))].join(", ");
}

/**
 * `kind|tenantId|userId` (userId empty for tenant-wide tokens). '%' and '|' inside a part are
 * escaped so that two different owners can never produce the same bytes.
 */
function aad(owner: TokenOwner, kind: TokenKind): Buffer {
  const part = (s: string) => s.replace(/%/g, "%25").replace(/\|/g, "%7C");
  return Buffer.from([kind, owner.tenantId, owner.userId ?? ""].map(part).join("|"), "utf8");
}
