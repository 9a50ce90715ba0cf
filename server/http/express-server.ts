import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * An HTTP server for an Express app whose requests and responses are born with the app's
 * request and response prototypes. It makes each of those prototypes a subclass's prototype
 * (a class of Node's `IncomingMessage`, of `ServerResponse`) that inherits what it held, so what
 * Express or the host adds to them later is still seen.
 *
 * Why: Express gives every request and response those prototypes with `Object.setPrototypeOf`.
 * On V8 (Node 20) an object whose prototype is changed that way kept the request's objects
 * alive through the young generation's collections: a fifth to a third of what a request
 * allocated was copied, then promoted, and each collection took 1.5–5 ms instead of 0.3. Born
 * with the prototype, the `setPrototypeOf` finds it in place and does nothing: the check over
 * HTTP took half the CPU (docs/performance.md, round six).
 */
export function createExpressServer(app: Express): Server {
  const Request = bornWith(IncomingMessage, app.request);
  const Response = bornWith(ServerResponse, app.response);
  app.request = Request.prototype as Express['request'];
  app.response = Response.prototype as Express['response'];
  return createServer({ IncomingMessage: Request, ServerResponse: Response }, app);
}

/** A class of `Base` whose instances have `prototype`'s properties: `prototype`'s own class when it is one (a second server). */
function bornWith<T extends typeof IncomingMessage | typeof ServerResponse>(Base: T, prototype: object): T {
  const own = Object.hasOwn(prototype, 'constructor') ? (prototype as { constructor: T }).constructor : undefined;
  if (typeof own === 'function' && own.prototype === prototype) return own;
  const Born = class extends (Base as typeof IncomingMessage) {};
  Object.setPrototypeOf(Born.prototype, prototype);
  return Born as unknown as T;
}
