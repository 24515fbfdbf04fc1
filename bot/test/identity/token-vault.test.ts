import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EncryptionKeyError,
  generateKeyEntry,
  loadOrCreateSandboxKey,
  parseEncryptionKeys,
  resolveKeyRing,
} from "../../src/identity/encryption-keys";
import { createTokenVault, TokenVaultError, type TokenSet } from "../../src/identity/token-vault";
import { openStore } from "../../src/store/open-store";
import type { TokenOwner } from "../../src/store/records";
import type { Store } from "../../src/store/types";

const K1 = generateKeyEntry("k1");
const K2 = generateKeyEntry("k2");
const OTHER_K1 = generateKeyEntry("k1"); // same id, different material

const alice: TokenOwner = { tenantId: "tenant-a", userId: "alice" };
const bob: TokenOwner = { tenantId: "tenant-a", userId: "bob" };
const tenantA: TokenOwner = { tenantId: "tenant-a" };

const tokens: TokenSet = {
  accessToken: "eyJ-access-token-of-alice-0123456789",
  refreshToken: "refresh-token-of-alice-9876543210",
  expiresAt: "2030-01-07T10:00:00.000Z",
  scopes: ["Calendars.ReadWrite", "offline_access"],
  refreshTokenExpiresAt: "2030-04-07T09:00:00.000Z",
};

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "token-vault-"));
  store = await openStore({ sqlitePath: join(dir, "store.sqlite") });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const vaultWith = (keys: string) => createTokenVault({ keys: parseEncryptionKeys(keys), repo: store.tokens });

async function expectVaultError(promise: Promise<unknown>): Promise<TokenVaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenVaultError);
  return error as TokenVaultError;
}

