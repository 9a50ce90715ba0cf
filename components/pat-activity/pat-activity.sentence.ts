import type { EventScope, PatEvent } from '../../contract/index.js';
import type { PatLocale } from '../common/format.js';

/** The scopes a sentence names; the rest are counted ("and 4 more"). */
const SCOPES_NAMED = 3;

/** The addresses and ranges a sentence names; the rest are counted ("and 3 more"). */
const IPS_NAMED = 5;

/** The most of a description a sentence quotes. */
const QUOTED_MAX = 120;

/** A user's text on one line, cut to `max` characters (by code point, never inside a surrogate pair). */
function quoted(text: string, max = QUOTED_MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const points = [...line];
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : line;
}

/** "read all clients, publish messages ch-1 and 2 more". */
function scopeList(scopes: readonly EventScope[], locale: PatLocale): string {
  const named = scopes.slice(0, SCOPES_NAMED).map((scope) => locale.t.scopes.describe(scope));
  const rest = scopes.length - named.length;
  return locale.list(rest > 0 ? [...named, locale.t.activity.more(rest)] : named);
}

/** The first addresses of an allowlist, comma-separated, and how many more it holds. */
function ipList(ips: readonly string[]): [list: string, more: number] {
  return [ips.slice(0, IPS_NAMED).join(', '), Math.max(ips.length - IPS_NAMED, 0)];
}

/**
 * "Created with read all clients, expires Jan 3, 2027", the addresses it may be used from when it
 * was restricted, and its idle limit when it had one.
 */
function createdSentence(event: PatEvent, expires: string, locale: PatLocale): string {
  const { t } = locale;
  const scopes = event.details.scopes ?? [];
  const created = scopes.length > 0 ? t.activity.createdWith(expires, scopeList(scopes, locale)) : t.activity.created(expires);
  const ips = event.details.allowed_ips ?? [];
  const restricted = ips.length > 0 ? t.activity.createdRestricted(created, ...ipList(ips)) : created;
  return event.details.max_idle ? t.activity.createdIdle(restricted, locale.duration(event.details.max_idle)) : restricted;
}

/**
 * What happened, as a sentence in the locale's language: "Renamed from “a” to “b”", "Scopes
 * added: read all clients", "First used from 203.0.113.7", "Regenerated, expires Jan 3, 2027",
 * "Allowed addresses set to 203.0.113.0/24, 2001:db8::1", "Revoked automatically: found in a public
 * place at https://… (reported by …)", "Expired: unused for longer than its idle limit".
 */
export function eventSentence(event: PatEvent, locale: PatLocale): string {
  const { t } = locale;
  const { details } = event;
  const expires = details.expires_at ? locale.date(details.expires_at) : '';
  const scopes = details.scopes ?? [];
  switch (event.kind) {
    case 'created':
      return createdSentence(event, expires, locale);
    case 'renamed':
      return t.activity.renamed(quoted(details.from ?? ''), quoted(details.to ?? event.pat_name));
    case 'described':
      return details.to ? t.activity.described(quoted(details.to)) : t.activity.descriptionCleared;
    case 'scopes_added':
      return t.activity.scopesAdded(scopeList(scopes, locale));
    case 'scopes_removed':
      return t.activity.scopesRemoved(scopeList(scopes, locale));
    case 'scopes_cleared':
      return t.activity.scopesCleared(scopeList(scopes, locale));
    case 'revoked':
      return t.activity.revoked;
    case 'regenerated':
      return t.activity.regenerated(expires);
    case 'expired':
      // Its idle limit ended it: said with the limit when the event names it.
      return details.reason === 'idle'
        ? t.activity.expiredIdle(details.max_idle ? locale.duration(details.max_idle) : '')
        : t.activity.expired;
    case 'deleted':
      return t.activity.deleted;
    case 'new_address':
      return details.refused ? t.activity.newAddressRefused(event.ip ?? '') : t.activity.newAddress(event.ip ?? '');
    case 'allowed_ips_changed':
      return details.allowed_ips?.length ? t.activity.allowedIpsSet(...ipList(details.allowed_ips)) : t.activity.allowedIpsCleared;
    case 'leaked':
      // As reported, each on one line and cut short: the token's page shows the whole address.
      return t.activity.leaked(quoted(details.url ?? ''), quoted(details.source ?? ''));
    default:
      // A kind a newer server knows: its name, rather than nothing.
      return String(event.kind);
  }
}
