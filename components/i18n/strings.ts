/**
 * Every piece of UI text, in English: the words a translation (components/i18n/translations/)
 * gives in its language, key for key.
 */

import { WILDCARD, type ScopeInput } from '../../contract/types.js';

const count = (n: number) => n.toLocaleString('en');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;
/** The days a usage window spans, today last: "today", "in the last 30 days". */
const lastDays = (days: number) => (days === 1 ? 'today' : `in the last ${count(days)} days`);
/** Addresses and ranges named in a sentence (`list`, comma-separated), the rest counted: "203.0.113.0/24, 2001:db8::1 and 3 more". */
const ipList = (list: string, more: number) => `${list}${more > 0 ? ` and ${count(more)} more` : ''}`;

export const strings = {
  pat: 'personal access token',
  pats: 'Personal Access Tokens',
  retry: 'Retry',
  cancel: 'Cancel',
  close: 'Close',
  copied: 'Copied',
  copyFailed: 'Could not copy: select the text and copy it by hand',
  never: 'never',
  now: 'now',
  loading: 'Loading…',
  /** What a failed request says when the server gave no message of its own. */
  errors: {
    server: 'The server had a problem. Please try again.',
    request: (status: number) => `The request failed (HTTP ${status}).`,
    network: 'Cannot reach the server. Check your connection and try again.',
    notFound: 'There is no such token.',
    unexpectedAnswer: "The server answered in a form PAT Kit does not read. Is this PAT Kit's server?",
    noApiClient: 'No API client: put this element inside <pat-api-provider>.',
  },

  /** How a PAT's use ends: one phrase in the table and on its page. */
  ends: {
    expires: (relative: string) => `Expires ${relative}`,
    expired: (relative: string) => `Expired ${relative}`,
    revoked: (relative: string) => `Revoked ${relative}`,
    /** Its idle limit ends it first: it stops working then unless it is used before. */
    expiresUnused: (relative: string) => `Expires ${relative} if unused`,
    /** It stopped working because it went unused for its idle limit. */
    expiredUnused: (relative: string) => `Expired (unused) ${relative}`,
  },

  status: {
    active: 'Active',
    revoked: 'Revoked',
    expired: 'Expired',
    all: 'All',
    expiring: 'Expiring soon',
  },

  table: {
    caption: 'Your personal access tokens',
    statsLabel: 'Token counts; choose one to filter the list',
    searchLabel: 'Search by name',
    searchPlaceholder: 'e.g. deploy',
    statusLabel: 'Status',
    statusAll: 'All statuses',
    /** The sort on narrow screens, where the rows are cards without column headings. */
    sortLabel: 'Sort',
    sorts: {
      issued_at: { desc: 'Newest first', asc: 'Oldest first' },
      expires_at: { asc: 'Expiring first', desc: 'Expiring last' },
      name: { asc: 'Name, A to Z', desc: 'Name, Z to A' },
      last_used_at: { desc: 'Recently used first', asc: 'Least recently used first' },
    },
    create: 'Create PAT',
    deleteAll: 'Delete all tokens',
    columns: {
      name: 'Name',
      description: 'Description',
      status: 'Status',
      issued: 'Issued',
      expires: 'Expires',
      lastUsed: 'Last used',
      scopes: 'Scopes',
      actions: 'Actions',
    },
    rowActions: (name: string) => `Actions for ${name}`,
    view: 'View',
    copyId: 'Copy ID',
    addScope: 'Add scopes',
    duplicate: 'Duplicate',
    revoke: 'Revoke',
    regenerate: 'Regenerate',
    delete: 'Delete',
    emptyTitle: 'No personal access tokens yet',
    emptyText: 'Create a token to let a script, a CI job or a service act on your behalf, with only the scopes you choose.',
    noMatchTitle: 'No tokens match',
    noMatchText: 'Nothing matches this search and status filter.',
    resetFilters: 'Reset filters',
    errorTitle: 'Could not load your tokens',
    rowsPerPage: 'Rows per page',
    pagination: 'Pagination',
    range: (from: number, to: number, total: number) => `${count(from)}–${count(to)} of ${count(total)}`,
    pageOf: (page: number, pages: number) => `Page ${count(page)} of ${count(pages)}`,
    firstPage: 'First page',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    lastPage: 'Last page',
    idCopied: (name: string) => `ID of ${name} copied`,
    deleted: (name: string) => `${name} deleted`,
    revoked: (name: string) => `${name} revoked`,
    allDeleted: (count: number) => `${plural(count, 'token', 'tokens')} deleted`,
  },

  confirm: {
    deleteTitle: 'Delete token?',
    deleteText: (name: string) => `"${name}" will be deleted for good, with its scopes. Anything using it stops working.`,
    deleteConfirm: 'Delete',
    deleteAllTitle: 'Delete all tokens?',
    deleteAllText: (count: number) =>
      `All ${plural(count, 'personal access token', 'personal access tokens')} you own will be deleted for good. Anything using them stops working.`,
    deleteAllConfirm: (count: number) => `Delete ${plural(count, 'token', 'tokens')}`,
    deleteScopeTitle: 'Delete scope?',
    deleteScopeText: (what: string) => `The token will no longer be allowed to ${what}.`,
    deleteScopeConfirm: 'Delete scope',
    deleteScopesTitle: 'Delete all scopes?',
    deleteScopesText: (name: string, count: number) =>
      `"${name}" will lose all ${plural(count, 'scope', 'scopes')} and be allowed to do nothing until you add scopes again.`,
    deleteScopesConfirm: 'Delete all scopes',
    revokeTitle: 'Revoke token?',
    revokeText: (name: string) =>
      `"${name}" will stop working at once: every script, job or service using it will be refused. You can regenerate it later with a new secret.`,
    revokeConfirm: 'Revoke',
  },

  secret: {
    title: 'Copy your new token now',
    warning:
      'This is the only time it is shown. Store it somewhere safe, such as a password manager or your CI secrets: once you leave this page it cannot be seen again.',
    copy: 'Copy token',
  },

  duration: {
    label: 'Expiration',
    custom: 'Custom date…',
    customLabel: 'Expires on',
    expiresOn: (date: string) => `The token will expire on ${date}.`,
    pastDate: 'Choose a date after today.',
    tooLate: (last: string) => `Choose a date on or before ${last}.`,
    catalogError: 'Could not load the expiry choices.',
    required: 'Choose when the token expires.',
  },

  scopes: {
    entityType: 'Entity type',
    operations: 'Operations',
    operation: 'Operation',
    entity: 'Entity',
    entityAll: 'All',
    entitySpecific: 'Specific',
    entityIds: 'Entity IDs',
    entityIdsHelp: 'Type an ID and press Enter; add as many as you need.',
    entitySearch: 'Search by name or type an ID',
    suggestionCount: (count: number) => (count === 0 ? 'No matches' : plural(count, 'suggestion', 'suggestions')),
    domain: 'Domain (optional)',
    domainColumn: 'Domain',
    domainHelp: 'Leave empty for every domain.',
    /** Where the backend has no "any domain" (the catalog's `domain_required`). */
    domainRequired: 'Domain',
    domainRequiredHelp: 'The domain this scope holds in.',
    needDomain: 'Enter a domain.',
    chooseType: 'Choose an entity type',
    chooseOperations: 'Choose operations',
    addRow: 'Add another scope',
    removeRow: (index: number) => `Remove scope ${count(index)}`,
    row: (index: number) => `Scope ${count(index)}`,
    duplicate: (other: number) => `Duplicates scope ${count(other)}.`,
    needType: 'Choose an entity type.',
    needOperation: 'Choose at least one operation.',
    needEntity: 'Choose All, or Specific with at least one entity ID.',
    needIds: 'Add at least one entity ID, or choose All.',
    none: 'No scopes yet: the token can do nothing until you add one.',
    catalogError: 'Could not load the entity types and operations.',
    all: 'All',
    anyDomain: 'Any domain',
    removeId: (id: string) => `Remove ${id}`,
    /** One scope as a sentence: "read clients c-1 in domain d-1", "publish all messages". */
    describe: (scope: ScopeInput) => {
      const entity = scope.entity_id === WILDCARD ? `all ${scope.entity_type}` : `${scope.entity_type} ${scope.entity_id}`;
      return `${scope.operation} ${entity}${scope.domain_id ? ` in domain ${scope.domain_id}` : ''}`;
    },
  },

  create: {
    name: 'Name',
    nameHelp: 'A unique name, so you know later what this token is for.',
    description: 'Description',
    descriptionHelp: 'Optional: what is this token for?',
    scopes: 'Scopes',
    scopesHelp: 'Each scope allows one operation on one kind of entity. Grant only what the token needs.',
    submit: 'Create',
    fixErrors: 'Please correct the highlighted fields.',
    noScopesTitle: 'Create a token with no scopes?',
    noScopesText: 'It will be allowed to do nothing until you add scopes to it.',
    noScopesConfirm: 'Create without scopes',
    failed: 'The token was not created.',
  },

  detail: {
    name: 'Name',
    id: 'ID',
    status: 'Status',
    description: 'Description',
    noDescription: 'No description',
    created: 'Created',
    issued: 'Secret issued',
    updated: 'Updated',
    lastUsed: 'Secret last used',
    lastUsedFrom: (ip: string) => `from ${ip}`,
    edit: (field: string) => `Edit ${field.toLowerCase()}`,
    save: 'Save',
    copyId: 'Copy ID',
    revoke: 'Revoke',
    regenerate: 'Regenerate',
    duplicate: 'Duplicate',
    delete: 'Delete token',
    scopes: 'Scopes',
    addScope: 'Add scopes',
    deleteAllScopes: 'Delete all scopes',
    scopesCaption: 'Scopes of this token',
    deleteScope: (what: string) => `Delete scope ${what}`,
    editHint: 'Enter saves, Escape cancels.',
    nameRequired: 'Enter a name.',
    deletedTitle: 'Token deleted',
    deletedText: 'It no longer exists, and anything that used it is refused.',
    notFoundTitle: 'Token not found',
    notFoundText: 'It may have been deleted, or the link is wrong.',
    errorTitle: 'Could not load this token',
    addScopeTitle: (name: string) => `Add scopes to “${name}”`,
    addScopeSubmit: 'Add scopes',
    renamed: 'Name saved',
    described: 'Description saved',
    scopesAdded: 'Scopes added',
    scopeDeleted: 'Scope deleted',
    scopesCleared: 'All scopes deleted',
  },

  /** A token's allowlist of client addresses: on the create form, on its page and in the table. */
  allowedIps: {
    /** The create form's field. */
    label: 'Allowed IP addresses',
    help: 'One address or CIDR range per line, such as 203.0.113.7 or 203.0.113.0/24. Leave empty to allow any address.',
    /** The create form's button that shows the field (it is optional). */
    show: 'Restrict to IP addresses',
    /** An entry the server refused, by its line (the server's reason follows): "Line 3 (“10.0.0.300”)". */
    line: (line: number, entry: string) => `Line ${count(line)} (“${entry}”)`,
    /** The row on a token's page. */
    detailLabel: 'Allowed addresses',
    any: 'Any address',
    editHint: 'Enter starts a new line; Ctrl+Enter saves, Escape cancels.',
    saved: 'Allowed addresses saved',
    /** The mark beside a restricted token's name in the table. */
    restricted: (n: number) => `Restricted to ${plural(n, 'address', 'addresses')}`,
  },

  /** A token's idle limit (unused this long, it expires): on the create form, on its page and in the table. */
  idle: {
    /** The create form's field. */
    label: 'Expire when unused for',
    help: 'A token unused this long stops working; each use restarts the clock.',
    never: 'Never',
    catalogError: 'Could not load the choices for when an unused token expires.',
    /** The row on a token's page. */
    detailLabel: 'Idle limit',
    none: 'None',
    /** Beside the limit while the token is active: when it stops working unless used before. */
    expiresOn: (date: string) => `Expires on ${date} unless used before`,
    /** On its page, under an expired token's status: why it expired (its limit, "30 days", when known). */
    expiredBecause: (limit: string) => (limit ? `It expired because it went unused for ${limit}.` : 'It expired because it went unused.'),
    /** The mark beside the end in the table: its limit, while it holds and after it ended the token. */
    mark: (limit: string) => `Expires after ${limit} without use`,
    expiredMark: (limit: string) => `Expired after ${limit} without use`,
  },

  /** A token revoked because its secret was reported found in a public place: on its page, in the table and in its history. */
  leak: {
    /** The heading of the alert on its page; the label of its mark in the table. */
    title: 'Revoked automatically: found in a public place',
    /** The mark beside the Revoked badge in the table. */
    mark: 'Leaked',
    /** The mark's tooltip: the title and, when the report gave it, where the secret was found (on its own line). */
    tooltip: (url: string) => `Revoked automatically: found in a public place${url ? `\n${url}` : ''}`,
    /** The alert's facts: where the secret was found, who found it, and when it was reported. */
    url: 'Found at',
    source: 'Reported by',
    reported: 'Reported',
    hint: 'Anything still using it is refused. Regenerate it to issue a new secret, then replace the old secret wherever it was used.',
  },

  /** `<pat-activity>`: a token's history, each event a sentence. */
  activity: {
    title: 'Activity',
    label: 'History of this token',
    allLabel: 'History of your tokens',
    empty: 'No activity yet',
    errorTitle: 'Could not load the activity',
    showMore: 'Show more',
    shown: (shown: number, total: number) => `Showing ${count(shown)} of ${count(total)}`,
    created: (expires: string) => (expires ? `Created, expires ${expires}` : 'Created'),
    createdWith: (expires: string, list: string) => `Created with ${list}${expires ? `, expires ${expires}` : ''}`,
    renamed: (from: string, to: string) => `Renamed from “${from}” to “${to}”`,
    described: (to: string) => `Description changed to “${to}”`,
    descriptionCleared: 'Description removed',
    scopesAdded: (list: string) => `Scopes added: ${list}`,
    scopesRemoved: (list: string) => `Scopes removed: ${list}`,
    scopesCleared: (list: string) => `All scopes deleted: ${list}`,
    revoked: 'Revoked',
    regenerated: (expires: string) => (expires ? `Regenerated, expires ${expires}` : 'Regenerated'),
    expired: 'Expired',
    deleted: 'Deleted',
    newAddress: (ip: string) => (ip ? `First used from ${ip}` : 'First used from a new address'),
    newAddressRefused: (ip: string) =>
      ip ? `Refused a use from ${ip}: not an allowed address` : 'Refused a use from a new address: not an allowed address',
    /** A created token's sentence (`created`) and the addresses it was restricted to (`list`, and `more` not named). */
    createdRestricted: (created: string, list: string, more: number) => `${created}; usable only from ${ipList(list, more)}`,
    allowedIpsSet: (list: string, more: number) => `Allowed addresses set to ${ipList(list, more)}`,
    allowedIpsCleared: 'Address restriction removed: any address allowed',
    /** A created token's sentence (`created`) and its idle limit ("30 days"). */
    createdIdle: (created: string, limit: string) => `${created}; expires after ${limit} without use`,
    /** Expired because it went unused: for its limit ("30 days"), when the event names it. */
    expiredIdle: (limit: string) => (limit ? `Expired after ${limit} without use` : 'Expired: unused for longer than its idle limit'),
    /** Revoked for a leak report: where the secret was found and who reported it, each when the report said. */
    leaked: (url: string, source: string) =>
      `Revoked automatically: found in a public place${url ? ` at ${url}` : ''}${source ? ` (reported by ${source})` : ''}`,
    /** The end of a list of scopes cut short. */
    more: (n: number) => `${count(n)} more`,
    byActor: (actor: string) => `by ${actor}`,
    from: (ip: string) => `from ${ip}`,
  },

  /** `<pat-usage-chart>`: a token's checks per day. */
  usage: {
    title: 'Usage',
    summary: (allowed: number, denied: number, days: number) => `${count(allowed)} allowed · ${count(denied)} denied ${lastDays(days)}`,
    chartLabel: (days: number) => `Allowed and denied checks per day, ${lastDays(days)}`,
    empty: (days: number) => `Not used ${lastDays(days)}`,
    errorTitle: 'Could not load the usage',
    allowed: 'Allowed',
    denied: 'Denied',
    day: 'Day',
    tableCaption: 'Checks per day',
    bar: (day: string, allowed: number, denied: number) => `${day}: ${count(allowed)} allowed, ${count(denied)} denied`,
  },

  regenerate: {
    title: 'Regenerate token',
    text: (name: string) => `"${name}" gets a new secret and expiry. Its name, description and scopes stay; the old secret stops working.`,
    submit: 'Regenerate',
  },

  manager: {
    listTitle: 'Personal Access Tokens',
    createTitle: 'Create PAT',
    back: 'Back to tokens',
    duplicateTitle: 'Duplicate PAT',
    duplicateError: (name: string) => `Could not prepare a copy of “${name}”`,
    /** The name a copy of the token `name` starts with: the first copy, then the second… (`n`). */
    copyName: (name: string, n: number) => (n === 1 ? `${name} (copy)` : `${name} (copy ${n})`),
  },

  userMenu: {
    open: (name: string) => `Account menu for ${name}`,
    pats: 'Personal Access Tokens',
  },
};

/** The words of one language: every key of `strings`. */
export type PatStrings = typeof strings;
