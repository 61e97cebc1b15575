// The API's limit on a text message, in the units the session checks (bytes) and the composer shows (characters).
// Shared with the panel part (src/embed/shared.ts), which counts what is left while the visitor types.

/** The API's limit on a text message: 1 KB. */
export const MAX_MESSAGE_BYTES = 1024;

export function messageBytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * The API's limit is in bytes, the visitor counts characters: the limit and what is left, in
 * characters at the draft's own bytes per character (1 for English, 3 for Chinese).
 */
export function characterBudget(text: string): { bytes: number; max: number; left: number } {
  const bytes = messageBytes(text);
  const perCharacter = Math.max(1, bytes / Math.max(1, [...text].length));
  return {
    bytes,
    max: Math.floor(MAX_MESSAGE_BYTES / perCharacter),
    left: Math.floor((MAX_MESSAGE_BYTES - bytes) / perCharacter),
  };
}
