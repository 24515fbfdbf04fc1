import { SignJWT } from "jose";
import { verifyAccessToken, type SigningKeys, type TokenCheck } from "../common/tokens";
import { issuerFor, nowSeconds, type IdentityContext } from "./context";
import { BOTFRAMEWORK_RESOURCE } from "./permissions";

/**
 * The Bot Framework side of identity.
 *
 * Channel → bot: the channel (Teams) signs a JWT with a key published at
 * login.botframework.com's OpenID metadata; botframework-connector's ChannelValidation checks
 * issuer = `https://api.botframework.com` (ToBotFromChannelTokenIssuer), audience = the bot's
 * app id, a `serviceurl` claim equal to the activity's serviceUrl, and — because the key carries
 * `endorsements` — that the activity's channelId is endorsed. The token has no `ver`/`appid`
 * claims, so the connector does not mistake it for a skill or emulator token.
 *
 * Bot → channel: the bot gets a client-credentials token from
 * `POST /botframework.com/oauth2/v2.0/token` with scope `https://api.botframework.com/.default`
 * (token-endpoint.ts issues it); the connector emulator checks it with `verifyBotToken`.
 */

/** What `ToBotFromChannelTokenIssuer` must be (Microsoft's real value). */
export const CHANNEL_TOKEN_ISSUER = "https://api.botframework.com";
/** The audience of bot → channel tokens, and `ToChannelFromBotOAuthScope`. */
export const BOTFRAMEWORK_AUDIENCE = BOTFRAMEWORK_RESOURCE;

export interface ChannelTokenRequest {
  botAppId: string;
  serviceUrl: string;
  /**
   * The channel the activity will claim. Channel tokens carry no channel claim — the channel is
   * bound by the signing key's endorsements — so this is informational; an activity whose
   * channelId is not in `channelEndorsements` fails validation at the bot.
   */
  channelId?: string;
  lifetimeSeconds?: number;
}

export function openIdMetadataPath(): string {
  return "/botframework/v1/.well-known/openidconfiguration";
}

export function channelOpenIdConfiguration(ctx: IdentityContext): Record<string, unknown> {
  const base = ctx.baseUrl();
  return {
    issuer: CHANNEL_TOKEN_ISSUER,
    authorization_endpoint: "https://invalid.botframework.com",
    jwks_uri: `${base}/botframework/v1/.well-known/keys`,
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
  };
}

export function channelJwks(ctx: IdentityContext, channelKeys: SigningKeys): { keys: Record<string, unknown>[] } {
  return { keys: channelKeys.jwks.keys.map((k) => ({ ...k, endorsements: [...ctx.settings.channelEndorsements] })) };
}

export async function issueChannelToken(ctx: IdentityContext, channelKeys: SigningKeys, req: ChannelTokenRequest): Promise<string> {
  const now = nowSeconds(ctx);
  return new SignJWT({ serviceurl: req.serviceUrl })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: channelKeys.kid })
    .setIssuer(CHANNEL_TOKEN_ISSUER)
    .setAudience(req.botAppId)
    .setNotBefore(now - 5 * 60)
    .setExpirationTime(now + (req.lifetimeSeconds ?? ctx.settings.channelTokenLifetimeSeconds))
    .sign(channelKeys.privateKey);
}

/**
 * Verifies a bot → channel token as the Bot Connector service does: our signature and issuer,
 * audience `https://api.botframework.com`, not expired (by the emulator's clock). The caller
 * decides whether `claims.appid` is the bot it expects.
 */
export function verifyBotToken(ctx: IdentityContext, token: string | undefined): Promise<TokenCheck> {
  return verifyAccessToken(ctx.keys, token, {
    audience: BOTFRAMEWORK_AUDIENCE,
    issuer: (tid) => issuerFor(ctx.baseUrl(), tid),
    now: ctx.now(),
  });
}