describe("token vault", () => {
  test("returns the token set it stored", async () => {
    const vault = vaultWith(K1);
    await vault.put(alice, "graph-user", tokens);
    await expect(vault.get(alice, "graph-user")).resolves.toEqual(tokens);
  });

  test("keeps tenant-wide tokens apart from users' tokens", async () => {
    const vault = vaultWith(K1);
    const appTokens: TokenSet = { accessToken: "app-token", expiresAt: "2030-01-07T10:00:00.000Z", scopes: [] };
    await vault.put(tenantA, "graph-app", appTokens);
    await vault.put(alice, "graph-user", tokens);
    await expect(vault.get(tenantA, "graph-app")).resolves.toEqual(appTokens);
    await expect(vault.get(alice, "graph-app")).resolves.toBeUndefined();
  });

  test("returns nothing for an owner with no stored tokens", async () => {
    await expect(vaultWith(K1).get(bob, "webex-user")).resolves.toBeUndefined();
  });

  test("never writes the token text to the database", async () => {
    await vaultWith(K1).put(alice, "graph-user", tokens);
    const row = await store.tokens.get("graph-user", alice);
    expect(row).toBeDefined();
    const blob = row!.ciphertext;
    for (const secret of [tokens.accessToken, tokens.refreshToken!]) {
      expect(blob.includes(Buffer.from(secret, "utf8"))).toBe(false);
      expect(blob.toString("latin1")).not.toContain(secret);
    }
    expect(row!.keyId).toBe("k1");
    expect(row!.expiresAt).toEqual(new Date(tokens.expiresAt));
  });

  test("seals the same token set differently each time (random IV)", async () => {
    const vault = vaultWith(K1);
    await vault.put(alice, "graph-user", tokens);
    const first = (await store.tokens.get("graph-user", alice))!.ciphertext;
    await vault.put(alice, "graph-user", tokens);
    const second = (await store.tokens.get("graph-user", alice))!.ciphertext;
    expect(first.equals(second)).toBe(false);
  });

  test("refuses to open a record with a different key of the same id, without revealing the token", async () => {
    await vaultWith(K1).put(alice, "graph-user", tokens);
    const error = await expectVaultError(vaultWith(OTHER_K1).get(alice, "graph-user"));
    expect(error.reason).toBe("undecryptable");
    expect(error.message).toBe("token record could not be decrypted: wrong key or tampered data");
    expect(`${error.message} ${String(error.cause)}`).not.toContain(tokens.accessToken);
  });

  test("names the missing key when a record was sealed with a key that is no longer configured", async () => {
    await vaultWith(K1).put(alice, "graph-user", tokens);
    const error = await expectVaultError(vaultWith(K2).get(alice, "graph-user"));
    expect(error.reason).toBe("unknown-key");
    expect(error.message).toBe("token record sealed with key 'k1' which is not in TOKEN_ENCRYPTION_KEY");
  });

  test("detects a tampered record", async () => {
    const vault = vaultWith(K1);
    await vault.put(alice, "graph-user", tokens);
    const row = (await store.tokens.get("graph-user", alice))!;
    const tampered = Buffer.from(row.ciphertext);
    tampered[tampered.length - 1]! ^= 0x01;
    await store.tokens.put({ ...row, ciphertext: tampered });
    expect((await expectVaultError(vault.get(alice, "graph-user"))).reason).toBe("undecryptable");
  });

  test("reports a truncated record as unreadable rather than failing obscurely", async () => {
    const vault = vaultWith(K1);
    await vault.put(alice, "graph-user", tokens);
    const row = (await store.tokens.get("graph-user", alice))!;
    await store.tokens.put({ ...row, ciphertext: row.ciphertext.subarray(0, 10) });
    expect((await expectVaultError(vault.get(alice, "graph-user"))).reason).toBe("malformed");
  });

  test("a record copied onto another user's row does not decrypt there", async () => {
    const vault = vaultWith(K1);
    await vault.put(alice, "graph-user", tokens);
    const row = (await store.tokens.get("graph-user", alice))!;
    await store.tokens.put({ ...row, owner: bob });
    expect((await expectVaultError(vault.get(bob, "graph-user"))).reason).toBe("undecryptable");
    await store.tokens.put({ ...row, owner: tenantA });
    expect((await expectVaultError(vault.get(tenantA, "graph-user"))).reason).toBe("undecryptable");
  });

  test("a record copied onto another kind of token does not decrypt there", async () => {
    const vault = vaultWith(K1);
    await vault.put(alice, "graph-user", tokens);
    const row = (await store.tokens.get("graph-user", alice))!;
    await store.tokens.put({ ...row, kind: "webex-user" });
    expect((await expectVaultError(vault.get(alice, "webex-user"))).reason).toBe("undecryptable");
  });

  test("after a key rotation, reads records sealed with the old key and re-seals them with the new one on write", async () => {
    await vaultWith(K1).put(alice, "graph-user", tokens);
    const rotated = vaultWith(`${K2},${K1}`);
    await expect(rotated.get(alice, "graph-user")).resolves.toEqual(tokens);
    expect((await store.tokens.get("graph-user", alice))!.keyId).toBe("k1");

    await rotated.put(alice, "graph-user", { ...tokens, accessToken: "renewed-access-token" });
    expect((await store.tokens.get("graph-user", alice))!.keyId).toBe("k2");
    // Once re-sealed, the old key can be dropped.
    await expect(vaultWith(K2).get(alice, "graph-user")).resolves.toMatchObject({ accessToken: "renewed-access-token" });
  });

  test("rejects an invalid token set without storing it or echoing its values", async () => {
    const vault = vaultWith(K1);
    const bad = { ...tokens, expiresAt: "next tuesday" };
    const error = await expectVaultError(vault.put(alice, "graph-user", bad));
    expect(error.reason).toBe("invalid-token-set");
    expect(error.message).toContain("expiresAt");
    expect(error.message).not.toContain(tokens.accessToken);
    await expect(store.tokens.get("graph-user", alice)).resolves.toBeUndefined();
  });

  test("deletes one kind of token, or all of an owner's tokens", async () => {
    const vault = vaultWith(K1);
    await vault.put(alice, "graph-user", tokens);
    await vault.put(alice, "webex-user", tokens);
    await vault.put(bob, "graph-user", tokens);
    await expect(vault.delete(alice, "graph-user")).resolves.toBe(true);
    await expect(vault.get(alice, "graph-user")).resolves.toBeUndefined();
    await expect(vault.get(alice, "webex-user")).resolves.toEqual(tokens);
    await expect(vault.deleteOwner(alice)).resolves.toBe(1);
    await expect(vault.get(alice, "webex-user")).resolves.toBeUndefined();
    await expect(vault.get(bob, "graph-user")).resolves.toEqual(tokens);
  });
});

