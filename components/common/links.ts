/**
 * Where a link to `text` may go, when `text` is an address someone else gave (a leak report's
 * `url`): the URL it parses as, only if that is an http: or https: one; undefined for anything
 * else (`javascript:`, `data:`, a relative path, words), which is then shown as text, never linked.
 */
export function httpUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}
