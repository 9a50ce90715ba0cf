/**
 * The yardstick for "authorize over HTTP": Express 5 with the same JSON body parsing and the same
 * answer shape as `POST /api/authorize`, and no authorization work at all. Run as a child process
 * (`node --import tsx bench/bare-server.ts`), exactly like the standalone server. Served by
 * `app.listen()` as Express has it, or, with BARE_SERVER=createExpressServer, by the server the
 * standalone server uses.
 */
import express, { json } from 'express';
import { LIMITS } from '../contract/index.js';
import { createExpressServer } from '../server/http/express-server.js';

const app = express();
app.disable('x-powered-by');
app.post('/api/authorize', json({ limit: LIMITS.bodyBytes }), (req, res) => {
  const body = req.body as { entity_id?: unknown };
  res.json({
    allowed: true,
    user_id: 'user-042',
    pat_id: typeof body.entity_id === 'string' ? '0b4f1c9e-6a57-4d2e-9a51-1f0e7f3c2d11' : '',
  });
});
app.get('/', (_req, res) => {
  res.type('text').send('bare');
});
const http = process.env.BARE_SERVER === 'createExpressServer' ? createExpressServer(app) : undefined;
const server = (http ?? app).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
