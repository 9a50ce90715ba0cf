import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_CATALOG,
  DEFAULT_DURATIONS,
  DEFAULT_ENTITY_TYPES,
  DEFAULT_MAX_LIFETIME,
  maxIdleMs,
  operationsOf,
  resolveCatalog,
} from './catalog.js';
import { parseDuration, parseLifetime } from './duration.js';
import { OPERATIONS } from './types.js';

const DAY = 86_400_000;

// The default catalog's table, written out again, in its order.
const MANAGED = ['create', 'read', 'list', 'update', 'delete', 'share', 'unshare'];
const DOCUMENTED_TABLE: [type: string, operations: string[]][] = [
  ['clients', MANAGED],
  ['channels', MANAGED],
  ['groups', MANAGED],
  ['dashboards', MANAGED],
  ['domains', ['read', 'list', 'update', 'delete', 'share', 'unshare']],
  ['users', ['read', 'list', 'update', 'delete']],
  ['messages', ['publish', 'subscribe']],
];

describe('DEFAULT_CATALOG entity types match the documented table', () => {
  it('has exactly the types of the table, in order', () => {
    assert.deepEqual(
      DEFAULT_CATALOG.entity_types.map((entry) => entry.type),
      DOCUMENTED_TABLE.map(([type]) => type),
    );
  });

  for (const [type, operations] of DOCUMENTED_TABLE) {
    it(`${type}: ${operations.join(', ')}`, () => {
      const entry = DEFAULT_CATALOG.entity_types.find((candidate) => candidate.type === type);
      assert.ok(entry, `${type} is missing`);
      assert.deepEqual(entry.operations, operations);
      assert.equal(typeof entry.label, 'string');
      assert.ok(entry.label.trim().length > 0, 'has a label');
    });
  }

  it('uses only operations the wire types know, without duplicates', () => {
    for (const entry of DEFAULT_CATALOG.entity_types) {
      assert.equal(new Set(entry.operations).size, entry.operations.length, `${entry.type} repeats an operation`);
      for (const op of entry.operations) assert.ok((OPERATIONS as readonly string[]).includes(op), `${entry.type}: ${op}`);
    }
  });

  it('is made of the exported defaults', () => {
    assert.equal(DEFAULT_CATALOG.entity_types, DEFAULT_ENTITY_TYPES);
    assert.equal(DEFAULT_CATALOG.durations, DEFAULT_DURATIONS);
    assert.equal(DEFAULT_CATALOG.max_lifetime, DEFAULT_MAX_LIFETIME);
  });
});

describe('operationsOf', () => {
  for (const [type, operations] of DOCUMENTED_TABLE) {
    it(`knows ${type}`, () => {
      assert.deepEqual(operationsOf(DEFAULT_CATALOG, type), operations);
    });
  }

  for (const type of ['devices', '', '*', 'Clients', 'clients ', 'client', 'constructor', 'toString', '__proto__']) {
    it(`does not know ${JSON.stringify(type)}`, () => {
      assert.equal(operationsOf(DEFAULT_CATALOG, type), undefined);
    });
  }

  it("reads a host's own catalog, not the default", () => {
    const host = { entity_types: [{ type: 'devices', label: 'Devices', operations: ['read', 'reboot'] }] };
    assert.deepEqual(operationsOf(host, 'devices'), ['read', 'reboot']);
    assert.equal(operationsOf(host, 'clients'), undefined);
  });

  it('an empty catalog knows nothing', () => {
    assert.equal(operationsOf({ entity_types: [] }, 'clients'), undefined);
  });
});

describe('default durations', () => {
  it('the max lifetime is 365 days', () => {
    assert.equal(DEFAULT_MAX_LIFETIME, '365d');
    assert.deepEqual(parseDuration(DEFAULT_MAX_LIFETIME), { ok: true, ms: 365 * DAY });
  });

  const maxMs = 365 * DAY;
  const expected: [value: string, ms: number][] = [
    ['24h', DAY],
    ['7d', 7 * DAY],
    ['30d', 30 * DAY],
    ['90d', 90 * DAY],
    ['1y', 365 * DAY],
  ];

  it('are the expected presets', () => {
    assert.deepEqual(
      DEFAULT_DURATIONS.map((preset) => preset.value),
      expected.map(([value]) => value),
    );
  });

  for (const preset of DEFAULT_DURATIONS) {
    it(`${JSON.stringify(preset.value)} (${preset.label}) parses and is within the max lifetime`, () => {
      const parsed = parseLifetime(preset.value, maxMs);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      assert.equal(parsed.ms, expected.find(([value]) => value === preset.value)?.[1]);
      assert.ok(preset.label.trim().length > 0, 'has a label');
    });
  }

  it('are in increasing order with no repeats', () => {
    const ms = DEFAULT_DURATIONS.map((preset) => {
      const parsed = parseDuration(preset.value);
      assert.ok(parsed.ok);
      return parsed.ms;
    });
    for (let i = 1; i < ms.length; i++)
      assert.ok(ms[i]! > ms[i - 1]!, `${DEFAULT_DURATIONS[i]!.value} after ${DEFAULT_DURATIONS[i - 1]!.value}`);
  });
});

describe('maxIdleMs and the catalog’s max_idle', () => {
  it('is the server’s limit when none is asked, else the asked one within its bounds', () => {
    assert.equal(maxIdleMs(undefined, null, 365 * DAY), null);
    assert.equal(maxIdleMs(undefined, 90 * DAY, 365 * DAY), 90 * DAY);
    assert.equal(maxIdleMs('30d', 90 * DAY, 365 * DAY), 30 * DAY);
    assert.equal(maxIdleMs('24h', null, 365 * DAY), DAY);
  });

  it('refuses, naming max_idle, what is too short, too long or no duration', () => {
    const reason = (requested: string, server: number | null, lifetime = 365 * DAY) => {
      try {
        maxIdleMs(requested, server, lifetime);
        return 'accepted';
      } catch (error) {
        const details = (error as { details?: { field: string; message: string }[] }).details!;
        assert.equal(details[0]!.field, 'max_idle');
        return details[0]!.message;
      }
    };
    assert.equal(reason('23h', null), 'must be at least 1d');
    assert.equal(reason('91d', 90 * DAY), "must be at most 90d (the server's maximum idle time)");
    assert.equal(reason('2y', null), 'must be at most 1y (the maximum lifetime)');
    assert.equal(reason('later', null), '"later" is not a duration; use e.g. "24h", "30d", "1w" or "1y"');
  });

  it('resolveCatalog sends the server’s limit as max_idle, null without one, and refuses one under a day', () => {
    assert.equal(resolveCatalog().catalog.max_idle, null);
    const { catalog, maxIdleMs: server } = resolveCatalog(DEFAULT_CATALOG, '365d', '2160h');
    assert.deepEqual([catalog.max_idle, server], ['90d', 90 * DAY]);
    assert.throws(() => resolveCatalog(DEFAULT_CATALOG, '365d', '12h'), /maxIdle "12h" is not a duration of a day or more/);
  });
});
