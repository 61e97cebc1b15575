// The content of a FILE message (§4 of the API reference): `fileName,sizeBytes,objectKey,ext`. One reader for the
// three places that need it: the core (a visitor's own file read back from the history), the API part (which file
// to download) and the panel (the card's name and size), so that they never disagree about a message.

export interface FileContent {
  /** The file's name; it may itself hold commas. */
  name: string;
  /** Bytes as the sender stated them; null when the field is empty or not a whole number. */
  size: number | null;
  objectKey: string;
  /** Lower case, without a dot; '' when not given. */
  ext: string;
}

/**
 * Reads FILE content. The name may hold commas, so the last three fields are size, objectKey and extension.
 * null when the content has fewer than four fields, or no name or key.
 */
export function parseFileContent(content: string): FileContent | null {
  const fields = content.split(',');
  if (fields.length < 4) return null;
  const [size, objectKey, ext] = fields.slice(-3).map((field) => field.trim());
  const name = fields.slice(0, -3).join(',').trim();
  if (!name || !objectKey) return null;
  return {
    name,
    size: /^\d{1,15}$/.test(size) ? Number(size) : null,
    objectKey,
    ext: ext.toLowerCase().replace(/^\./, ''),
  };
}
