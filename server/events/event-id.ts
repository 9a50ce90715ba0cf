import { randomBytes } from 'node:crypto';

/** Makes event ids for times in epoch milliseconds. */
export type EventIds = (ms: number) => string;

/**
 * Time-ordered ids (UUIDv7, RFC 9562): the millisecond, then a counter within it, then random
 * bits. Events that share a time keep the order in which this process made them (the lists
 * break ties by id), and two instances' ids never collide.
 */
export function createEventIds(): EventIds {
  let lastMs = -1;
  let counter = 0;
  return (at) => {
    let ms = Math.max(0, Math.floor(at));
    if (ms > lastMs) counter = 0;
    else {
      ms = lastMs;
      counter++;
      // 12 bits a millisecond; past that the ids borrow the next one.
      if (counter > 0xfff) {
        ms++;
        counter = 0;
      }
    }
    lastMs = ms;
    const bytes = randomBytes(16);
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
