import type { RequestHandler, Response } from 'express';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { hash, webcrypto } from 'node:crypto';
import { bearerOf, LIMITS, MAX_BEARER, problems, SECRET_PREFIX } from '../../contract/index.js';

export interface IdentityOptions {
  /** HS256 key shared with the host's login service (at least 32 bytes). */
  jwtSecret?: string | Uint8Array;
  /** A JWKS endpoint for asymmetric tokens (RS256, ES256, EdDSA, …). */
  jwksUrl?: string;
  /** The claim that holds the user id; `sub` by default. */
  userClaim?: string;
  /** Refuse tokens that another service issued (`iss`). */
  issuer?: string;
  /** Refuse tokens that were issued for another service (`aud`). */
  audience?: string;
  /** Replaces JWT checking altogether: resolve the user id of a bearer, or undefined. */
  authenticate?: (bearer: string) => Promise<string | undefined>;
}

const CLOCK_TOLERANCE_S = 30;

/** Verified user tokens remembered, and for how long at most: a signature cannot change, but a JWKS key can be withdrawn. */
const VERIFIED_TOKENS = 1_000;
const VERIFIED_TTL_MS = 60_000;

export type UserVerifier = (bearer: string) => Promise<string | undefined>;

/** Turns a user's bearer token into their id, or undefined when it is not valid. */
export function createUserVerifier(options: IdentityOptions): UserVerifier {
  if (options.authenticate) return options.authenticate;
  const secret = typeof options.jwtSecret === 'string' ? new TextEncoder().encode(options.jwtSecret) : options.jwtSecret;
  // Imported once, on first use: given raw bytes, jose imports the key again for every token.
  let hmacKey: Promise<webcrypto.CryptoKey> | undefined;
  const importHmacKey = (raw: Uint8Array) =>
    (hmacKey ??= webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']));
  // One shape for both kinds of key: jose takes a key or a function that finds one.
  const key: JWTVerifyGetKey | undefined = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl))
    : secret && (() => importHmacKey(secret));
  if (!key) throw new Error('PAT Kit needs a way to check user tokens: set jwtSecret, jwksUrl or authenticate');
  const claim = options.userClaim ?? 'sub';
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: options.jwksUrl ? undefined : ['HS256'],
    // A token that never expires is a credential nobody can take back.
    requiredClaims: ['exp'],
    // Clocks of the login service and this server may disagree a little.
    clockTolerance: CLOCK_TOLERANCE_S,
  };
  // A portal sends one token with every request: what its signature said is remembered (by the
  // token's digest, until it expires or for a minute), instead of checked again each time.
  const verified = new Map<string, { user: string; until: number }>();
  return async (bearer) => {
    const digest = hash('sha256', bearer, 'base64');
    const known = verified.get(digest);
    if (known && known.until > Date.now()) return known.user;
    verified.delete(digest);
    // Another issuer's token (the host's, beside the demo's) fails at the issuer check anyway:
    // a look at the claims tells so without a signature check and its error.
    if (options.issuer !== undefined && unverifiedIssuer(bearer) !== options.issuer) return undefined;
    try {
      const { payload } = await jwtVerify(bearer, key, verifyOptions);
      const user = payload[claim];
      if (typeof user !== 'string' || user.length === 0 || user.length > LIMITS.idMax) return undefined;
      if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
      verified.set(digest, { user, until: Math.min(payload.exp! * 1000 + CLOCK_TOLERANCE_S * 1000, Date.now() + VERIFIED_TTL_MS) });
      return user;
    } catch {
      return undefined;
    }
  };
}

/** The `iss` a JWT claims, before anything about it is verified; undefined when it names none or is no JWT. */
function unverifiedIssuer(bearer: string): string | undefined {
  try {
    const { iss } = decodeJwt(bearer);
    return iss;
  } catch {
    return undefined;
  }
}

/**
 * Management routes: a valid user token sets `res.locals.userId`; none or a bad one is 401;
 * a PAT is 403, since a PAT cannot manage PATs.
 */
export function requireUser(verify: UserVerifier): RequestHandler {
  return async (req, res, next) => {
    const bearer = bearerOf(req.headers.authorization);
    if (bearer?.startsWith(SECRET_PREFIX)) {
      throw problems.patCannotManage();
    }
    const userId = bearer && bearer.length <= MAX_BEARER ? await verify(bearer) : undefined;
    if (!userId) {
      throw problems.signInFirst();
    }
    res.locals.userId = userId;
    next();
  };
}

/** The user `requireUser` signed in. */
export function userOf(res: Response): string {
  return res.locals.userId as string;
}
