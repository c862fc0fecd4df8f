// The identity rows are joined on: each key part normalised (normaliseKey), joined by NUL,
// which no cell text contains. Computed once per row, when the row is classified.

export const KEY_JOIN = '\u0000';

/** Parts already normalised to their identity. */
export function joinKey(normalised: readonly string[]): string {
  // A key of one column, the common case, is its own identity.
  return normalised.length === 1 ? normalised[0]! : normalised.join(KEY_JOIN);
}

/** The parts of an identity, normalised text, for showing a key that has no row of its own. */
export function splitKey(id: string): string[] {
  return id.split(KEY_JOIN);
}
