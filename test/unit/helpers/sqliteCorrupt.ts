// Damage to an SQLite image, aimed where a reader can go wrong: page headers, cell pointers, payload
// sizes, record headers, child and overflow pointers (cycles, repeats, out of range), page types, the file
// header, truncation, zeroed and swapped pages, and random bytes; and a flipped byte in a WAL.

/** A small seeded generator (mulberry32), so every damaged file can be made again from its seed. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

/** A b-tree or overflow page, as SQLite's dbstat lists it: [page number, 'internal' | 'leaf' | 'overflow', table or index]. */
export type PageInfo = [number, string, string];

const HUGE_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

function varintBytes(v: number): number[] {
  const out: number[] = [];
  let x = BigInt(v);
  do {
    out.unshift(Number(x & 0x7fn));
    x >>= 7n;
  } while (x > 0n && out.length < 8);
  return out.map((b, i) => (i < out.length - 1 ? b | 0x80 : b));
}

class Image {
  constructor(
    readonly b: Buffer,
    readonly pageSize: number,
  ) {}
  get pageCount(): number {
    return Math.floor(this.b.length / this.pageSize);
  }
  start(pg: number): number {
    return (pg - 1) * this.pageSize;
  }
  hdr(pg: number): number {
    return this.start(pg) + (pg === 1 ? 100 : 0);
  }
  cells(pg: number): number {
    return this.b.readUInt16BE(this.hdr(pg) + 3);
  }
  pointerAt(pg: number, i: number): number {
    const h = this.hdr(pg);
    return h + (this.b[h] === 0x05 || this.b[h] === 0x02 ? 12 : 8) + 2 * i;
  }
  cell(pg: number, i: number): number {
    return this.start(pg) + this.b.readUInt16BE(this.pointerAt(pg, i));
  }
  write(at: number, bytes: number[]): void {
    for (let k = 0; k < bytes.length && at + k < this.b.length; k++) this.b[at + k] = bytes[k]!;
  }
}

type Mutation = (img: Image, pages: PageInfo[], rng: Rng) => string | undefined;

const ofType = (pages: PageInfo[], type: string): PageInfo[] => pages.filter((p) => p[1] === type);
const btree = (pages: PageInfo[]): PageInfo[] => pages.filter((p) => p[1] !== 'overflow');

