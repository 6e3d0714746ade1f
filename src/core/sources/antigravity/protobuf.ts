// A minimal protobuf wire-format reader for Antigravity's metadata blobs: a message is split into its
// fields (number, and a varint or the bytes of a length-delimited field; fixed-width values are
// skipped). No schema: the field numbers the parser uses are in conversationParser.ts. A blob that does
// not split cleanly (truncated, a varint over 64 bits, field number 0, wire types 3/4/6/7) throws
// ProtoError, as ccusage's decoder rejects it.

export class ProtoError extends Error {}

export type ProtoField = { number: number; varint: number; bytes?: undefined } | { number: number; bytes: Uint8Array; varint?: undefined } | { number: number; varint?: undefined; bytes?: undefined };

const TWO_32 = 2 ** 32;

/** The varint at `at`, as a number (exact up to 2^53), and where the next value starts. */
function readVarint(b: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 10; i++) {
    const byte = b[at + i];
    if (byte === undefined) throw new ProtoError('truncated protobuf varint');
    const payload = byte & 0x7f;
    if (i === 9 && payload > 1) throw new ProtoError('protobuf varint overflow');
    value += payload * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw new ProtoError('protobuf varint overflow');
}

/** The fields of one message, in the order written. */
export function decodeFields(b: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  while (at < b.length) {
    const [tag, next] = readVarint(b, at);
    at = next;
    const number = Math.floor(tag / 8);
    if (number >= TWO_32) throw new ProtoError('protobuf field number overflow');
    if (number === 0) throw new ProtoError('protobuf field number is zero');
    const wire = tag % 8;
    if (wire === 0) {
      const [varint, after] = readVarint(b, at);
      at = after;
      fields.push({ number, varint });
    } else if (wire === 2) {
      const [len, start] = readVarint(b, at);
      if (len > b.length - start) throw new ProtoError('truncated protobuf fixed-width value');
      fields.push({ number, bytes: b.subarray(start, start + len) });
      at = start + len;
    } else if (wire === 1 || wire === 5) {
      const len = wire === 1 ? 8 : 4;
      if (len > b.length - at) throw new ProtoError('truncated protobuf fixed-width value');
      at += len;
      fields.push({ number });
    } else throw new ProtoError('unsupported protobuf wire type');
  }
  return fields;
}

/** The last varint of field `n` (a repeated scalar's last value wins, as in protobuf). */
export function lastVarint(fields: ProtoField[], n: number): number | undefined {
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i]!;
    if (f.number === n && f.varint !== undefined) return f.varint;
  }
  return undefined;
}

/** The first length-delimited value of field `n`. */
export function firstBytes(fields: ProtoField[], n: number): Uint8Array | undefined {
  return fields.find((f) => f.number === n && f.bytes !== undefined)?.bytes;
}

/** Every length-delimited value of field `n`, in order. */
export function allBytes(fields: ProtoField[], n: number): Uint8Array[] {
  return fields.flatMap((f) => (f.number === n && f.bytes !== undefined ? [f.bytes] : []));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The last length-delimited value of field `n` as text: undefined when it is not UTF-8 or is blank. */
export function lastText(fields: ProtoField[], n: number): string | undefined {
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i]!;
    if (f.number !== n || f.bytes === undefined) continue;
    try {
      const s = UTF8.decode(f.bytes);
      return s.trim() ? s : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
