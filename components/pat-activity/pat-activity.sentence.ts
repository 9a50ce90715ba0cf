import type { EventScope, PatEvent } from '../../contract/index.js';
import type { PatLocale } from '../common/format.js';

/** The scopes a sentence names; the rest are counted ("and 4 more"). */
const SCOPES_NAMED = 3;

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

/**
 * What happened, as a sentence in the locale's language: "Renamed from “a” to “b”", "Scopes
 * added: read all clients", "First used from 203.0.113.7", "Regenerated, expires Jan 3, 2027".
 */
export function eventSentence(event: PatEvent, locale: PatLocale): string {
  const { t } = locale;
  const { details } = event;
  const expires = details.expires_at ? locale.date(details.expires_at) : '';
  const scopes = details.scopes ?? [];
  switch (event.kind) {
    case 'created':
      return scopes.length > 0 ? t.activity.createdWith(expires, scopeList(scopes, locale)) : t.activity.created(expires);
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
      return t.activity.expired;
    case 'deleted':
      return t.activity.deleted;
    case 'new_address':
      return t.activity.newAddress(event.ip ?? '');
    default:
      // A kind a newer server knows: its name, rather than nothing.
      return String(event.kind);
  }
}