const MUTATIONS: Record<string, Mutation> = {
  // One place only: with damage in two places, a table SQLite refuses for one of them (its CREATE
  // statement) may hold the other in its rows, which no reader could tell from data.
  'random bytes': (img, _p, rng) => {
    const n = 1 + rng.int(8);
    const from = rng.int(Math.max(1, img.b.length - 16));
    for (let k = 0; k < n; k++) img.b[from + rng.int(16)] = rng.int(256);
    return `${n} bytes at ${from}`;
  },
  'page header': (img, pages, rng) => {
    const pg = rng.pick(btree(pages))?.[0];
    if (pg === undefined) return undefined;
    const at = img.hdr(pg) + rng.int(12);
    img.b[at] = rng.int(256);
    return `page ${pg} header byte ${at - img.start(pg)}`;
  },
  'cell count': (img, pages, rng) => {
    const pg = rng.pick(btree(pages))?.[0];
    if (pg === undefined) return undefined;
    const v = rng.pick([0, 1, 0xffff, 0x8000, img.cells(pg) + 1 + rng.int(50), rng.int(0x10000)]);
    img.b.writeUInt16BE(v, img.hdr(pg) + 3);
    return `page ${pg} cell count ${v}`;
  },
  'cell pointer': (img, pages, rng) => {
    const pg = rng.pick(btree(pages))?.[0];
    if (pg === undefined) return undefined;
    if (img.cells(pg) === 0) return undefined;
    const v = rng.pick([0, 1, img.pageSize - 1, img.pageSize - 4, 0xffff, rng.int(0x10000), rng.int(img.pageSize)]);
    img.b.writeUInt16BE(v & 0xffff, img.pointerAt(pg, rng.int(img.cells(pg))));
    return `page ${pg} cell pointer → ${v}`;
  },
  'payload size': (img, pages, rng) => {
    const pg = rng.pick(ofType(pages, 'leaf'))?.[0];
    if (pg === undefined || img.cells(pg) === 0) return undefined;
    const at = img.cell(pg, rng.int(img.cells(pg)));
    const v = rng.pick([HUGE_VARINT, varintBytes(2 ** 31), varintBytes(2 ** 40), varintBytes(img.pageSize * 1000), varintBytes(rng.int(img.pageSize * 4)), [0]]);
    img.write(at, v);
    return `page ${pg} payload size bytes ${v.length}`;
  },
  'record header': (img, pages, rng) => {
    const pg = rng.pick(ofType(pages, 'leaf'))?.[0];
    if (pg === undefined || img.cells(pg) === 0) return undefined;
    // Past the payload size and the rowid: the record's header size, then its serial types.
    const at = skipVarint(img.b, skipVarint(img.b, img.cell(pg, rng.int(img.cells(pg)))));
    const v = rng.pick([HUGE_VARINT, varintBytes(2 ** 33), [0x7f], [10], [11], varintBytes(2 ** 40 + 13), [0]]);
    img.write(at + rng.int(3), v);
    return `page ${pg} record header`;
  },
  'child pointer': (img, pages, rng) => {
    const internal = ofType(pages, 'internal');
    if (internal.length === 0) return undefined;
    const [pg, , name] = rng.pick(internal);
    const same = pages.filter((p) => p[2] === name && p[1] !== 'overflow').map((p) => p[0]);
    const v = rng.pick([0, pg, rng.pick(same), rng.pick(same), img.pageCount + 1 + rng.int(5), 0xffffffff, 1 + rng.int(img.pageCount)]);
    const cells = img.cells(pg);
    const at = rng.int(cells + 1) === cells ? img.hdr(pg) + 8 : img.cell(pg, rng.int(cells));
    img.b.writeUInt32BE(v >>> 0, at);
    return `page ${pg} child → ${v}`;
  },
  'overflow pointer': (img, pages, rng) => {
    const over = ofType(pages, 'overflow');
    if (over.length === 0) return undefined;
    const [pg] = rng.pick(over);
    const v = rng.pick([0, pg, rng.pick(over)[0], img.pageCount + 1, 0xffffffff, 1, 1 + rng.int(img.pageCount)]);
    img.b.writeUInt32BE(v >>> 0, img.start(pg));
    return `overflow page ${pg} next → ${v}`;
  },
  'page type': (img, pages, rng) => {
    const pg = rng.pick(btree(pages))?.[0];
    if (pg === undefined) return undefined;
    const v = rng.pick([0x00, 0x02, 0x05, 0x0a, 0x0d, rng.int(256)]);
    img.b[img.hdr(pg)] = v;
    return `page ${pg} type ${v}`;
  },
  'file header': (img, _p, rng) => {
    const at = rng.pick([16, 17, 18, 19, 20, 21, 28, 31, 44, 56, 59, rng.int(100)]);
    img.b[at] = rng.int(256);
    return `header byte ${at}`;
  },
  'zero page': (img, _p, rng) => {
    const pg = 1 + rng.int(img.pageCount);
    img.b.fill(0, img.start(pg), img.start(pg) + img.pageSize);
    return `page ${pg} zeroed`;
  },
  'swap pages': (img, _p, rng) => {
    const a = 1 + rng.int(img.pageCount);
    const b = 1 + rng.int(img.pageCount);
    const copy = Buffer.from(img.b.subarray(img.start(a), img.start(a) + img.pageSize));
    img.b.copy(img.b, img.start(a), img.start(b), img.start(b) + img.pageSize);
    copy.copy(img.b, img.start(b));
    return `pages ${a} and ${b} swapped`;
  },
};

function skipVarint(b: Buffer, at: number): number {
  for (let i = 0; i < 8; i++) if ((b[at + i]! & 0x80) === 0) return at + i + 1;
  return at + 9;
}

/** A damaged copy of `image` (a database with its WAL applied) and what was done to it. */
export function corruptImage(image: Buffer, pageSize: number, pages: PageInfo[], rng: Rng): { bytes: Buffer; what: string } {
  if (rng.int(10) === 0) {
    const cut = rng.int(2) === 0 ? pageSize * rng.int(Math.max(1, Math.floor(image.length / pageSize))) : rng.int(image.length);
    return { bytes: Buffer.from(image.subarray(0, cut)), what: `truncated: at byte ${cut}` };
  }
  const names = Object.keys(MUTATIONS);
  for (;;) {
    const img = new Image(Buffer.from(image), pageSize);
    const name = rng.pick(names);
    const what = MUTATIONS[name]!(img, pages, rng);
    if (what) return { bytes: img.b, what: `${name}: ${what}` };
  }
}

/** A WAL with one byte changed (header, a frame header or a page in a frame). */
export function corruptWal(wal: Buffer, rng: Rng): { bytes: Buffer; what: string } {
  const out = Buffer.from(wal);
  const at = rng.int(3) === 0 ? rng.int(Math.min(32 + 24, out.length)) : rng.int(out.length);
  out[at] = (out[at]! + 1 + rng.int(255)) & 0xff;
  return { bytes: out, what: `WAL byte: ${at}` };
}
