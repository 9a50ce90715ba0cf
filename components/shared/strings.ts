/** Every piece of UI text, in one place, so a host can read (and a later release translate) it. */

const plural = (count: number, one: string, many: string) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

export const strings = {
  pat: 'personal access token',
  pats: 'Personal Access Tokens',
  retry: 'Retry',
  cancel: 'Cancel',
  close: 'Close',
  copied: 'Copied',
  copyFailed: 'Could not copy: select the text and copy it by hand',
  never: 'never',
  loading: 'Loading…',

  status: {
    active: 'Active',
    revoked: 'Revoked',
    expired: 'Expired',
    all: 'All',
    expiringSoon: 'Expiring soon',
  },

  table: {
    caption: 'Your personal access tokens',
    statsLabel: 'Token counts; choose one to filter the list',
    searchLabel: 'Search by name',
    searchPlaceholder: 'Search by name',
    statusLabel: 'Status',
    create: 'Create PAT',
    deleteAll: 'Delete All',
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
    sortBy: (column: string) => `Sort by ${column}`,
    rowActions: (name: string) => `Actions for ${name}`,
    view: 'View',
    copyId: 'Copy ID',
    addScope: 'Add scope',
    revoke: 'Revoke',
    regenerate: 'Regenerate',
    delete: 'Delete',
    emptyTitle: 'No personal access tokens yet',
    emptyText: 'Create a token to let a script, a CI job or a service act on your behalf, with only the scopes you choose.',
    noMatchTitle: 'No tokens match',
    noMatchText: 'Nothing matches this search and status filter.',
    resetFilters: 'Reset filters',
    errorTitle: 'Could not load your tokens',
    expiresIn: (relative: string) => `Expires ${relative}`,
    expired: (relative: string) => `Expired ${relative}`,
    rowsPerPage: 'Rows per page',
    range: (from: number, to: number, total: number) => `${from.toLocaleString()}–${to.toLocaleString()} of ${total.toLocaleString()}`,
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
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
    revokeTitle: 'Revoke token?',
    revokeText: (name: string) =>
      `"${name}" will stop working at once: every script, job or service using it will be refused. You can regenerate it later with a new secret.`,
    revokeConfirm: 'Revoke',
  },

  manager: {
    listTitle: 'Personal Access Tokens',
    createTitle: 'Create PAT',
    detailTitle: 'Token details',
    back: 'Back to tokens',
    placeholder: 'This view is on its way.',
  },

  userMenu: {
    open: (name: string) => `Account menu for ${name}`,
    pats: 'Personal Access Tokens',
  },
};
