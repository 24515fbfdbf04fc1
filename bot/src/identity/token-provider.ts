/** Anything that can hand out a current access token for one audience. */
export interface AccessTokenProvider {
  getAccessToken(): Promise<string>;
}

export class TokenAcquisitionError extends Error {
  constructor(
    message: string,
    /** Entra's error code (e.g. "invalid_client") and AADSTS numbers, when the service sent them. */
    readonly details: { error?: string; errorCodes?: number[]; correlationId?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TokenAcquisitionError";
  }

  /** AADSTS65001: the app or user has not consented to the permissions. */
  get consentRequired(): boolean {
    return this.details.errorCodes?.includes(65001) ?? false;
  }
}
