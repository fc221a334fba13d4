/**
 * Bit-level writer and reader for the chunk codec. Bits are packed most significant first.
 * Numbers stay JS numbers: a field wider than 32 bits is written as a high and a low part.
 */
export class BitWriter {
  // Big-endian 32-bit words, as BitReader reads them: a field is OR-ed into at most two words.
  private words = new Uint32Array(64);
  private bitLength = 0;

  /** Appends the low `n` bits of `value` (0 ≤ n ≤ 32, 0 ≤ value < 2^n). */
  write(value: number, n: number): void {
    if (n === 0) return;
    if (this.bitLength + n > this.words.length * 32) this.grow();
    const i = this.bitLength >>> 5;
    const free = 32 - (this.bitLength & 31);
    if (n <= free) {
      this.words[i] |= n === 32 ? value : value << (free - n);
    } else {
      // Split across two words: the high `free` bits end this word, the rest start the next (a
      // 32-bit shift drops the bits already written). Shifts, not division: this runs per field.
      const rest = n - free;
      this.words[i] |= value >>> rest;
      this.words[i + 1] |= value << (32 - rest);
    }
    this.bitLength += n;
  }

  /** Appends the low `n` bits (n ≤ 53) of a non-negative safe integer. */
  writeWide(value: number, n: number): void {
    if (n > 32) {
      this.write(Math.floor(value / 2 ** 32), n - 32);
      this.write(value >>> 0, 32);
    } else {
      this.write(value, n);
    }
  }

  /** Bits written so far. */
  get length(): number {
    return this.bitLength;
  }

  /** The bytes written so far, the last one zero-padded. */
  finish(): Uint8Array {
    const out = new Uint8Array((this.bitLength + 7) >> 3);
    for (let b = 0; b < out.length; b++) out[b] = this.words[b >> 2] >>> (24 - 8 * (b & 3));
    return out;
  }

  private grow(): void {
    const grown = new Uint32Array(this.words.length * 2);
    grown.set(this.words);
    this.words = grown;
  }
}

/**
 * Bit streams as big-endian 32-bit words, so that any 32 bits are at most two word loads away:
 * decoding is the hot path of every raw read. Each stream starts on a word boundary and is
 * followed by at least one zero word, so a peek near its end reads past the data without a bounds check;
 * `starts` are the streams' first bit positions. One allocation for many streams: a typed array
 * per chunk cost as much as decoding it.
 */
export function packWords(streams: readonly Uint8Array[]): { words: Uint32Array; starts: number[] } {
  let total = 0;
  for (const bytes of streams) total += (bytes.length >> 2) + 2;
  const words = new Uint32Array(total);
  const starts: number[] = [];
  let at = 0;
  for (const bytes of streams) {
    starts.push(at * 32);
    const whole = bytes.length >> 2;
    for (let k = 0, i = 0; k < whole; k++, i += 4) words[at + k] = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    for (let i = 4 * whole; i < bytes.length; i++) words[at + whole] |= bytes[i] << (24 - 8 * (i & 3));
    at += whole + 2;
  }
  return { words, starts };
}

/** Reads what a BitWriter wrote, from bit `pos` of words packed by packWords. */
export class BitReader {
  constructor(
    readonly words: Uint32Array,
    public pos: number,
  ) {}

  /** A reader of one stream: the bytes of `bytes` from `start` on. */
  static of(bytes: Uint8Array, start: number): BitReader {
    const { words, starts } = packWords([bytes.subarray(start)]);
    return new BitReader(words, starts[0]);
  }

  /** The next 32 bits, not consumed. */
  peek(): number {
    const i = this.pos >>> 5;
    const off = this.pos & 31;
    return off === 0 ? this.words[i] : ((this.words[i] << off) | (this.words[i + 1] >>> (32 - off))) >>> 0;
  }

  /** The next `n` bits (1 ≤ n ≤ 32) as an unsigned number. */
  read(n: number): number {
    const value = this.peek() >>> (32 - n);
    this.pos += n;
    return value;
  }

  /** The next `n` bits (n ≤ 53) as an unsigned number. */
  readWide(n: number): number {
    if (n <= 32) return this.read(n);
    const high = this.read(n - 32);
    return high * 2 ** 32 + this.read(32);
  }
}
