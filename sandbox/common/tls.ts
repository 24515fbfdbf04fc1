import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import forge from "node-forge";

/**
 * The sandbox's own certificate authority and a loopback server certificate.
 *
 * Why: the Graph client only attaches bearer tokens to https:// URLs and msal-node refuses
 * non-https authorities, so the emulators must speak TLS. Processes trust this CA through
 * NODE_EXTRA_CA_CERTS (read by Node only at start-up), never by switching TLS checks off.
 */
export interface SandboxTls {
  caPath: string;
  ca: string;
  cert: string;
  key: string;
}

export const DEFAULT_TLS_DIR = join(process.cwd(), ".data", "sandbox-tls");

const FILES = { ca: "ca.pem", cert: "server.pem", key: "server-key.pem" } as const;

/** Loads the CA and server certificate from `dir`, creating them on first use. */
export function ensureSandboxTls(dir: string = DEFAULT_TLS_DIR): SandboxTls {
  const paths = {
    ca: join(dir, FILES.ca),
    cert: join(dir, FILES.cert),
    key: join(dir, FILES.key),
  };
  if (!(existsSync(paths.ca) && existsSync(paths.cert) && existsSync(paths.key)) || isExpiringSoon(paths.cert)) {
    mkdirSync(dir, { recursive: true });
    const generated = generate();
    writeFileSync(paths.key, generated.key, { mode: 0o600 });
    writeFileSync(paths.cert, generated.cert);
    // Written last: its presence marks a complete set.
    writeFileSync(paths.ca, generated.ca);
  }
  return {
    caPath: paths.ca,
    ca: readFileSync(paths.ca, "utf8"),
    cert: readFileSync(paths.cert, "utf8"),
    key: readFileSync(paths.key, "utf8"),
  };
}

function isExpiringSoon(certPath: string): boolean {
  try {
    const cert = forge.pki.certificateFromPem(readFileSync(certPath, "utf8"));
    return cert.validity.notAfter.getTime() - Date.now() < 7 * 24 * 3600 * 1000;
  } catch {
    return true; // unreadable → regenerate
  }
}

function generate(): { ca: string; cert: string; key: string } {
  const now = new Date();
  const notAfter = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);

  const caKeys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = randomSerial();
  ca.validity.notBefore = notBefore;
  ca.validity.notAfter = notAfter;
  const caName = [
    { name: "commonName", value: "Webex Scheduler Sandbox CA" },
    { name: "organizationName", value: "Sandbox (local only)" },
  ];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const server = forge.pki.createCertificate();
  server.publicKey = serverKeys.publicKey;
  server.serialNumber = randomSerial();
  server.validity.notBefore = notBefore;
  server.validity.notAfter = notAfter;
  server.setSubject([{ name: "commonName", value: "localhost" }]);
  server.setIssuer(caName);
  server.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 2, value: "localhost" },
        { type: 7, ip: "127.0.0.1" },
        { type: 7, ip: "::1" },
      ],
    },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    ca: forge.pki.certificateToPem(ca),
    cert: forge.pki.certificateToPem(server),
    key: forge.pki.privateKeyToPem(serverKeys.privateKey),
  };
}

function randomSerial(): string {
  // Positive, 16 bytes: the high bit cleared so DER does not read it as negative.
  const bytes = forge.util.bytesToHex(forge.random.getBytesSync(16));
  return (parseInt(bytes[0]!, 16) & 0x7).toString(16) + bytes.slice(1);
}
