import { Router } from 'express';
import { SignJWT } from 'jose';
import { demoLoginBody } from '../../contract/schemas.js';
import { HttpError } from '../http/errors.js';
import { jsonBody } from '../http/json-body.js';
import { validate } from '../http/validate.js';

export interface DemoUser {
  id: string;
  name: string;
  email: string;
}

export const DEMO_USERS: DemoUser[] = [
  { id: 'alice', name: 'Alice Johnson', email: 'alice@example.com' },
  { id: 'bob', name: 'Bob Martin', email: 'bob@example.com' },
  { id: 'carol', name: 'Carol Nguyen', email: 'carol@example.com' },
];

/**
 * Demo mode only: `GET /demo/users` and `POST /demo/login {user}` → `{access_token, user}`, an
 * HS256 token signed with the server's own secret, so the demo page can sign in and switch users.
 */
export function createDemoRouter(jwtSecret: string): Router {
  const key = new TextEncoder().encode(jwtSecret);
  const router = Router();
  router.get('/demo/users', (_req, res) => {
    res.json({ users: DEMO_USERS });
  });
  router.post('/demo/login', ...jsonBody(1024), async (req, res) => {
    const { user: wanted } = validate(demoLoginBody, req.body);
    const user = DEMO_USERS.find((candidate) => candidate.id === wanted);
    if (!user) throw new HttpError(404, 'not_found', `No demo user "${wanted}"; try ${DEMO_USERS.map((u) => u.id).join(', ')}.`);
    const accessToken = await new SignJWT({ name: user.name, email: user.email })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(key);
    res.json({ access_token: accessToken, user });
  });
  return router;
}
