/**
 * `npm start`'s demo data. Before the server starts in demo mode on a database that has no PAT
 * yet, this puts in the demo users' tokens of the mocks' `default` scenario (what `npm run dev`
 * shows): their scopes, their history, their daily checks of the last 90 days and the client
 * addresses they were used from, so the demo's table, timelines and usage charts are not empty.
 * Every token gets a new random secret, shown to no one. Anything else (demo mode off, a
 * database with PATs, settings the server will refuse) leaves the database as it is.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildSecret, DEMO_USERS, nameKey, parseDuration, type PatEvent, type Scope } from '../contract/index.js';
import { scenarios } from '../mocks/scenarios.js';
import type { MockStore } from '../mocks/store.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { openDatabase, type PatDatabase } from '../server/db/database.js';
import { createEventIds } from '../server/events/event-id.js';
import { owed } from '../server/events/expiry-scan.js';
import { insertEvents } from '../server/events/event.repository.js';
import { grantsOf, hasPats, insertPat, insertScopes, type ScopeRow } from '../server/pats/pat.repository.js';
import { createTokenHasher, type TokenHasher } from '../server/tokens/token.js';
import type { UseCount } from '../server/usage/use-batch.js';
import { insertAddresses, useWriter } from '../server/usage/use.repository.js';

/** More than any scenario user has. */
const ALL = 1_000;
/** The days of counts kept (see USAGE_DAYS). */
const USAGE_DAYS_KEPT = 90;

/** A PAT's `max_idle` as the mocks show it ("30d"), in milliseconds. */
function durationMs(text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new Error(`the mocks' max_idle "${text}" is not a duration`);
  return parsed.ms;
}

/** Seeds the demo users' tokens from `store` into `db`; returns how many each user got. */
export async function seedDemo(
  db: PatDatabase,
  { now = Date.now(), hashToken = createTokenHasher() }: { now?: number; hashToken?: TokenHasher } = {},
) {
  const store: MockStore = scenarios.default({ now, clock: () => now });
  const seeded: Record<string, number> = {};
  const events: (PatEvent & { user_id: string })[] = [];
  const counts: UseCount[] = [];
  await db.transaction().execute(async (trx) => {
    for (const { id: userId } of DEMO_USERS) {
      const { pats } = store.list(userId, { offset: 0, limit: ALL, status: 'all', sort: 'issued_at', dir: 'asc' });
      seeded[userId] = pats.length;
      for (const pat of pats) {
        const scopes: ScopeRow[] = store
          .listScopes(userId, pat.id, 0, ALL)
          .scopes.map(({ id, entity_type, operation, entity_id, domain_id }: Scope) => ({
            id,
            pat_id: pat.id,
            entity_type,
            operation,
            entity_id,
            domain_id: domain_id ?? '',
          }));
        const endsAt = pat.idle_expires_at ?? pat.expires_at;
        await insertPat(trx, {
          id: pat.id,
          user_id: userId,
          name: pat.name,
          name_key: nameKey(pat.name),
          description: pat.description,
          token_hash: hashToken(buildSecret(pat.id, randomBytes(32))),
          created_at: pat.created_at,
          issued_at: pat.issued_at,
          expires_at: pat.expires_at,
          updated_at: pat.updated_at,
          revoked: pat.revoked ? 1 : 0,
          revoked_at: pat.revoked_at,
          last_used_at: pat.last_used_at,
          last_used_ip: pat.last_used_ip,
          grants: grantsOf(scopes),
          allowed_ips: JSON.stringify(pat.allowed_ips),
          max_idle_ms: pat.max_idle === null ? null : durationMs(pat.max_idle),
          ends_at: endsAt,
          // Past every notice already owed: the demo sends none for its history (its `expired` events are seeded).
          expiry_notice: owed({ ...pat, ends_at: endsAt, max_idle_ms: null, expiry_notice: 0 }, now).stage,
        });
        if (scopes.length > 0) await insertScopes(trx, scopes);
        const { days } = store.usage(userId, pat.id, USAGE_DAYS_KEPT);
        for (const { day, allowed, denied } of days) if (allowed + denied > 0) counts.push({ id: pat.id, day, allowed, denied });
      }
      // Oldest first, ids made in that order: the order the server lists events in (by time, then id).
      const eventId = createEventIds();
      for (const event of store.listEvents(userId, 0, ALL).events.reverse()) {
        events.push({ ...event, id: eventId(Date.parse(event.at)), user_id: userId });
      }
    }
    await insertEvents(
      trx,
      events.map((event) => ({
        id: event.id,
        user_id: event.user_id,
        pat_id: event.pat_id,
        pat_name: event.pat_name,
        kind: event.kind,
        at: event.at,
        actor: event.actor,
        ip: event.ip,
        user_agent: event.user_agent,
        details: JSON.stringify(event.details),
      })),
    );
    await insertAddresses(
      trx,
      events
        .filter((event) => event.kind === 'new_address' && event.ip !== null)
        .map((event) => ({ pat_id: event.pat_id, ip: event.ip!, first_used_at: event.at })),
    );
  });
  // The daily counts go the way checks leave them.
  await useWriter(db)({ lastUses: [], counts, addresses: [] });
  return seeded;
}

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    // The server says what is wrong with the settings, as it starts.
    if (error instanceof ConfigError) return 0;
    throw error;
  }
  if (!config.demo) return 0;
  const db = await openDatabase(config.databaseUrl ?? config.dbPath);
  try {
    if (await hasPats(db)) return 0;
    const seeded = await seedDemo(db, { hashToken: createTokenHasher(config.pepper) });
    const users = Object.entries(seeded)
      .filter(([, count]) => count > 0)
      .map(([user, count]) => `${user} ${count}`);
    console.log(`demo: seeded the demo users' tokens with their history and usage (${users.join(', ')})`);
    return 0;
  } finally {
    await db.destroy();
  }
}

const invoked = process.argv[1] && existsSync(process.argv[1]) ? pathToFileURL(realpathSync(process.argv[1])).href : undefined;
if (invoked === import.meta.url) process.exitCode = await main();
