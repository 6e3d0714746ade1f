// Parsing one log line as JSON, with the skip every source counts for a line that is not.
import type { ParseSink } from './fileParser';
import { parseFailure } from './junkLines';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The line parsed as JSON; a malformed line is counted as the skip `malformed JSON` and gives undefined. */
export function parseJsonLine(text: string, sink: Pick<ParseSink, 'skip'>): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    sink.skip(parseFailure(err));
    return undefined;
  }
}

/** The line parsed as a JSON object; anything else is counted as a skip and gives undefined. */
export function parseObjectLine(text: string, sink: Pick<ParseSink, 'skip'>): JsonObject | undefined {
  const value = parseJsonLine(text, sink);
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    sink.skip('not a JSON object');
    return undefined;
  }
  return value;
}
