// The read buffer of a scan thread. It lives in the memory of the SIMD search module
// (wasm/findMarker.wat), so marker searches run over the bytes where they were read, without copies.
import findMarkerWasm from './wasm/findMarker.wat';

const NEEDLE_AREA = 4096; // needles live at [0, NEEDLE_AREA); the read buffer starts after
const SLACK = 64; // vector loads may read this far past the end of the data
const PAGE = 65536;

interface FinderExports {
  memory: WebAssembly.Memory;
  find(needle: number, needleLen: number, start: number, end: number): number;
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
    return (from, end) => {
      const r = find(at, bytes.length, NEEDLE_AREA + from, NEEDLE_AREA + end);
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
