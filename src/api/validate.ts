// Tiny typed readers for JSON answers. Each reader knows the field path it reads
// (`downlinkMessages[2].timestamp`) and throws `CcApiError{kind:'parse', field}` naming it when the
// value has the wrong structure. Scalars are converted where the vendor's documents disagree about a
// field's type (numbers sent as strings and the reverse); objects and arrays never turn into scalars.
// A lenient reader (a message's optional fields) gives null for a scalar of the wrong shape instead.
// Error messages describe the value's type, never the value itself, so nothing sensitive leaks.

import { CcApiError } from '../core/errors';

type JsonObject = Record<string, unknown>;

/** A short description of a JSON value's type, for error messages (never the value). */
export function describeType(value: unknown): string {
  if (value == null) return value === null ? 'null' : 'nothing';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.trim() === '' ? 'an empty string' : 'a string';
    case 'number':
      return Number.isFinite(value) ? 'a number' : 'a non-finite number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function parseFailure(operation: string, field: string, expected: string, value: unknown): CcApiError {
  return new CcApiError({
    kind: 'parse',
    operation,
    field,
    message:
      `The answer to ${operation} had an unexpected value at "${field}": expected ${expected}, got ${describeType(value)}. ` +
      'The server may run a different version of the CC-Messaging API than this widget supports.',
  });
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A JSON object being read, with the path that led to it. Every getter treats a missing key and
 * `null` alike (→ `null`, or the documented default). A lenient reader reads a scalar of the wrong shape
 * (an object where text is expected, text that is no number) as missing, and drops such items of `strings`.
 */
export class ObjectReader {
  readonly #data: JsonObject;
  readonly #path: string;
  readonly #operation: string;
  readonly #lenient: boolean;

  constructor(data: JsonObject, path: string, operation: string, lenient = false) {
    this.#data = data;
    this.#path = path;
    this.#operation = operation;
    this.#lenient = lenient;
  }

  /** The body of an answer: it must be a JSON object. */
  static root(value: unknown, operation: string): ObjectReader {
    if (!isObject(value)) {
      throw new CcApiError({
        kind: 'parse',
        operation,
        message:
          `The answer to ${operation} was ${describeType(value)} where a JSON object was expected; ` +
          'base-url may not point at a CC-Messaging server or the site\'s proxy.',
      });
    }
    return new ObjectReader(value, '', operation);
  }

  /** Reads an array element (or any value) as an object at the given path. */
  static at(value: unknown, path: string, operation: string, lenient?: boolean): ObjectReader {
    if (!isObject(value)) throw parseFailure(operation, path, 'an object', value);
    return new ObjectReader(value, path, operation, lenient);
  }

  #fieldPath(key: string): string {
    return this.#path === '' ? key : `${this.#path}.${key}`;
  }

  has(key: string): boolean {
    return this.#data[key] != null;
  }

  raw(key: string): unknown {
    return this.#data[key];
  }

  fail(key: string, expected: string): CcApiError {
    return parseFailure(this.#operation, this.#fieldPath(key), expected, this.#data[key]);
  }

  /** A scalar of the wrong shape: null when lenient, else a parse error. */
  #bad(key: string, expected: string): null {
    if (this.#lenient) return null;
    throw this.fail(key, expected);
  }

  /** A string; numbers and booleans are converted. Missing or null → null. */
  string(key: string): string | null {
    const value = this.#data[key];
    if (value == null) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'boolean') return String(value);
    return this.#bad(key, 'a string');
  }

  /** Like `string`, but missing or null → `fallback`. */
  stringOr(key: string, fallback: string): string {
    return this.string(key) ?? fallback;
  }

  /** A number; a numeric string is converted, an empty string counts as missing. Missing or null → null. */
  number(key: string): number | null {
    const value = this.#data[key];
    if (value == null) return null;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed === '') return null;
      if (NUMERIC.test(trimmed)) return Number(trimmed);
    }
    return this.#bad(key, 'a number');
  }

  /** A boolean; also 1/0 and the flags "true"/"false", "1"/"0", "Y"/"N", "yes"/"no" (any case). Missing or null → null. */
  boolean(key: string): boolean | null {
    const value = this.#data[key];
    if (value == null) return null;
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === 0) return value === 1;
    if (typeof value === 'string') {
      const flag = value.trim().toLowerCase();
      if (/^(true|1|y|yes)$/.test(flag)) return true;
      if (/^(false|0|n|no)$/.test(flag)) return false;
      if (flag === '') return null;
    }
    return this.#bad(key, 'a boolean');
  }

  /** A nested object. Missing or null → null. */
  object(key: string): ObjectReader | null {
    const value = this.#data[key];
    if (value == null) return null;
    if (!isObject(value)) throw this.fail(key, 'an object');
    return new ObjectReader(value, this.#fieldPath(key), this.#operation);
  }

  /**
   * An array, each item with its path (`key[i]`). A string holding a JSON array gives its items, and a single
   * object is an array of one. Missing, null or blank → [].
   */
  array(key: string): Array<{ value: unknown; path: string }> {
    let value = this.#data[key];
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value.trim() || 'null');
      } catch {
        // Not JSON: stays a string, which fails below.
      }
    }
    if (value == null) return [];
    if (isObject(value)) value = [value];
    if (!Array.isArray(value)) throw this.fail(key, 'an array');
    const base = this.#fieldPath(key);
    return value.map((item: unknown, i) => ({ value: item, path: `${base}[${i}]` }));
  }

  /** An array of objects. Missing or null → []. */
  objects(key: string): ObjectReader[] {
    return this.array(key).map(({ value, path }) => ObjectReader.at(value, path, this.#operation));
  }

  /** An array of strings (numbers converted; null items, and when lenient any other non-text, dropped). Missing or null → []. */
  strings(key: string): string[] {
    const out: string[] = [];
    for (const { value, path } of this.array(key)) {
      if (typeof value === 'string') out.push(value);
      else if (typeof value === 'number' && Number.isFinite(value)) out.push(String(value));
      else if (value != null && !this.#lenient) throw parseFailure(this.#operation, path, 'a string', value);
    }
    return out;
  }
}
