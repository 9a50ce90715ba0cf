import { createHmac } from 'node:crypto';

/**
 * Webhook signatures as the Standard Webhooks specification has them, so a receiver can check
 * them with its libraries in any language: `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the secret's
 * bytes (`whsec_<base64>`).
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** Whether `url` can be a webhook endpoint: an absolute http(s) URL. */
export function isWebhookUrl(url: string): boolean {
  return /^https?:\/\//i.test(url) && URL.canParse(url);
}

/** The key of a `whsec_<base64>` secret, or undefined when it is not one (or shorter than 24 bytes). */
export function webhookKey(secret: string): Buffer | undefined {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return undefined;
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  const key = Buffer.from(encoded, 'base64');
  return key.length >= 24 ? key : undefined;
}

/** The headers that sign `body`, sent as delivery `id` at `timestampSeconds`. */
export function signatureHeaders(key: Buffer, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${signature}` };
}
