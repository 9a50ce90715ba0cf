import { html, nothing } from 'lit';
import type { Pat } from '../../contract/index.js';
import type { PatLocale } from '../common/format.js';

/**
 * The Idle limit row: how long the PAT may go unused ("30 days") and, while it is active and its
 * idle limit ends it first, when it expires unless it is used before; "None" without a limit (a
 * server from before idle limits leaves `max_idle` out: none).
 */
export function renderIdleLimit(pat: Pat, now: number, locale: PatLocale) {
  const { t } = locale;
  const end = locale.patEnd(pat, now);
  const ahead = pat.status === 'active' && end.idle && !end.revoked;
  return html`
    <div class="field idle-limit">
      <dt>${t.idle.detailLabel}</dt>
      <dd>
        ${
          pat.max_idle
            ? html`${locale.duration(pat.max_idle)}${
                ahead
                  ? html` <span class="muted">· <time datetime=${end.at}>${t.idle.expiresOn(locale.dateTime(end.at))}</time></span>`
                  : nothing
              }`
            : html`<span class="muted">${t.idle.none}</span>`
        }
      </dd>
    </div>
  `;
}

/** After an expired PAT's status, when it went unused for its idle limit: why it expired, on a line of its own. */
export function renderIdleExpiry(pat: Pat, locale: PatLocale) {
  if (pat.status !== 'expired' || pat.expired_reason !== 'idle') return nothing;
  const limit = pat.max_idle ? locale.duration(pat.max_idle) : '';
  return html`<span class="status-note">${locale.t.idle.expiredBecause(limit)}</span>`;
}
