// The read buffer of a scan thread. It lives in the memory of the SIMD search module
// (wasm/findMarker.wat), so marker searches run over the bytes where they were read, without copies.
import findMarkerWasm from './wasm/findMarker.wat';

const NEEDLE_AREA = 4096; // needles live at [0, NEEDLE_AREA); the read buffer starts after
const SLACK = 64; // vector loads may read this far past the end of the data
const PAGE = 65536;

interface FinderExports {
  memory: WebAssembly.Memory;
  find(needle: number, needleLen: number, start: number, end: number, a: number, b: number): number;
}

/** How common a byte is in JSON logs, roughly (higher: more common): quotes, spaces and punctuation first. */
function commonness(c: number): number {
  if (c === 0x22) return 100; // "
  if (c === 0x20 || c === 0x2c || c === 0x3a) return 90; // space , :
  if (c >= 0x30 && c <= 0x39) return 70; // digits: times, ids, counts
  if ('etaoinsr'.includes(String.fromCharCode(c))) return 60;
  if (c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x5f || c === 0x2d) return 50; // { } [ ] _ -
  if (c >= 0x61 && c <= 0x7a) return 40;
  return 20; // \, capitals, other punctuation, non-ASCII
}

/** The two offsets of `bytes` whose bytes are rarest in logs (apart, when rarities tie): the SIMD filter. */
export function filterOffsets(bytes: Uint8Array): [number, number] {
  const order = [...bytes.keys()].sort((x, y) => commonness(bytes[x]!) - commonness(bytes[y]!) || x - y);
  const a = order[0]!;
  const best = commonness(bytes[order[1]!]!);
  const b = order.filter((k) => k !== a && commonness(bytes[k]!) === best).sort((x, y) => Math.abs(y - a) - Math.abs(x - a))[0]!;
  return [a, b];
}

export class ScanBuffer {
  private readonly wasm: FinderExports;
  private nextNeedle = 0;
  private view: Buffer;

  constructor(initialBytes: number) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(findMarkerWasm));
    this.wasm = instance.exports as unknown as FinderExports;
    this.view = Buffer.alloc(0);
    this.ensure(initialBytes);
  }

  /** The read buffer (a view of the module memory); re-fetch it after `ensure`. */
  get buf(): Buffer {
    return this.view;
  }

  /** Grows the read buffer to at least `bytes`, keeping its contents. */
  ensure(bytes: number): Buffer {
    if (this.view.length >= bytes) return this.view;
    const needed = NEEDLE_AREA + bytes + SLACK;
    const have = this.wasm.memory.buffer.byteLength;
    if (needed > have) this.wasm.memory.grow(Math.ceil((needed - have) / PAGE));
    this.view = Buffer.from(this.wasm.memory.buffer, NEEDLE_AREA, bytes);
    return this.view;
  }

  /** Registers a needle; returns a search function over the read buffer. */
  needle(text: string): (from: number, end: number) => number {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length < 2 || this.nextNeedle + bytes.length > NEEDLE_AREA) throw new Error(`bad needle ${text}`);
    const at = this.nextNeedle;
    Buffer.from(this.wasm.memory.buffer).set(bytes, at);
    this.nextNeedle += bytes.length;
    const find = this.wasm.find;
    const [a, b] = filterOffsets(bytes);
    return (from, end) => {
      const r = find(at, bytes.length, NEEDLE_AREA + from, NEEDLE_AREA + end, a, b);
      return r < 0 ? -1 : r - NEEDLE_AREA;
    };
  }
}

let threadBuffer: ScanBuffer | undefined;

/** The scan buffer of this thread (one per worker; created on first use). */
export function threadScanBuffer(): ScanBuffer {
  threadBuffer ??= new ScanBuffer(4 * 1024 * 1024);
  return threadBuffer;
}

export type MarkerSearch = (buf: Buffer, from: number, end: number) => number;

/**
 * A search for `text`: SIMD over the thread's scan buffer, Buffer#indexOf over any other buffer.
 * Returns the index of the first occurrence in [from, end), or -1.
 */
export function markerSearch(text: string): MarkerSearch {
  const bytes = Buffer.from(text, 'utf8');
  let simd: ((from: number, end: number) => number) | undefined;
  return (buf, from, end) => {
    const sb = threadBuffer;
    if (sb && buf === sb.buf) {
      simd ??= sb.needle(text);
      return simd(from, end);
    }
    const i = buf.indexOf(bytes, from);
    return i >= 0 && i + bytes.length <= end ? i : -1;
  };
}
