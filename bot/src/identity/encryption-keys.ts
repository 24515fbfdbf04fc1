import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The keys that seal tokens at rest (AES-256-GCM, see token-vault.ts). TOKEN_ENCRYPTION_KEY holds
 * `<keyId>:<base64 of 32 bytes>[,<keyId>:<base64>…]`: the first key encrypts, every key decrypts,
 * so an operator rotates by prepending a new key and dropping the old one once every record has
 * been rewritten. Error messages name the variable and the key id, never key material.
 */

export const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const VARIABLE = "TOKEN_ENCRYPTION_KEY";

export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface KeyRing {
  /** Seals every new record. */
  readonly current: EncryptionKey;
  /** Every configured key (current included), to open records sealed before a rotation. */
  readonly byId: ReadonlyMap<string, EncryptionKey>;
}

export class EncryptionKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EncryptionKeyError";
  }
}

/** Parses a TOKEN_ENCRYPTION_KEY value. `source` names where it came from in error messages. */
export function parseEncryptionKeys(value: string, source = VARIABLE): KeyRing {
  const entries = value.split(",").map((e) => e.trim());
  if (entries.length === 0 || entries.every((e) => e === "")) {
    throw new EncryptionKeyError(`${source} is empty; expected <keyId>:<base64 of ${KEY_BYTES} bytes>`);
  }
  const byId = new Map<string, EncryptionKey>();
  entries.forEach((entry, index) => {
    const where = `${source} entry ${index + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) throw new EncryptionKeyError(`${where} must look like <keyId>:<base64 of ${KEY_BYTES} bytes>`);
    const id = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) {
      throw new EncryptionKeyError(`${where} has an invalid key id: use 1-64 letters, digits, '_' or '-'`);
    }
    if (byId.has(id)) throw new EncryptionKeyError(`${source} lists key id '${id}' more than once`);
    const key = Buffer.from(encoded, "base64");
    // Buffer.from ignores stray characters; a round trip proves the text was canonical base64.
    if (encoded === "" || key.toString("base64") !== encoded) {
      throw new EncryptionKeyError(`${where} (key id '${id}') is not valid base64`);
    }
    if (key.length !== KEY_BYTES) {
      throw new EncryptionKeyError(`${where} (key id '${id}') must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    byId.set(id, { id, key });
  });
  const current = byId.values().next().value;
  if (current === undefined) throw new EncryptionKeyError(`${source} holds no key`);
  return { current, byId };
}

/** A fresh `<keyId>:<base64>` entry, e.g. for an operator's rotation or the sandbox key file. */
export function generateKeyEntry(id: string): string {
  if (!KEY_ID.test(id)) throw new EncryptionKeyError(`invalid key id '${id}'`);
  return `${id}:${randomBytes(KEY_BYTES).toString("base64")}`;
}

export const DEFAULT_SANDBOX_KEY_PATH = ".data/token-key";
const SANDBOX_KEY_ID = "sandbox";

/**
 * Sandbox mode only: a random key kept in a file (mode 0600) so that `npm start` needs no
 * configuration and stored tokens survive restarts. Created once; every later call reuses it.
 */
export function loadOrCreateSandboxKey(path: string = DEFAULT_SANDBOX_KEY_PATH): KeyRing {
  const existing = readKeyFile(path);
  if (existing !== undefined) return parseEncryptionKeys(existing, `token key file ${path}`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Write a private temp file, then link it into place: link() fails if the target exists, so two
  // processes starting together agree on one key and nobody ever reads a half-written file.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, `${generateKeyEntry(SANDBOX_KEY_ID)}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(temp, 0o600); // the umask may have narrowed it further; never wider
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new EncryptionKeyError(`could not create the token key file ${path}`, { cause: error });
    }
  } finally {
    rmSync(temp, { force: true });
  }
  const created = readKeyFile(path);
  if (created === undefined) throw new EncryptionKeyError(`token key file ${path} vanished after it was created`);
  return parseEncryptionKeys(created, `token key file ${path}`);
}

function readKeyFile(path: string): string | undefined {
  try {
    const text = readFileSync(path, "utf8").trim();
    // A key others can read is not a secret any more; refuse rather than silently use it.
    if (process.platform !== "win32" && (statSync(path).mode & 0o077) !== 0) {
      throw new EncryptionKeyError(`token key file ${path} is readable by other users; run: chmod 600 ${path}`);
    }
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    if (error instanceof EncryptionKeyError) throw error;
    throw new EncryptionKeyError(`could not read the token key file ${path}`, { cause: error });
  }
}

/**
 * The key ring for a process: TOKEN_ENCRYPTION_KEY when set, otherwise (sandbox mode only) the
 * sandbox key file. Outside sandbox mode config.ts already requires the variable.
 */
export function resolveKeyRing(config: { mode: string; tokenEncryptionKey: string | undefined }, sandboxKeyPath?: string): KeyRing {
  if (config.tokenEncryptionKey !== undefined && config.tokenEncryptionKey !== "") {
    return parseEncryptionKeys(config.tokenEncryptionKey);
  }
  if (config.mode !== "sandbox") throw new EncryptionKeyError(`${VARIABLE} is required outside sandbox mode`);
  return loadOrCreateSandboxKey(sandboxKeyPath);
}