describe("TOKEN_ENCRYPTION_KEY parsing", () => {
  test("the first key encrypts and every key can decrypt", () => {
    const ring = parseEncryptionKeys(`${K2}, ${K1}`);
    expect(ring.current.id).toBe("k2");
    expect([...ring.byId.keys()]).toEqual(["k2", "k1"]);
    expect(ring.byId.get("k1")!.key.length).toBe(32);
  });

  test.each([
    ["a duplicate key id", `${K1},${OTHER_K1}`, /TOKEN_ENCRYPTION_KEY lists key id 'k1' more than once/],
    ["a 16-byte key", `k1:${randomBytes(16).toString("base64")}`, /TOKEN_ENCRYPTION_KEY entry 1 \(key id 'k1'\) must be 32 bytes, got 16/],
    ["text that is not base64", "k1:not*base64!", /TOKEN_ENCRYPTION_KEY entry 1 \(key id 'k1'\) is not valid base64/],
    ["an entry without a key id", randomBytes(32).toString("base64"), /TOKEN_ENCRYPTION_KEY entry 1 must look like/],
    ["an empty value", " ", /TOKEN_ENCRYPTION_KEY is empty/],
  ])("rejects %s with a message naming TOKEN_ENCRYPTION_KEY but not the key", (_what, value, message) => {
    let error: unknown;
    try {
      parseEncryptionKeys(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EncryptionKeyError);
    expect((error as Error).message).toMatch(message);
    for (const entry of value.split(",")) {
      const material = entry.slice(entry.indexOf(":") + 1).trim();
      if (material.length > 8) expect((error as Error).message).not.toContain(material);
    }
  });
});

describe("sandbox key file", () => {
  test("is created once, private to its owner, and reused so tokens survive a restart", async () => {
    const path = join(dir, "nested", "token-key");
    const first = loadOrCreateSandboxKey(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await createTokenVault({ keys: first, repo: store.tokens }).put(alice, "webex-user", tokens);

    // A "restart": a new store handle and a key ring loaded again from the file.
    await store.close();
    store = await openStore({ sqlitePath: join(dir, "store.sqlite") });
    const second = loadOrCreateSandboxKey(path);
    expect(second.current.key.equals(first.current.key)).toBe(true);
    await expect(createTokenVault({ keys: second, repo: store.tokens }).get(alice, "webex-user")).resolves.toEqual(tokens);
  });

  test("is refused when other users can read it", () => {
    const path = join(dir, "token-key");
    writeFileSync(path, `${K1}\n`);
    chmodSync(path, 0o644);
    expect(() => loadOrCreateSandboxKey(path)).toThrow(/readable by other users/);
  });

  test("is used only when TOKEN_ENCRYPTION_KEY is unset, and only in sandbox mode", () => {
    const path = join(dir, "token-key");
    expect(resolveKeyRing({ mode: "tenant", tokenEncryptionKey: K2 }, path).current.id).toBe("k2");
    expect(() => resolveKeyRing({ mode: "tenant", tokenEncryptionKey: undefined }, path)).toThrow(EncryptionKeyError);
    expect(resolveKeyRing({ mode: "sandbox", tokenEncryptionKey: undefined }, path).current.id).toBe("sandbox");
    expect(readFileSync(path, "utf8")).toMatch(/^sandbox:[A-Za-z0-9+/]{43}=\n$/);
  });
});
