import { connect } from 'node:net';
import { startServer } from '../server/test/harness.js';
const s = await startServer();
const port = new URL(s.url).port;
function raw(text: string): Promise<string> {
  return new Promise((resolve) => { const c = connect(Number(port), '127.0.0.1', () => c.end(text)); let d=''; c.on('data', x=>d+=x); c.on('close', ()=>resolve(d)); c.on('error', e=>resolve('ERR '+e.message)); });
}
console.log((await raw(`GET /api/pats?name=${'x'.repeat(20000)} HTTP/1.1\r\nHost: a\r\n\r\n`)));
console.log((await raw(`GET /api/pats HTTP/1.1\r\nHost: a\r\nX-Big: ${'y'.repeat(20000)}\r\n\r\n`)));
console.log((await raw(`GARBAGE\r\n\r\n`)));
console.log((await fetch(`${s.url}/api/pats?name=${'x'.repeat(9000)}`)).status);
await s.close();
