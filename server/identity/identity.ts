import type { RequestHandler, Response } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { webcrypto } from 'node:crypto';
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
  return async (bearer) => {
    try {
      const { payload } = await jwtVerify(bearer, key, verifyOptions);
      const user = payload[claim];
      return typeof user === 'string' && user.length > 0 && user.length <= LIMITS.idMax ? user : undefined;
    } catch {
      return undefined;
    }
  };
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
