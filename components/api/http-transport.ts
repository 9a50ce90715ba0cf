import { ApiError, isAbort } from './api-error.js';
import type { CallOptions } from './pat-api.js';

export interface HttpTransportOptions {
  /** Where the PAT routes are mounted, e.g. `/api` or `https://auth.example.com/api`. */
  baseUrl: string;
  /** A fixed bearer token for the signed-in user. */
  token?: string;
  /** Asked before every call, for hosts that refresh their tokens; wins over `token`. */
  getToken?: () => string | undefined | Promise<string | undefined>;
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | undefined>;

export interface Request extends CallOptions {
  body?: unknown;
  query?: Query;
}

/** Turns an error answer (its status and its parsed JSON body, if any) into the ApiError to throw. */
export type ErrorReader = (status: number, body: unknown) => ApiError;

const networkError = () => ApiError.because('network', 0, 'network');

/**
 * JSON over `fetch` with the user's bearer token: the answer's parsed body (undefined when it has
 * none), an ApiError from `readError` for an error status, a network ApiError when the server
 * cannot be reached, and an AbortError (not an ApiError) when the call was aborted.
 */
export class HttpTransport {
  constructor(
    private readonly options: HttpTransportOptions,
    private readonly readError: ErrorReader,
  ) {}

  async call<T>(method: string, path: string, { body, query, signal }: Request = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.options.getToken ? await this.options.getToken() : this.options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';

    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(key, String(value));
    const url = `${this.options.baseUrl.replace(/\/$/, '')}${path}${search.size ? `?${search}` : ''}`;

    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw networkError();
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The connection broke off (or the call was aborted) while the body was read.
      if (isAbort(error)) throw error;
      throw networkError();
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw this.readError(response.status, parsed);
    return parsed as T;
  }
}
