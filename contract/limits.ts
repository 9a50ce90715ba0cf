/** The API's input limits, shared by the server, the mocks and the form validation. */
export const LIMITS = {
  nameMax: 254,
  descriptionMax: 1024,
  scopesPerCall: 100,
  scopesPerPat: 1000,
  /** Entity and domain ids are opaque to us, but never unbounded. */
  idMax: 255,
  /** A query-string name search. */
  searchMax: 254,
  /** The most status filters one `GET /pats?status=a,b,…` names. */
  statusesPerQuery: 5,
  durationMax: 64,
  pageDefault: 10,
  pageMax: 100,
  bodyBytes: 64 * 1024,
  /** A PAT's allowlist of client addresses and CIDR ranges. */
  allowedIps: 50,
  /** One address or range as written (an IPv6 range with an IPv4 tail is 49 characters). */
  ipMax: 64,
  /** Secrets in one leak report, and each one's fields (a secret is 76 characters). */
  leaksPerReport: 100,
  leakTokenMax: 256,
  leakUrlMax: 2048,
  leakSourceMax: 128,
} as const;

/**
 * An active PAT that expires within this window counts as "expiring soon", if its current
 * lifetime (`expires_at − issued_at`) is longer than the window (see `isExpiringSoon`).
 */
export const EXPIRING_SOON_MS = 7 * 24 * 60 * 60 * 1000;
