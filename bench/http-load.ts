import autocannon, { type Result as LoadResult } from 'autocannon';
import { GRANTED_REQUEST } from './seed.js';

export const CONNECTIONS = 16;
export const BENCH_JWT_SECRET = 'bench-only-jwt-secret-bench-only-jwt-secret';

export interface Load {
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  total: number;
}

/**
 * `POST <url>/api/authorize` from 16 connections on 127.0.0.1, each request with the next token
 * of `tokens`, for `seconds` (or until `amount` requests, but never longer than `maxSeconds`).
 */
export async function authorizeLoad(
  url: string,
  tokens: string[],
  { seconds, amount, maxSeconds = 120, start = 0 }: { seconds?: number; amount?: number; maxSeconds?: number; start?: number },
): Promise<Load> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('load is only ever generated against 127.0.0.1');
  let next = start;
  const body = JSON.stringify(GRANTED_REQUEST);
  const instance = autocannon({
    url: `${url}/api/authorize`,
    connections: CONNECTIONS,
    duration: seconds ?? maxSeconds,
    amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        body,
        setupRequest: (request) => {
          request.headers = {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[next++ % tokens.length]}`,
          };
          return request;
        },
      },
    ],
  });
  const timer = setTimeout(() => instance.stop(), maxSeconds * 1000);
  const result: LoadResult = await instance;
  clearTimeout(timer);
  const total = result['2xx'] + result.non2xx;
  return { requestsPerSecond: total / result.duration, non2xx: result.non2xx, errors: result.errors + result.timeouts, total };
}
