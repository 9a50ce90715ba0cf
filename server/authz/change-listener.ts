import type pg from 'pg';
import { postgresDriver } from '../db/drivers.js';
import { CHANGES_CHANNEL } from '../pats/pat.repository.js';

export interface ChangeListenerOptions {
  /** The PostgreSQL database the instances share. */
  url: string;
  /** PATs another instance (or this one) changed. */
  onChange: (patIds: string[]) => void;
  /** Listening again: what changed while it was not may never be told. */
  onListening: () => void;
  /** Not listening any more: changes elsewhere would go unheard until `onListening`. */
  onLost: (error: unknown) => void;
}

export interface ChangeListener {
  close(): Promise<void>;
}

const RETRY_FIRST_MS = 100;
const RETRY_MOST_MS = 5_000;
/** How often a quiet connection is asked whether it is still there. */
const HEARTBEAT_MS = 5_000;

/**
 * One connection of its own (`pat-kit-listener` in pg_stat_activity) that LISTENs for the PATs
 * changed on any instance. When it is lost — the server restarted, the connection was
 * terminated, the network went — `onLost` is told at once and it connects again by itself,
 * waiting longer each time up to 5 s; `onListening` is told once it listens again.
 */
export function listenForChanges({ url, onChange, onListening, onLost }: ChangeListenerOptions): ChangeListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = RETRY_FIRST_MS;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  function lost(from: pg.Client, error: unknown): void {
    if (client !== from) return;
    client = undefined;
    clearInterval(heartbeat);
    from.removeAllListeners('notification');
    // A broken client must not throw its later 'error' events at nobody.
    from.on('error', () => {});
    void from.end().catch(() => {});
    if (closed) return;
    onLost(error);
    retry = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MOST_MS);
  }

  async function connect(): Promise<void> {
    const next = new (postgresDriver().Client)({ connectionString: url, application_name: 'pat-kit-listener', keepAlive: true });
    client = next;
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('the listening connection ended')));
    next.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL && message.payload) onChange(message.payload.split(','));
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANGES_CHANNEL}`);
    } catch (error) {
      lost(next, error);
      return;
    }
    if (client !== next || closed) return;
    retryMs = RETRY_FIRST_MS;
    // A connection whose peer vanished without a word is only found out by using it.
    heartbeat = setInterval(() => void next.query('select 1').catch((error) => lost(next, error)), HEARTBEAT_MS);
    heartbeat.unref();
    onListening();
  }

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
