import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import { request } from 'node:http';
import { startServer } from '../server/test/harness.js';
const s = await startServer();
const alice = await s.tokenFor('alice');
function send(path: string, headers: Record<string,string>, body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const u = new URL(s.url + path);
    const r = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}`, ...headers } }, (res) => { let d=''; res.on('data', c=>d+=c); res.on('end', ()=>resolve(`${res.statusCode} ${d}`)); });
    r.on('error', (e) => resolve('ERR ' + e.message));
    r.end(body);
  });
}
const good = Buffer.from(JSON.stringify({ name: 'x', duration: '1d' }));
for (const [enc, body] of [['gzip', Buffer.from('not gzip at all')], ['deflate', Buffer.from('nope')], ['br', Buffer.from('nope nope nope')], ['gzip', gzipSync(good).subarray(0, 10)], ['zstd', good], ['compress', good], ['gzip', gzipSync(Buffer.from([0x7b, 0xff, 0x7d]))]] as const) {
  console.log(enc, await send('/api/pats', { 'content-encoding': enc }, body as Buffer));
  console.log('authz', enc, await send('/api/authorize', { 'content-encoding': enc }, body as Buffer));
}
console.log('bad utf8', await send('/api/pats', {}, Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xff]), Buffer.from('","duration":"1d"}')])));
console.log('latin1', await send('/api/pats', { 'content-type': 'application/json; charset=latin1' }, good));
console.log('utf16', await send('/api/pats', { 'content-type': 'application/json; charset=utf-16' }, good));
console.log('utf8 ok', await send('/api/pats', { 'content-type': 'application/json; charset=UTF-8' }, good));
console.log('gz ok', await send('/api/pats', { 'content-encoding': 'gzip' }, gzipSync(Buffer.from(JSON.stringify({ name: 'y', duration: '1d' })))));
console.log('len', await send('/api/pats', { 'content-length': '100' }, good).catch(e=>e));
await s.close();
