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
  durationMax: 64,
  pageDefault: 10,
  pageMax: 100,
  bodyBytes: 64 * 1024,
} as const;

/** A PAT that expires within this window counts as "expiring soon". */
export const EXPIRING_SOON_MS = 7 * 24 * 60 * 60 * 1000;
