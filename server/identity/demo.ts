import { randomBytes } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { SignJWT } from 'jose';
import { DEMO_USERS, findDemoEntities, problems } from '../../contract/index.js';
import { demoEntitiesQuery, demoLoginBody } from '../../contract/schemas.js';
import { readJsonBody } from '../http/json-body.js';
import { noStore } from '../http/no-store.js';
import { limitEveryRequest, type RateLimit } from '../http/rate-limit.js';
import { validate } from '../http/validate.js';
import { createUserVerifier, type UserVerifier } from './identity.js';

const DEMO_ISSUER = 'pat-kit-demo';

export interface DemoSignIn {
  /** `GET /demo/users`, `POST /demo/login {user}` → `{access_token, user}` and `GET /demo/entities?type=&q=` → `{entities}`. */
  router: Router;
  /** The user of a demo token signed by this very sign-in, or undefined. */
  verify: UserVerifier;
}

/**
 * Demo mode: the demo page signs in as a demo user and switches users. Its tokens are signed
 * with a key of its own, random at every start and never the host's, so they are worth nothing
 * to any other service and nothing once demo mode is off. Sign-ins are limited per address.
 */
export function createDemoSignIn({ rateLimit }: { rateLimit: RateLimit | false }): DemoSignIn {
  const key = randomBytes(32);
  const router = Router();
  router.get('/demo/users', noStore, (_req, res) => {
    res.json({ users: DEMO_USERS });
  });
  // The demo portal's own entities, so its scope editor and scopes table show names.
  router.get('/demo/entities', noStore, (req, res) => {
    const { type, q } = validate(demoEntitiesQuery, req.query);
    res.json({ entities: findDemoEntities(type, q) });
  });
  const limit: RequestHandler[] = rateLimit ? [limitEveryRequest(rateLimit, 'demo sign-ins')] : [];
  router.post('/demo/login', noStore, ...limit, readJsonBody(1024), async (req, res) => {
    const { user: wanted } = validate(demoLoginBody, req.body);
    const user = DEMO_USERS.find((candidate) => candidate.id === wanted);
    if (!user)
      throw problems.noDemoUser(
        wanted,
        DEMO_USERS.map((u) => u.id),
      );
    const accessToken = await new SignJWT({ name: user.name, email: user.email })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_ISSUER)
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(key);
    res.json({ access_token: accessToken, user });
  });
  const verify = createUserVerifier({ jwtSecret: key, issuer: DEMO_ISSUER, audience: DEMO_ISSUER });
  return { router, verify };
}
