/**
 * The server logs through any logger with info, warn and error, called as pino's are (a message,
 * or details and a message): `console`, or a host's own.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Logger } from '../logger.js';
import { startServer } from './harness.js';

// `console` is such a logger, as the option's type says.
const consoleIsALogger: Logger = console;

/** A logger that keeps what it is told, with no level check (as `console` has none). */
function recordingLogger() {
  const lines: { level: string; details?: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (first: string | Record<string, unknown>, message?: string): void => {
      lines.push(typeof first === 'string' ? { level, message: first } : { level, details: first, message: message! });
    };
  const logger: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

describe('a logger of the host', () => {
  it('is the only place the server logs to: a line per request, and the error behind a 500', async () => {
    assert.equal(typeof consoleIsALogger.info, 'function');
    const { logger, lines } = recordingLogger();
    const server = await startServer({ logger });
    try {
      const token = await server.tokenFor('log-user');
      assert.equal((await server.call('GET', '/pats?limit=1', { token })).status, 200);
      const request = lines.find((line) => line.message === 'request');
      assert.ok(request, `no request line in ${JSON.stringify(lines)}`);
      assert.equal(request.level, 'info');
      assert.deepEqual({ ...request.details, ms: 0 }, { method: 'GET', path: '/api/pats', status: 200, ms: 0 });

      // A database that is gone: the request fails with 500 and the error reaches the logger.
      await server.db.destroy();
      const failed = await server.call('GET', '/pats', { token });
      assert.equal(failed.status, 500);
      const error = lines.find((line) => line.level === 'error');
      assert.ok(error, `no error line in ${JSON.stringify(lines)}`);
      assert.equal(error.message, 'request failed');
      assert.ok(error.details?.err instanceof Error);
      // Nothing of the token in any line.
      assert.ok(!JSON.stringify(lines).includes(token));
    } finally {
      await server.close().catch(() => {});
    }
  });
});
