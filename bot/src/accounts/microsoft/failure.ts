import { GraphError } from "@microsoft/microsoft-graph-client";
import { ReauthenticationRequiredError, TokenRefreshError } from "../../identity/token-manager";
import { TokenAcquisitionError } from "../../identity/token-provider";
import type { AuthorizationMode } from "../types";

/**
 * What a failed Microsoft call means for the person in front of the bot or tab, so that the
 * Teams layer can say it in their language: an admin must consent (with the link), the user
 * must consent or sign in again, or Microsoft is unavailable (try later).
 */
export type MicrosoftFailureKind = "admin-consent-missing" | "user-consent-missing" | "sign-in-required" | "unavailable";

export interface MicrosoftFailure {
  kind: MicrosoftFailureKind;
  /** Set for admin-consent-missing when the caller supplied it. */
  adminConsentUrl?: string;
}

export interface FailureContext {
  /** The mode the failing call ran in: decides whose consent an AADSTS65001 asks for. */
  mode?: AuthorizationMode;
  /** MicrosoftAccounts.adminConsentUrl(tenantId) of the user's tenant. */
  adminConsentUrl?: string;
}

/** Graph's refusals for a permission the token does not carry (Graph docs: errors; Outlook, directory, Teams APIs). */
const DENIED_CODES = new Set(["Authorization_RequestDenied", "ErrorAccessDenied", "AccessDenied", "ExtensionError", "Forbidden"]);
/** AADSTS codes that only an admin's consent fixes (see tenant-mode.ts). */
const ADMIN_FIXES = new Set([7000229, 700016, 500011, 90094]);

export function describeMicrosoftFailure(error: unknown, context: FailureContext = {}): MicrosoftFailure {
  const admin = (): MicrosoftFailure => ({ kind: "admin-consent-missing", ...(context.adminConsentUrl ? { adminConsentUrl: context.adminConsentUrl } : {}) });

  if (error instanceof ReauthenticationRequiredError) {
    return { kind: error.consentRequired ? "user-consent-missing" : "sign-in-required" };
  }
  if (error instanceof TokenAcquisitionError) {
    const codes = error.details.errorCodes ?? [];
    if (codes.some((c) => ADMIN_FIXES.has(c))) return admin();
    if (error.consentRequired) {
      const delegated = error instanceof TokenRefreshError ? error.kind === "graph-user" : context.mode === "individual";
      return delegated ? { kind: "user-consent-missing" } : admin();
    }
    return { kind: "unavailable" };
  }
  if (error instanceof GraphError) {
    if (error.statusCode === 403 && error.code !== null && DENIED_CODES.has(error.code)) return admin();
    // A delegated token Graph no longer accepts (revoked sessions): only a new sign-in helps.
    if (error.statusCode === 401 && context.mode === "individual") return { kind: "sign-in-required" };
    // The SDK turns a failing token provider into GraphError(-1) named after the original error.
    if (error.statusCode === -1 && error.code === "ReauthenticationRequiredError") {
      return { kind: /AADSTS65001/.test(error.message) ? "user-consent-missing" : "sign-in-required" };
    }
    if (error.statusCode === -1 && /AADSTS65001/.test(error.message)) return context.mode === "individual" ? { kind: "user-consent-missing" } : admin();
  }
  return { kind: "unavailable" };
}
