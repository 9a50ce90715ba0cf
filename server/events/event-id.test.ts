import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEventIds } from './event-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('are UUIDv7s that sort in the order they were made, within a millisecond and across them', () => {
    const eventId = createEventIds();
    const at = Date.parse('2026-12-05T10:00:00.000Z');
    const ids = [eventId(at), eventId(at), eventId(at), eventId(at + 1), eventId(at + 1), eventId(at + 2_000)];
    for (const id of ids) assert.match(id, UUID_V7);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids[0]!.replaceAll('-', '').slice(0, 12), at.toString(16).padStart(12, '0'), 'the millisecond leads');
  });

  it('stay in order when the clock goes back, and past 4,096 in one millisecond', () => {
    const eventId = createEventIds();
    const ids = [eventId(5_000), eventId(4_000)];
    for (let n = 0; n < 5_000; n++) ids.push(eventId(5_000));
    ids.push(eventId(5_001));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });
});
