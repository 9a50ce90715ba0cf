/**
 * What text the API accepts, and the key that makes names unique. Shared by the server's
 * request schemas, the mocks and the form validation.
 */

/** The kinds of text field, from strictest to most lenient. */
export type TextKind = 'name' | 'description' | 'id';

// In a `u` regular expression a surrogate class matches only a surrogate that is not half of a
// pair: exactly what makes a string not well-formed UTF-16, which no UTF-8 store can keep.
const LONE_SURROGATE = /\p{Cs}/u;
// C0, DEL and C1: invisible, and some move the cursor or end a line in logs and terminals.
const CONTROL = /\p{Cc}/u;
// Description line breaks and tabs are text; the other controls are not.
const CONTROL_BUT_LAYOUT = /(?![\t\n\r])\p{Cc}/u;
// Embeddings, overrides and isolates reorder what is shown: "evil\u202egnp.exe" displays as
// "evilexe.png".
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * Why `text` may not be stored in a field of `kind`, as the second half of a field error
 * ("name must not contain …"), or undefined when it may. Names and descriptions refuse
 * bidirectional controls too; ids are opaque to PAT Kit and only refuse control characters.
 */
export function textProblem(text: string, kind: TextKind): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode text (it holds half of a surrogate pair)';
  if ((kind === 'description' ? CONTROL_BUT_LAYOUT : CONTROL).test(text)) {
    return kind === 'description'
      ? 'must not contain control characters other than line breaks and tabs'
      : 'must not contain control characters';
  }
  if (kind !== 'id' && BIDI_CONTROL.test(text)) return 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)';
  return undefined;
}

/**
 * The key under which a user's PAT names are unique and searched: compatibility-normalized
 * (NFKC: "ﬁ" is "fi", a full-width "Ａ" is "A") and case-folded ("Straße" is "STRASSE", final
 * and medial sigma are one letter). Computed here, never by a SQL function, so every tool that
 * opens the database sees indexes it can check and rebuild.
 */
export function nameKey(name: string): string {
  // Lower, upper, lower again folds what lower case alone keeps apart (ẞ → ß → SS → ss).
  return name.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().replaceAll('ς', 'σ').normalize('NFKC');
}
