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
      // Split across two words: the high `free` bits end this word, the rest start the next.
      const rest = n - free;
      this.words[i] |= Math.floor(value / 2 ** rest);
      this.words[i + 1] |= (value % 2 ** rest) << (32 - rest);
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
 * Reads what a BitWriter wrote, from `start` bytes into `bytes`. The bytes are copied once into
 * big-endian 32-bit words so that any 32 bits are at most two word loads away: decoding is the
 * hot path of every raw read.
 */
export class BitReader {
  /** The bytes as big-endian words, with two zero words after the last. */
  readonly words: Uint32Array;
  pos = 0;

  constructor(bytes: Uint8Array, start: number) {
    const length = bytes.length - start;
    // Two spare zero words: a peek near the end reads past the data without a bounds check.
    this.words = new Uint32Array((length >> 2) + 2);
    const w = this.words;
    const whole = length >> 2;
    const view = new DataView(bytes.buffer, bytes.byteOffset + start, length);
    for (let k = 0; k < whole; k++) w[k] = view.getUint32(4 * k);
    for (let i = 4 * whole; i < length; i++) w[whole] |= bytes[start + i] << (24 - 8 * (i & 3));
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
