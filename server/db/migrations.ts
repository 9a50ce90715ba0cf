import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { LIMITS, nameKey } from '../../contract/index.js';
import { dialectOf } from './dialect.js';

/**
 * A migration sees the database as it was when the migration was written, not as the app's
 * types say it is now: untyped, as kysely's migrations are.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type SchemaDb = Kysely<any>;

/**
 * Every migration, in order. Frozen once released: a change to the schema is a new entry, never
 * an edit of an old one. Names start with their date so they sort the way they were written.
 */
const migrations: Record<string, Migration> = {
  '2026-11-28-001-create-pats': {
    async up(db: SchemaDb) {
      await db.schema
        .createTable('pats')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
        .addColumn('token_hash', 'text', (col) => col.notNull())
        .addColumn('issued_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text')
        .addColumn('revoked', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('last_used_ip', 'text')
        .execute();
      // Names are unique per user regardless of case; this index also serves the name sort.
      await db.schema
        .createIndex('pats_user_name_unique')
        .on('pats')
        .unique()
        .columns(['user_id'])
        .expression(sql`lower(name)`)
        .execute();
      // One index per list sort key, led by the owner and ending in the id that breaks ties,
      // so a page is an index walk rather than a sort.
      for (const column of ['issued_at', 'expires_at', 'last_used_at']) {
        await db.schema.createIndex(`pats_user_${column}`).on('pats').columns(['user_id', column, 'id']).execute();
      }

      await db.schema
        .createTable('pat_scopes')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('pat_id', 'text', (col) => col.notNull().references('pats.id').onDelete('cascade'))
        .addColumn('entity_type', 'text', (col) => col.notNull())
        .addColumn('operation', 'text', (col) => col.notNull())
        .addColumn('entity_id', 'text', (col) => col.notNull())
        .addColumn('domain_id', 'text', (col) => col.notNull().defaultTo(''))
        .execute();
      // Led by pat_id: it is also the index of "all scopes of a PAT" (authorize, list, count).
      await db.schema
        .createIndex('pat_scopes_unique')
        .on('pat_scopes')
        .unique()
        .columns(['pat_id', 'entity_type', 'operation', 'entity_id', 'domain_id'])
        .execute();
    },
    async down(db: SchemaDb) {
      await db.schema.dropTable('pat_scopes').execute();
      await db.schema.dropTable('pats').execute();
    },
  },
  '2026-11-28-002-list-indexes': {
    async up(db: SchemaDb) {
      // The counts of a user's list (by status, with a name search) and their summary read only
      // this index: without it, each count read every one of the user's rows from the table,
      // and a name search called lower() on each (bench: 10k PATs, 6-20 ms a count).
      await db.schema
        .createIndex('pats_user_status')
        .on('pats')
        .columns(['user_id', 'revoked', 'expires_at'])
        .expression(sql`lower(name)`)
        .execute();
      // The issued_at index also carries the status columns: the oldest PATs are mostly expired
      // or revoked, and "active, oldest first" skips them in the index instead of reading each
      // from the table.
      await db.schema.dropIndex('pats_user_issued_at').execute();
      await db.schema
        .createIndex('pats_user_issued_at_status')
        .on('pats')
        .columns(['user_id', 'issued_at', 'id', 'revoked', 'expires_at'])
        .execute();
    },
    async down(db: SchemaDb) {
      await db.schema.dropIndex('pats_user_issued_at_status').execute();
      await db.schema.createIndex('pats_user_issued_at').on('pats').columns(['user_id', 'issued_at', 'id']).execute();
      await db.schema.dropIndex('pats_user_status').execute();
    },
  },
  '2026-11-28-003-pat-grants': {
    async up(db: SchemaDb) {
      // A copy of each PAT's scopes on its row (see PatsTable.grants): a cache miss of
      // authorize reads one row instead of assembling five or more from the scopes' index.
      await db.schema
        .alterTable('pats')
        .addColumn('grants', 'text', (col) => col.notNull().defaultTo('[]'))
        .execute();
      await db.transaction().execute(async (trx) => {
        let after = '';
        for (;;) {
          const ids = (await trx.selectFrom('pats').select('id').where('id', '>', after).orderBy('id').limit(500).execute()).map(
            (row) => row.id as string,
          );
          if (ids.length === 0) break;
          const scopes = await trx
            .selectFrom('pat_scopes')
            .select(['pat_id', 'entity_type', 'operation', 'entity_id', 'domain_id'])
            .where('pat_id', 'in', ids)
            .orderBy(['pat_id', 'entity_type', 'operation', 'entity_id', 'domain_id'])
            .execute();
          const grants = new Map<string, string[][]>();
          for (const scope of scopes) {
            const list = grants.get(scope.pat_id) ?? [];
            list.push([scope.entity_type, scope.operation, scope.entity_id, scope.domain_id]);
            grants.set(scope.pat_id, list);
          }
          for (const [id, list] of grants)
            await trx
              .updateTable('pats')
              .set({ grants: JSON.stringify(list) })
              .where('id', '=', id)
              .execute();
          after = ids.at(-1)!;
        }
      });
    },
    async down(db: SchemaDb) {
      await db.schema.alterTable('pats').dropColumn('grants').execute();
    },
  },
  '2026-12-04-004-name-key': {
    async up(db: SchemaDb) {
      // Names were unique by an index on lower(name), with a lower() that only PAT Kit's own
      // connections defined: any other tool's integrity check, VACUUM or REINDEX saw or built
      // that index wrongly once a name was not ASCII. The key is computed in TypeScript now and
      // stored; the indexes are plain ones that any SQLite (or PostgreSQL) can check and rebuild.
      await db.schema.dropIndex('pats_user_name_unique').execute();
      await db.schema.dropIndex('pats_user_status').execute();
      await db.schema
        .alterTable('pats')
        .addColumn('name_key', 'text', (col) => col.notNull().defaultTo(''))
        .execute();
      await db.transaction().execute(async (trx) => {
        // A user's PATs in order of issue: where two names now share a key (the new key also
        // folds "ß" to "ss" and unifies compatibility forms), the older keeps its name and the
        // newer gets a free " (2)", " (3)", … so that the unique index can be made.
        let after: [string, string, string] = ['', '', ''];
        let user = '';
        let taken = new Set<string>();
        for (;;) {
          const rows = await trx
            .selectFrom('pats')
            .select(['id', 'user_id', 'name', 'issued_at'])
            .where((eb) => eb(eb.refTuple('user_id', 'issued_at', 'id'), '>', eb.tuple(...after)))
            .orderBy('user_id')
            .orderBy('issued_at')
            .orderBy('id')
            .limit(500)
            .execute();
          if (rows.length === 0) break;
          for (const row of rows) {
            if (row.user_id !== user) {
              user = row.user_id;
              taken = new Set();
            }
            let name: string = row.name;
            let key = nameKey(name);
            for (let n = 2; taken.has(key); n++) {
              const suffix = ` (${n})`;
              name = `${[...row.name].slice(0, LIMITS.nameMax - suffix.length).join('')}${suffix}`;
              key = nameKey(name);
            }
            taken.add(key);
            await trx.updateTable('pats').set({ name, name_key: key }).where('id', '=', row.id).execute();
          }
          const last = rows.at(-1)!;
          after = [last.user_id, last.issued_at, last.id];
        }
      });
      await db.schema.createIndex('pats_user_name_key').on('pats').unique().columns(['user_id', 'name_key']).execute();
      // As pats_user_status was: the counts and a name search read this index alone.
      await db.schema.createIndex('pats_user_status').on('pats').columns(['user_id', 'revoked', 'expires_at', 'name_key']).execute();
    },
    async down(db: SchemaDb) {
      await db.schema.dropIndex('pats_user_status').execute();
      await db.schema.dropIndex('pats_user_name_key').execute();
      await db.schema.alterTable('pats').dropColumn('name_key').execute();
      await db.schema
        .createIndex('pats_user_name_unique')
        .on('pats')
        .unique()
        .columns(['user_id'])
        .expression(sql`lower(name)`)
        .execute();
      await db.schema
        .createIndex('pats_user_status')
        .on('pats')
        .columns(['user_id', 'revoked', 'expires_at'])
        .expression(sql`lower(name)`)
        .execute();
    },
  },
  '2026-12-04-005-last-used-nulls-first': {
    async up(db: SchemaDb) {
      // The list sorts never-used PATs as the least recently used: NULLs first ascending, last
      // descending. SQLite's indexes order NULLs first already; PostgreSQL's put them last, so
      // the last_used_at index could serve neither direction there and every page sorted all
      // of a user's rows (bench: 10k PATs, 5 ms a page).
      if (dialectOf(db) !== 'postgres') return;
      await db.schema.dropIndex('pats_user_last_used_at').execute();
      await sql`create index pats_user_last_used_at on pats (user_id, last_used_at nulls first, id)`.execute(db);
    },
    async down(db: SchemaDb) {
      if (dialectOf(db) !== 'postgres') return;
      await db.schema.dropIndex('pats_user_last_used_at').execute();
      await db.schema.createIndex('pats_user_last_used_at').on('pats').columns(['user_id', 'last_used_at', 'id']).execute();
    },
  },
  '2026-12-04-006-pat-counts': {
    async up(db: SchemaDb) {
      // Every list page and the summary gave a count of the user's PATs by status, and counting
      // 10k index entries cost more than the page itself (PostgreSQL: 1.2 ms of a 4 ms
      // request). The database keeps each user's total and revoked counts itself, through
      // triggers, so that no write path can forget them; the lists count only the expired ones.
      await db.schema
        .createTable('pat_counts')
        .addColumn('user_id', 'text', (col) => col.primaryKey())
        .addColumn('total', 'integer', (col) => col.notNull())
        .addColumn('revoked', 'integer', (col) => col.notNull())
        .execute();
      await sql`insert into pat_counts (user_id, total, revoked)
        select user_id, count(*), sum(revoked) from pats group by user_id`.execute(db);
      if (dialectOf(db) === 'postgres') {
        // Per statement for inserts and deletes: deleting all of a user's 10k PATs updates the
        // count once, not 10k times. A revoke or regenerate changes one row.
        await sql`create function pat_counts_inserted() returns trigger language plpgsql as $$
          begin
            insert into pat_counts as counts (user_id, total, revoked)
              select user_id, count(*), sum(revoked) from added group by user_id
            on conflict (user_id) do update
              set total = counts.total + excluded.total, revoked = counts.revoked + excluded.revoked;
            return null;
          end $$`.execute(db);
        await sql`create function pat_counts_deleted() returns trigger language plpgsql as $$
          begin
            update pat_counts as counts set total = counts.total - gone.total, revoked = counts.revoked - gone.revoked
              from (select user_id, count(*) as total, sum(revoked) as revoked from removed group by user_id) as gone
              where counts.user_id = gone.user_id;
            return null;
          end $$`.execute(db);
        await sql`create function pat_counts_revoked() returns trigger language plpgsql as $$
          begin
            update pat_counts set revoked = revoked + new.revoked - old.revoked where user_id = new.user_id;
            return null;
          end $$`.execute(db);
        await sql`create trigger pats_counted_insert after insert on pats
          referencing new table as added for each statement execute function pat_counts_inserted()`.execute(db);
        await sql`create trigger pats_counted_delete after delete on pats
          referencing old table as removed for each statement execute function pat_counts_deleted()`.execute(db);
        await sql`create trigger pats_counted_revoke after update of revoked on pats
          for each row when (old.revoked <> new.revoked) execute function pat_counts_revoked()`.execute(db);
        return;
      }
      await sql`create trigger pats_counted_insert after insert on pats begin
          insert or ignore into pat_counts (user_id, total, revoked) values (new.user_id, 0, 0);
          update pat_counts set total = total + 1, revoked = revoked + new.revoked where user_id = new.user_id;
        end`.execute(db);
      await sql`create trigger pats_counted_delete after delete on pats begin
          update pat_counts set total = total - 1, revoked = revoked - old.revoked where user_id = old.user_id;
        end`.execute(db);
      await sql`create trigger pats_counted_revoke after update of revoked on pats when old.revoked <> new.revoked begin
          update pat_counts set revoked = revoked + new.revoked - old.revoked where user_id = new.user_id;
        end`.execute(db);
    },
    async down(db: SchemaDb) {
      for (const trigger of ['pats_counted_insert', 'pats_counted_delete', 'pats_counted_revoke']) {
        await sql`drop trigger ${sql.id(trigger)}${dialectOf(db) === 'postgres' ? sql` on pats` : sql``}`.execute(db);
      }
      if (dialectOf(db) === 'postgres') {
        await sql`drop function pat_counts_inserted(), pat_counts_deleted(), pat_counts_revoked()`.execute(db);
      }
      await db.schema.dropTable('pat_counts').execute();
    },
  },
  '2026-12-05-007-created-at': {
    async up(db: SchemaDb) {
      // `issued_at` is when the current secret was issued, and a regenerate moves it: when a PAT
      // was made was lost. Each PAT's creation time from now on; a PAT made before is taken to
      // have been made when its current secret was issued, the earliest time still known.
      // Not null with a default, as SQLite adds a column; every insert names it. One transaction
      // (SQLite's DDL is transactional too): never the column without its values.
      await db.transaction().execute(async (trx) => {
        await trx.schema
          .alterTable('pats')
          .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(''))
          .execute();
        await trx
          .updateTable('pats')
          .set({ created_at: sql`issued_at` })
          .execute();
      });
    },
    async down(db: SchemaDb) {
      await db.schema.alterTable('pats').dropColumn('created_at').execute();
    },
  },
  '2026-12-05-008-activity': {
    async up(db: SchemaDb) {
      // Each PAT's history. No foreign key to `pats`: a deleted PAT's events outlive it (for the
      // owner's audit), until the retention sweep takes them.
      await db.schema
        .createTable('pat_events')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull())
        .addColumn('pat_id', 'text', (col) => col.notNull())
        .addColumn('pat_name', 'text', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('actor', 'text', (col) => col.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('details', 'text', (col) => col.notNull().defaultTo('{}'))
        .execute();
      // A PAT's page and a user's page, newest first, walk these; `deleted` events by time are
      // what the retention sweep looks for.
      await db.schema.createIndex('pat_events_pat').on('pat_events').columns(['pat_id', 'at', 'id']).execute();
      await db.schema.createIndex('pat_events_user').on('pat_events').columns(['user_id', 'at', 'id']).execute();
      await db.schema.createIndex('pat_events_deleted').on('pat_events').column('at').where(sql.ref('kind'), '=', 'deleted').execute();

      // The client addresses each PAT was used from: a use from one not here is a `new_address`.
      await db.schema
        .createTable('pat_addresses')
        .addColumn('pat_id', 'text', (col) => col.notNull())
        .addColumn('ip', 'text', (col) => col.notNull())
        .addColumn('first_used_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('pat_addresses_pk', ['pat_id', 'ip'])
        .execute();

      // Checks per PAT and UTC day, added to by every instance's batches. bigint: one busy PAT
      // can pass PostgreSQL's 32-bit integer in a day.
      await db.schema
        .createTable('pat_usage')
        .addColumn('pat_id', 'text', (col) => col.notNull())
        .addColumn('day', 'text', (col) => col.notNull())
        .addColumn('allowed', 'bigint', (col) => col.notNull().defaultTo(0))
        .addColumn('denied', 'bigint', (col) => col.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('pat_usage_pk', ['pat_id', 'day'])
        .execute();
      await db.schema.createIndex('pat_usage_day').on('pat_usage').column('day').execute();

      // The outbox of notifications: one row per notification and target (a webhook URL, or
      // `callback` for the host's onEvent), written with the change it tells of.
      await db.schema
        .createTable('pat_deliveries')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('event_id', 'text', (col) => col.notNull())
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('target', 'text', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('next_at', 'text', (col) => col.notNull())
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('failed_at', 'text')
        .execute();
      await db.schema
        .createIndex('pat_deliveries_due')
        .on('pat_deliveries')
        .column('next_at')
        .where(sql<boolean>`delivered_at is null and failed_at is null`)
        .execute();
      await db.schema.createIndex('pat_deliveries_created').on('pat_deliveries').column('created_at').execute();

      // Which expiry notices a PAT has had: 0 none, 1 seven days before, 2 one day before, 3 its
      // expiry. A regenerate sets it back to 0. PATs already expired count as told: an upgrade
      // does not notify of every PAT that ever expired.
      await db.transaction().execute(async (trx) => {
        await trx.schema
          .alterTable('pats')
          .addColumn('expiry_notice', 'integer', (col) => col.notNull().defaultTo(0))
          .execute();
        await trx.updateTable('pats').set({ expiry_notice: 3 }).where('expires_at', '<=', new Date().toISOString()).execute();
      });
      // The expiry scan reads the unrevoked PATs still owed a notice, by expiry.
      await db.schema
        .createIndex('pats_expiry_notice')
        .on('pats')
        .column('expires_at')
        .where(sql<boolean>`expiry_notice < 3 and revoked = 0`)
        .execute();
    },
    async down(db: SchemaDb) {
      await db.schema.dropIndex('pats_expiry_notice').execute();
      await db.schema.alterTable('pats').dropColumn('expiry_notice').execute();
      for (const table of ['pat_deliveries', 'pat_usage', 'pat_addresses', 'pat_events']) await db.schema.dropTable(table).execute();
    },
  },
  '2026-12-06-009-allowed-ips-and-leaks': {
    async up(db: SchemaDb) {
      // Read with the rest of the PAT on a miss: a JSON array, as `grants` is.
      await db.schema
        .alterTable('pats')
        .addColumn('allowed_ips', 'text', (col) => col.notNull().defaultTo('[]'))
        .execute();
      // A leak report that revoked the PAT: when, and where its secret was found.
      await db.schema.alterTable('pats').addColumn('leaked_at', 'text').execute();
      await db.schema.alterTable('pats').addColumn('leak_url', 'text').execute();
      await db.schema.alterTable('pats').addColumn('leak_source', 'text').execute();
    },
    async down(db: SchemaDb) {
      for (const column of ['leak_source', 'leak_url', 'leaked_at', 'allowed_ips'])
        await db.schema.alterTable('pats').dropColumn(column).execute();
    },
  },
  '2026-12-07-010-idle-expiry': {
    async up(db: SchemaDb) {
      // A PAT's idle limit, and when it stops working: the earlier of its expiry and its last use
      // (or issue) plus the limit. Statuses, counts and the expiry scan read `ends_at`, so an idle
      // limit costs the lists nothing; without one it is `expires_at`.
      await db.transaction().execute(async (trx) => {
        await trx.schema.alterTable('pats').addColumn('max_idle_ms', 'bigint').execute();
        await trx.schema
          .alterTable('pats')
          .addColumn('ends_at', 'text', (col) => col.notNull().defaultTo(''))
          .execute();
        await trx
          .updateTable('pats')
          .set({ ends_at: sql.ref('expires_at') })
          .execute();
      });
      await db.schema.dropIndex('pats_user_status').execute();
      await db.schema.createIndex('pats_user_status').on('pats').columns(['user_id', 'revoked', 'ends_at', 'name_key']).execute();
      // Sorted "by expiry" is by when a PAT stops working, as the table shows it.
      await db.schema.dropIndex('pats_user_expires_at').execute();
      await db.schema.createIndex('pats_user_ends_at').on('pats').columns(['user_id', 'ends_at', 'id']).execute();
      await db.schema.dropIndex('pats_expiry_notice').execute();
      await db.schema
        .createIndex('pats_expiry_notice')
        .on('pats')
        .column('ends_at')
        .where(sql<boolean>`expiry_notice < 3 and revoked = 0`)
        .execute();
    },
    async down(db: SchemaDb) {
      await db.schema.dropIndex('pats_expiry_notice').execute();
      await db.schema
        .createIndex('pats_expiry_notice')
        .on('pats')
        .column('expires_at')
        .where(sql<boolean>`expiry_notice < 3 and revoked = 0`)
        .execute();
      await db.schema.dropIndex('pats_user_status').execute();
      await db.schema.createIndex('pats_user_status').on('pats').columns(['user_id', 'revoked', 'expires_at', 'name_key']).execute();
      await db.schema.dropIndex('pats_user_ends_at').execute();
      await db.schema.createIndex('pats_user_expires_at').on('pats').columns(['user_id', 'expires_at', 'id']).execute();
      for (const column of ['ends_at', 'max_idle_ms']) await db.schema.alterTable('pats').dropColumn(column).execute();
    },
  },
  '2026-12-08-011-walked-status': {
    async up(db: SchemaDb) {
      // A page of active PATs on SQLite walks its sort key's index and checks each row it passes
      // (see `filtered`): its status, which since 010 is `ends_at`, and a name search's match.
      // These indexes lacked both, so each row passed over was a read of the table: a page of
      // the oldest PATs, most of them expired, took 2.4 ms, and a search had to be counted first
      // to know whether a walk would find its matches soon enough (bench: 10k PATs). Now the
      // index answers both checks, and a walk passes over a row in the index alone.
      await db.schema.dropIndex('pats_user_issued_at_status').execute();
      await db.schema
        .createIndex('pats_user_issued_at_status')
        .on('pats')
        .columns(['user_id', 'issued_at', 'id', 'revoked', 'ends_at', 'name_key'])
        .execute();
      await db.schema.dropIndex('pats_user_last_used_at').execute();
      // PostgreSQL: NULLs first, as 005 has it.
      const lastUsed = dialectOf(db) === 'postgres' ? sql`last_used_at nulls first` : sql`last_used_at`;
      await sql`create index pats_user_last_used_at on pats (user_id, ${lastUsed}, id, revoked, ends_at, name_key)`.execute(db);
    },
    async down(db: SchemaDb) {
      await db.schema.dropIndex('pats_user_issued_at_status').execute();
      await db.schema
        .createIndex('pats_user_issued_at_status')
        .on('pats')
        .columns(['user_id', 'issued_at', 'id', 'revoked', 'expires_at'])
        .execute();
      await db.schema.dropIndex('pats_user_last_used_at').execute();
      const lastUsed = dialectOf(db) === 'postgres' ? sql`last_used_at nulls first` : sql`last_used_at`;
      await sql`create index pats_user_last_used_at on pats (user_id, ${lastUsed}, id)`.execute(db);
    },
  },
  '2026-12-09-012-expiry-due': {
    async up(db: SchemaDb) {
      // The expiry scan's index had `ends_at` alone: each run read every unrevoked PAT ending
      // within a week from the table to learn whether its notice was sent (4,400 of 100k PATs
      // in the bench, 2 ms with nothing due). By notice, then end, each notice's due PATs are
      // one range, and nothing due is three empty ranges.
      await db.schema.dropIndex('pats_expiry_notice').execute();
      await db.schema
        .createIndex('pats_expiry_due')
        .on('pats')
        .columns(['expiry_notice', 'ends_at'])
        .where(sql<boolean>`expiry_notice < 3 and revoked = 0`)
        .execute();
    },
    async down(db: SchemaDb) {
      await db.schema.dropIndex('pats_expiry_due').execute();
      await db.schema
        .createIndex('pats_expiry_notice')
        .on('pats')
        .column('ends_at')
        .where(sql<boolean>`expiry_notice < 3 and revoked = 0`)
        .execute();
    },
  },
  '2026-12-10-013-list-versions': {
    async up(db: SchemaDb) {
      // A name search's total counts the user's matching PATs: 8,000 index entries for a user
      // with 10k PATs, most of a search's time on PostgreSQL. Each user's row now also numbers
      // the changes that can move any list's total (a PAT made, deleted, revoked, renamed, or
      // its end or issue moved), so a total counted once is reused, in SQL, while that number
      // stands and no counted PAT has reached its end. Triggers of their own keep it, beside
      // those that keep the counts; either may run first, so each makes the user's row if needed.
      // An end moved later needs no new version: a total's `until` is the earliest end it counted,
      // so it is then counted again a little early. A last use moves an idle-limited PAT's end
      // later, and its write stays as light as it was (no second row to lock).
      await db.transaction().execute(async (trx) => {
        await trx.schema
          .alterTable('pat_counts')
          .addColumn('version', 'bigint', (col) => col.notNull().defaultTo(0))
          .execute();
        if (dialectOf(trx) === 'postgres') {
          await sql`create function pat_counts_version_added() returns trigger language plpgsql as $$
            begin
              insert into pat_counts as counts (user_id, total, revoked, version)
                select distinct user_id, 0, 0, 1 from added
              on conflict (user_id) do update set version = counts.version + 1;
              return null;
            end $$`.execute(trx);
          await sql`create function pat_counts_version_removed() returns trigger language plpgsql as $$
            begin
              update pat_counts set version = version + 1 where user_id in (select user_id from removed);
              return null;
            end $$`.execute(trx);
          await sql`create function pat_counts_version_changed() returns trigger language plpgsql as $$
            begin
              update pat_counts set version = version + 1 where user_id = new.user_id;
              return null;
            end $$`.execute(trx);
          await sql`create trigger pats_versioned_insert after insert on pats
            referencing new table as added for each statement execute function pat_counts_version_added()`.execute(trx);
          await sql`create trigger pats_versioned_delete after delete on pats
            referencing old table as removed for each statement execute function pat_counts_version_removed()`.execute(trx);
          await sql`create trigger pats_versioned_change after update of revoked, name_key, ends_at, issued_at on pats for each row
            when (old.revoked <> new.revoked or old.name_key <> new.name_key or new.ends_at < old.ends_at or old.issued_at <> new.issued_at)
            execute function pat_counts_version_changed()`.execute(trx);
          return;
        }
        await sql`create trigger pats_versioned_insert after insert on pats begin
            insert or ignore into pat_counts (user_id, total, revoked) values (new.user_id, 0, 0);
            update pat_counts set version = version + 1 where user_id = new.user_id;
          end`.execute(trx);
        await sql`create trigger pats_versioned_delete after delete on pats begin
            update pat_counts set version = version + 1 where user_id = old.user_id;
          end`.execute(trx);
        await sql`create trigger pats_versioned_change after update of revoked, name_key, ends_at, issued_at on pats
            when old.revoked <> new.revoked or old.name_key <> new.name_key or new.ends_at < old.ends_at or old.issued_at <> new.issued_at
          begin
            update pat_counts set version = version + 1 where user_id = new.user_id;
          end`.execute(trx);
      });
    },
    async down(db: SchemaDb) {
      await db.transaction().execute(async (trx) => {
        const postgres = dialectOf(trx) === 'postgres';
        for (const trigger of ['pats_versioned_insert', 'pats_versioned_delete', 'pats_versioned_change']) {
          await sql`drop trigger ${sql.id(trigger)}${postgres ? sql` on pats` : sql``}`.execute(trx);
        }
        if (postgres) {
          await sql`drop function pat_counts_version_added(), pat_counts_version_removed(), pat_counts_version_changed()`.execute(trx);
        }
        await trx.schema.alterTable('pat_counts').dropColumn('version').execute();
      });
    },
  },
};

/**
 * On PostgreSQL kysely runs the pending migrations inside one transaction, under an advisory
 * lock (kysely's SQLite adapter runs none in a transaction, so there a migration opens its own).
 * A migration's `db.transaction()` then runs inline in the runner's: frozen migrations keep
 * their code.
 */
function inRunnersTransaction(db: SchemaDb): SchemaDb {
  if (!db.isTransaction) return db;
  return new Proxy(db, {
    get(target, key) {
      if (key === 'transaction') return () => ({ execute: (body: (trx: SchemaDb) => Promise<unknown>) => body(target) });
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () =>
    Object.fromEntries(
      Object.entries(migrations).map(([name, { up, down }]) => [
        name,
        { up: (db: SchemaDb) => up(inRunnersTransaction(db)), down: down && ((db: SchemaDb) => down(inRunnersTransaction(db))) },
      ]),
    ),
};
