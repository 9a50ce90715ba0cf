import { html, nothing } from 'lit';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import { maxIdleMs, parseDuration, type Catalog } from '../../contract/index.js';
import type { PatLocale } from '../common/format.js';

/** The idle limits offered besides the server's own, each where the catalog allows it. */
const IDLE_PRESETS = ['30d', '60d', '90d'];

/** The select's "Never": no idle limit (a value no duration has). */
export const NEVER = 'never';

/** An idle limit: as the API writes it (`"30d"`), and in milliseconds. */
interface IdleChoice {
  value: string;
  ms: number;
}

/** The idle limits a server takes, and its own. */
export interface IdleLimits {
  /** Shortest first. */
  choices: IdleChoice[];
  /** The server's own limit, which a PAT created without one gets; undefined where it has none ("Never" is a choice then). */
  server?: IdleChoice;
}

/**
 * The idle limits a PAT may have on the server of `catalog`: 30, 60 and 90 days and `given` (a
 * copy's), each where the server takes it (a day or more, no longer than its own limit nor the
 * longest lifetime), and the server's own limit. Undefined where the backend has no idle expiry
 * (its catalog has no `max_idle`).
 */
export function idleLimits(catalog: Catalog, given: string): IdleLimits | undefined {
  if (catalog.max_idle === undefined) return undefined;
  const own = catalog.max_idle === null ? undefined : parseDuration(catalog.max_idle);
  const server = own?.ok ? { value: catalog.max_idle!, ms: own.ms } : undefined;
  const lifetime = parseDuration(catalog.max_lifetime);
  const choices = server ? [server] : [];
  for (const value of [...IDLE_PRESETS, given]) {
    try {
      const ms = value && maxIdleMs(value, server?.ms ?? null, lifetime.ok ? lifetime.ms : Infinity);
      if (ms && !choices.some((choice) => choice.ms === ms)) choices.push({ value, ms });
    } catch {
      // Not one this server takes: not offered.
    }
  }
  return { choices: choices.sort((a, b) => a.ms - b.ms), server };
}

/** The idle limit chosen: `wanted` (`"30d"`) where the server takes it, else the server's own; undefined for Never. */
export function idleChosen({ choices, server }: IdleLimits, wanted: string): IdleChoice | undefined {
  const parsed = parseDuration(wanted);
  return (parsed.ok && choices.find((choice) => choice.ms === parsed.ms)) || server;
}

/**
 * The `max_idle` a create sends for `wanted`: the limit chosen, where the server has idle expiry;
 * none for Never, nor for the server's own limit (it gives a PAT that one by itself).
 */
export function idleToSend(limits: IdleLimits | undefined, wanted: string): string | undefined {
  const chosen = limits && idleChosen(limits, wanted);
  return chosen && chosen !== limits.server ? chosen.value : undefined;
}

/**
 * How long the token may go unused before it expires: a select of Never (where the server has no
 * limit of its own) and the limits the server takes, `wanted` chosen (the server's own, or Never,
 * when it is empty or one the server would refuse); `error`, the server's word on it, under it.
 */
export function renderMaxIdle(
  limits: IdleLimits,
  { wanted, error, onChange }: { wanted: string; error?: string; onChange: (event: Event) => void },
  locale: PatLocale,
) {
  const { t } = locale;
  return html`<sl-select
    part="max-idle"
    name="max_idle"
    hoist
    label=${t.idle.label}
    help-text=${error ?? t.idle.help}
    ?data-error=${!!error}
    aria-invalid=${error ? 'true' : 'false'}
    .value=${idleChosen(limits, wanted)?.value ?? NEVER}
    @sl-change=${onChange}
  >
    ${limits.server ? nothing : html`<sl-option value=${NEVER}>${t.idle.never}</sl-option>`}
    ${limits.choices.map((choice) => html`<sl-option value=${choice.value}>${locale.duration(choice.value)}</sl-option>`)}
  </sl-select>`;
}
