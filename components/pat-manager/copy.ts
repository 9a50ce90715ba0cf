import { LIMITS, nameKey, parseDuration, type Catalog, type Pat, type ScopeInput } from '../../contract/index.js';
import type { CallOptions, PatApi } from '../api/pat-api.js';
import { loadCatalog } from '../common/catalog.js';

/** What the create form starts from to make a copy of a PAT (its `name`, `description`, `duration`, `scopes`, `allowedIps` and `maxIdle`). */
export interface PatCopy {
  name: string;
  description: string;
  duration: string;
  scopes: ScopeInput[];
  /** The client addresses it may be used from: a copy keeps the restriction. */
  allowedIps: string[];
  /** Its idle limit (`"30d"`): a copy keeps it. '' for none (the form's default). */
  maxIdle: string;
}

/** The name of the `n`th copy of a PAT named `name` (`"x (copy 2)"`), in the user's language. */
export type CopyName = (name: string, n: number) => string;

/** The most copies of one PAT a fresh name is looked for among. */
const MOST_COPIES = 1000;

/**
 * Everything a copy of the PAT `id` starts with, read from the API: its name made unique among
 * the user's PATs (`copyName` words it), its description, the expiry preset nearest its current
 * lifetime, all its scopes, its allowlist of client addresses and its idle limit. Rejects when any
 * of it cannot be read.
 */
export async function preparePatCopy(api: PatApi, id: string, copyName: CopyName, options: CallOptions = {}): Promise<PatCopy> {
  const [pat, catalog, scopes] = await Promise.all([api.getPat(id, options), loadCatalog(api), allScopes(api, id, options)]);
  return {
    name: await freeCopyName(api, pat.name, copyName, options),
    description: pat.description,
    duration: presetFor(pat, catalog),
    scopes,
    // A server from before allowlists leaves them out: any address.
    allowedIps: pat.allowed_ips ?? [],
    // A server from before idle limits leaves it out: none.
    maxIdle: pat.max_idle ?? '',
  };
}

/** Every scope of the PAT `id` (up to the most a PAT holds), as the create form takes them. */
async function allScopes(api: PatApi, id: string, options: CallOptions): Promise<ScopeInput[]> {
  const scopes = await allPages(async (offset) => {
    const page = await api.listScopes(id, { offset, limit: LIMITS.pageMax }, options);
    return { items: page.scopes, total: page.total };
  }, LIMITS.scopesPerPat);
  return scopes.map(({ entity_type, operation, entity_id, domain_id }) => ({ entity_type, operation, entity_id, domain_id }));
}

/** The items of every page `page(offset)` answers, until `total` or `most` of them. */
async function allPages<T>(page: (offset: number) => Promise<{ items: T[]; total: number }>, most: number): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const next = await page(items.length);
    items.push(...next.items);
    if (next.items.length === 0 || items.length >= Math.min(next.total, most)) return items.slice(0, most);
  }
}

/**
 * The first of `copyName(name, 1)`, `copyName(name, 2)`, … that none of the user's PATs has, as
 * the server compares names (`nameKey`: NFKC, case-folded), each cut to fit `LIMITS.nameMax`.
 * The taken ones are found with one name search that every candidate matches.
 */
export async function freeCopyName(api: PatApi, name: string, copyName: CopyName, options: CallOptions = {}): Promise<string> {
  const candidates = Array.from({ length: MOST_COPIES }, (_, i) => fittedName(name, i + 1, copyName));
  // `"x (copy"`: the server's name search is a substring match on `nameKey`.
  const search = commonPrefix(candidates);
  const matches = await allPages(async (offset) => {
    const page = await api.listPats({ name: search, status: 'all', offset, limit: LIMITS.pageMax }, options);
    return { items: page.pats, total: page.total };
  }, Infinity);
  const taken = new Set(matches.map((pat) => nameKey(pat.name)));
  return candidates.find((candidate) => !taken.has(nameKey(candidate))) ?? fittedName(name, MOST_COPIES + 1, copyName);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `copyName(name, n)`, its `name` shortened (whole characters off its end) until it fits `LIMITS.nameMax`. */
export function fittedName(name: string, n: number, copyName: CopyName): string {
  const full = copyName(name, n);
  const over = full.length - LIMITS.nameMax;
  if (over <= 0) return full;
  const parts = [...graphemes.segment(name)].map((part) => part.segment);
  let cut = 0;
  while (parts.length > 1 && cut < over) cut += parts.pop()!.length;
  return copyName(parts.join('').trimEnd(), n);
}

/** The longest text every one of `texts` starts with. */
function commonPrefix(texts: string[]): string {
  return texts.reduce((prefix, text) => {
    let i = 0;
    while (i < prefix.length && prefix[i] === text[i]) i++;
    return prefix.slice(0, i);
  });
}

/**
 * The preset (of the catalog's `durations`) for a copy of `pat`: the one equal to its current
 * lifetime (`expires_at − issued_at`), else the nearest to it (the shorter of two as near), of
 * those no longer than the maximum lifetime; '' (the form's default) when there is none.
 */
export function presetFor(pat: Pick<Pat, 'issued_at' | 'expires_at'>, catalog: Catalog): string {
  const lifetime = Date.parse(pat.expires_at) - Date.parse(pat.issued_at);
  const max = parseDuration(catalog.max_lifetime);
  const allowed = catalog.durations
    .map((preset) => ({ value: preset.value, parsed: parseDuration(preset.value) }))
    .flatMap(({ value, parsed }) => (parsed.ok && parsed.ms > 0 && (!max.ok || parsed.ms <= max.ms) ? [{ value, ms: parsed.ms }] : []));
  const distance = (ms: number) => Math.abs(ms - lifetime);
  allowed.sort((a, b) => distance(a.ms) - distance(b.ms) || a.ms - b.ms);
  return allowed[0]?.value ?? '';
}
