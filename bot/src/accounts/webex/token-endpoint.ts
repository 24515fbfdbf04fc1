import { z } from "zod";
import type { Config } from "../../config";
import { absoluteExpiry, type RefreshTokens } from "../../identity/token-manager";
import { TokenAcquisitionError } from "../../identity/token-provider";
import type { TokenSet } from "../../identity/token-vault";

/**
 * Webex's OAuth token endpoint, `POST /v1/access_token` (form-encoded): redeems an authorization
 * code, or a refresh token. https://developer.webex.com/docs/integrations#getting-an-access-token
 * Nothing here logs or puts into an error message a token, a code or the client secret.
 */

/** What the app asks each user for (WIRE.md, Webex OAuth): look people up, read and write their meetings. */
export const WEBEX_USER_SCOPES = ["spark:people_read", "meeting:schedules_read", "meeting:schedules_write"] as const;

// https://developer.webex.com/docs/integrations — `scope` and `token_type` are not always echoed,
// and a refresh may or may not hand out a new refresh token.
const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().nonnegative().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});

// https://developer.webex.com/docs/basics#api-errors
const ErrorBody = z.object({
  message: z.string().optional(),
  errors: z.array(z.object({ description: z.string() })).optional(),
  trackingId: z.string().optional(),
});

/** The token endpoint refused or failed. `details.error` is `invalid_grant` when the code/refresh token is dead. */
export class WebexTokenEndpointError extends TokenAcquisitionError {
  constructor(
    readonly status: number | undefined,
    message: string,
    details: TokenAcquisitionError["details"],
    options?: { cause?: unknown },
  ) {
    super(message, details, options);
    this.name = "WebexTokenEndpointError";
  }
}

export interface WebexTokenEndpoint {
  redeemCode(code: string, redirectUri: string): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
}

export interface WebexTokenEndpointOptions {
  webex: Config["webex"];
  now?: () => Date;
  timeoutMs?: number;
}

export function createWebexTokenEndpoint(options: WebexTokenEndpointOptions): WebexTokenEndpoint {
  const now = options.now ?? (() => new Date());
  const url = `${options.webex.baseUrl.replace(/\/$/, "")}/v1/access_token`;

  async function post(form: Record<string, string>, requested: readonly string[]): Promise<TokenSet> {
    const { clientId, clientSecret } = options.webex;
    if (clientId === undefined || clientSecret === undefined) {
      throw new WebexTokenEndpointError(undefined, "Webex OAuth is not configured: set WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET", { error: "not_configured" });
    }
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ ...form, client_id: clientId, client_secret: clientSecret }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new WebexTokenEndpointError(undefined, `could not reach Webex's token endpoint: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
    }
    const text = await res.text();
    const issuedAt = now();
    if (!res.ok) throw endpointError(res.status, text, res.headers.get("trackingid"));
    let body: z.infer<typeof TokenResponse>;
    try {
      body = TokenResponse.parse(JSON.parse(text));
    } catch {
      // The body holds tokens: neither it nor the parser's error (which may quote it) is kept.
      throw new WebexTokenEndpointError(res.status, "Webex's token endpoint answered with an unexpected body", {});
    }
    const scopes = body.scope?.split(/[\s,]+/).filter((s) => s !== "") ?? [...requested];
    return {
      accessToken: body.access_token,
      expiresAt: absoluteExpiry(issuedAt, body.expires_in),
      scopes,
      ...(body.refresh_token === undefined
        ? {}
        : {
            refreshToken: body.refresh_token,
            ...(body.refresh_token_expires_in === undefined ? {} : { refreshTokenExpiresAt: absoluteExpiry(issuedAt, body.refresh_token_expires_in) }),
          }),
    };
  }

  return {
    redeemCode: (code, redirectUri) => post({ grant_type: "authorization_code", code, redirect_uri: redirectUri }, WEBEX_USER_SCOPES),
    refresh: (refreshToken) => post({ grant_type: "refresh_token", refresh_token: refreshToken }, []),
  };
}

/**
 * Webex answers a dead code or refresh token with HTTP 400 and a message ("The refresh token
 * provided is expired, revoked, malformed, or invalid."), not OAuth's `invalid_grant`; this maps
 * 400 to `invalid_grant` so the token manager forgets the record and asks the user to reconnect.
 * 401 means the *client* (id/secret) was refused — a configuration problem that says nothing about
 * the user's grant — so it stays a transient failure and the stored tokens survive the fix.
 */
function endpointError(status: number, text: string, trackingHeader: string | null): WebexTokenEndpointError {
  let parsed: z.infer<typeof ErrorBody> = {};
  try {
    parsed = ErrorBody.parse(JSON.parse(text));
  } catch {
    // not Webex's JSON error shape (a proxy page, an empty body): keep the status
  }
  const detail = parsed.errors?.map((e) => e.description).join("; ") || parsed.message || `HTTP ${status}`;
  const error = status === 400 ? "invalid_grant" : status === 401 ? "invalid_client" : undefined;
  const correlationId = parsed.trackingId ?? trackingHeader ?? undefined;
  return new WebexTokenEndpointError(status, `Webex's token endpoint answered ${status}: ${detail}`, {
    ...(error === undefined ? {} : { error }),
    ...(correlationId === undefined ? {} : { correlationId }),
  });
}

/**
 * The Webex grant for the composition root's single token manager:
 * `createTokenManager({ refresh: { ...webexTokenHooks(deps).refresh, ... } })`.
 * The manager keeps the old refresh token when Webex returns none.
 */
export function webexTokenHooks(deps: { config: Pick<Config, "webex">; now?: () => Date; timeoutMs?: number }): { refresh: { "webex-user": RefreshTokens } } {
  const endpoint = createWebexTokenEndpoint({ webex: deps.config.webex, ...(deps.now ? { now: deps.now } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });
  return {
    refresh: {
      "webex-user": async (tokenSet) => {
        if (tokenSet.refreshToken === undefined) throw new WebexTokenEndpointError(undefined, "no Webex refresh token is stored", { error: "invalid_grant" });
        return endpoint.refresh(tokenSet.refreshToken);
      },
    },
  };
}
