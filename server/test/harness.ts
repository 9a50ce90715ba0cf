import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import { SignJWT } from 'jose';
import pg from 'pg';
import { pino } from 'pino';
import { createApp, type AppOptions } from '../app.js';
import { openDatabase, type PatDatabase } from '../db/database.js';
import { assertDocumented } from './documented.js';

export const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** A clock the tests move by hand. */
export class TestClock {
  constructor(public ms = Date.parse('2026-01-01T00:00:00.000Z')) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  db: PatDatabase;
  clock: TestClock;
  app: ReturnType<typeof createApp>;
  /** A valid user access token for `user`. */
  tokenFor(user: string): Promise<string>;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  close(): Promise<void>;
}

export async function signUserToken(user: string, secret = JWT_SECRET, expiresIn = '1h'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/**
 * A fetch-based caller for a server at `base` (e.g. `http://127.0.0.1:1234/api`). Every answer
 * must be one the API document describes (documented.ts).
 */
export function makeCaller(base: string) {
  return async function call<T = any>(
    method: string,
    path: string,
    { token, body, raw, headers = {} }: CallOptions = {},
  ): Promise<CallResult<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    const sent = init.headers as Record<string, string>;
    if (token) sent.authorization = `Bearer ${token}`;
    if (raw !== undefined || body !== undefined) {
      sent['content-type'] ??= 'application/json';
      init.body = raw ?? JSON.stringify(body);
    }
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
    const result = { status: response.status, body: parsed as T, headers: response.headers };
    assertDocumented(method, `${base}${path}`, result);
    return result;
  };
}

export interface Listening {
  url: string;
  /** `path` is relative to the server's root. */
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  close(): Promise<void>;
}

/** A port nothing listens on now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Serves a request listener on a free loopback port: an Express app through its own `listen()`
 * (createApp's also answers Node's client errors), anything else through a plain server.
 */
export async function listen(
  handler: RequestListener & { listen?: (port: number, host: string, ready: () => void) => Server },
): Promise<Listening> {
  const server: Server = await new Promise((resolve) => {
    const listening = handler.listen
      ? handler.listen(0, '127.0.0.1', () => resolve(listening))
      : createServer(handler).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    call: makeCaller(url),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The real app on a real in-memory SQLite database, listening on a free loopback port.
 * `path` in `call` is relative to `/api`.
 */
export async function startServer(options: Partial<AppOptions> & { dbPath?: string } = {}): Promise<TestServer> {
  const { dbPath, ...appOptions } = options;
  const owned = appOptions.db ? undefined : await openTestDatabase(dbPath);
  const db = appOptions.db ?? owned!.db;
  const clock = new TestClock();
  const app = createApp({ jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }), now: clock.now, ...appOptions, db });
  const server = await listen(app);

  return {
    url: server.url,
    db,
    clock,
    app,
    tokenFor: (user) => signUserToken(user),
    call: makeCaller(`${server.url}/api`),
    async close() {
      await server.close();
      await app.locals.patKit.close();
      if (owned) await owned.close();
      else await db.destroy();
    },
  };
}

export interface TestDatabase {
  db: PatDatabase;
  /** The URL it was opened with, on PostgreSQL. */
  url?: string;
  close(): Promise<void>;
}

/** The dialect the server suite runs on: PostgreSQL when PAT_TEST_DATABASE_URL is set. */
export const TEST_DIALECT = process.env.PAT_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

let databases = 0;

/**
 * A fresh, empty database of the suite's dialect: in-memory SQLite, or a new database on the
 * PAT_TEST_DATABASE_URL server, dropped on close. With `sqlitePath`, that SQLite file (tests of
 * what SQLite keeps on disk).
 */
export async function openTestDatabase(sqlitePath?: string): Promise<TestDatabase> {
  const server = process.env.PAT_TEST_DATABASE_URL;
  if (!server || sqlitePath) {
    const db = await openDatabase(sqlitePath ?? ':memory:');
    return { db, close: () => db.destroy() };
  }
  const name = `pat_kit_test_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString());
  return {
    db,
    url: url.toString(),
    async close() {
      await db.destroy();
      const dropper = new pg.Client({ connectionString: server });
      await dropper.connect();
      try {
        // FORCE may not end an autovacuum worker busy on the database (a superuser's process,
        // which an ordinary role may not signal): the worker soon ends, and the drop is tried again.
        for (let attempt = 1; ; attempt++) {
          try {
            await dropper.query(`drop database ${name} with (force)`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== '42501' || attempt === 20) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        await dropper.end();
      }
    },
  };
}
