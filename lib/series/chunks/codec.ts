import type { WindowSummary } from "@/lib/store/types";
import { BitReader, BitWriter } from "./bit-stream";

/**
 * The compressed form of one series' points over a time block — Facebook's Gorilla scheme
 * (Pelkonen et al., VLDB 2015), as Prometheus' XOR chunks use it, with one addition taken from
 * VictoriaMetrics: values that are decimals with few digits are stored as integer mantissas.
 *
 * Layout: byte 0 the value encoding (DECIMAL or FLOAT, with the REGULAR flag), byte 1 the
 * decimal exponent, then the point count as an unsigned LEB128, then one bit stream holding per
 * point its timestamp and its value.
 * - Timestamps: delta-of-delta, in a variable-width bucket (a regular interval costs one bit).
 *   When all of a chunk's points are evenly spaced (a Graphite, StatsD or bench series), only the
 *   first timestamp and the interval are stored, and decoding skips a field per point.
 * - DECIMAL values: v = m / 10^e for one e per chunk; the mantissas are delta-of-delta coded as
 *   the timestamps are, so a slowly moving gauge or a steady counter costs a few bits a point.
 * - FLOAT values (NaN, many digits, huge magnitudes): Gorilla's XOR against the previous value,
 *   reusing the previous window of meaningful bits when it fits.
 * Decoding gives back exactly the numbers encoded (the decimal form is used only when every
 * value survives `Math.round(v * 10^e) / 10^e` unchanged); -0 is stored as 0.
 */

const DECIMAL = 1;
const FLOAT = 2;
/** Flag on the encoding byte: evenly spaced timestamps, stored as the first and the interval. */
const REGULAR = 0x10;
const MAX_EXPONENT = 12;
/** Mantissas stay below 2^49 so a delta-of-delta, zigzagged, fits the widest bucket (53 bits). */
const MAX_MANTISSA = 2 ** 49;
const POW10 = Array.from({ length: MAX_EXPONENT + 1 }, (_, e) => 10 ** e);
/** Payload widths of the integer buckets, after a prefix of that many 1 bits (then a 0, except the last). */
const BUCKET_BITS = [0, 4, 8, 13, 32, 53];

export interface DecodedChunk {
  ts: Float64Array;
  values: Float64Array;
}

/** Encodes points (timestamps ascending and distinct, as the store keeps them). */
export function encodeChunk(ts: ArrayLike<number>, values: ArrayLike<number>): Uint8Array {
  const count = ts.length;
  const exponent = decimalExponent(values);
  const interval = regularInterval(ts);
  const bits = new BitWriter();
  // A regular chunk stores its first timestamp and its interval, then values alone.
  const time = interval === null ? new IntDeltaWriter(bits) : null;
  if (interval !== null) {
    writeSigned(bits, ts[0]);
    writeSigned(bits, interval);
  }
  if (exponent !== null) {
    const mantissa = new IntDeltaWriter(bits);
    const scale = POW10[exponent];
    for (let i = 0; i < count; i++) {
      time?.write(ts[i]);
      mantissa.write(Math.round(values[i] * scale));
    }
  } else {
    const xor = new XorWriter(bits);
    for (let i = 0; i < count; i++) {
      time?.write(ts[i]);
      xor.write(values[i]);
    }
  }
  const head = [(exponent === null ? FLOAT : DECIMAL) | (interval === null ? 0 : REGULAR), exponent ?? 0, ...leb128(count)];
  const body = bits.finish();
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/** The interval of timestamps that are evenly spaced (at least two of them), else null. */
function regularInterval(ts: ArrayLike<number>): number | null {
  if (ts.length < 2) return null;
  const interval = ts[1] - ts[0];
  for (let i = 2; i < ts.length; i++) if (ts[i] - ts[i - 1] !== interval) return null;
  return interval;
}

/** The points of an encoded chunk, in order. */
export function decodeChunk(data: Uint8Array): DecodedChunk {
  const { encoding, exponent, count, bits } = openChunk(data);
  const ts = new Float64Array(count);
  const values = new Float64Array(count);
  const regular = (encoding & REGULAR) !== 0;
  if (regular) {
    const first = readSigned(bits);
    const interval = readSigned(bits);
    for (let i = 0; i < count; i++) ts[i] = first + i * interval;
  }
  const valueEncoding = encoding & ~REGULAR;
  if (valueEncoding === DECIMAL && regular) {
    foldMantissas(bits, count, POW10[exponent], values);
  } else if (valueEncoding === DECIMAL) {
    const scale = POW10[exponent];
    let t = 0;
    let dt = 0;
    let m = 0;
    let dm = 0;
    for (let i = 0; i < count; i++) {
      const tDelta = dt + readSigned(bits);
      t += tDelta;
      ts[i] = t;
      dt = i === 0 ? 0 : tDelta;
      const mDelta = dm + readSigned(bits);
      m += mDelta;
      values[i] = m / scale;
      dm = i === 0 ? 0 : mDelta;
    }
  } else if (valueEncoding === FLOAT) {
    const time = regular ? null : new IntDeltaReader(bits);
    const xor = new XorReader(bits);
    for (let i = 0; i < count; i++) {
      if (time) ts[i] = time.read();
      values[i] = xor.read();
    }
  } else {
    throw new Error(`unknown chunk encoding ${encoding}`);
  }
  return { ts, values };
}

/**
 * Integer codes by their first SHORT_BITS bits, for the mantissa loop: SHORT_LENGTH[bits] is the
 * code's length — the three narrowest buckets whole (SHORT_VALUE[bits] is then the signed value),
 * and the 13-bit bucket's JUMP_LENGTH, whose payload the loop reads itself — and 0 for the two
 * widest. One lookup replaces the branches on the bucket, which a noisy series takes at random.
 */
const SHORT_BITS = 12;
const JUMP_LENGTH = 4 + BUCKET_BITS[3];
const SHORT_LENGTH = new Uint8Array(1 << SHORT_BITS);
const SHORT_VALUE = new Int32Array(1 << SHORT_BITS);
for (let bucket = 0; bucket <= 2; bucket++) {
  const width = BUCKET_BITS[bucket];
  const length = bucket + 1 + width;
  const prefix = ((1 << bucket) - 1) << 1;
  for (let z = 0; z < 2 ** width; z++) {
    const code = ((prefix << width) | z) << (SHORT_BITS - length);
    for (let rest = 0; rest < 1 << (SHORT_BITS - length); rest++) {
      SHORT_LENGTH[code | rest] = length;
      SHORT_VALUE[code | rest] = (z >>> 1) ^ -(z & 1);
    }
  }
}
SHORT_LENGTH.fill(JUMP_LENGTH, 0b1110 << (SHORT_BITS - 4), 0b1111 << (SHORT_BITS - 4));

/** A chunk's header, and a reader at its bit stream. */
function openChunk(data: Uint8Array): { encoding: number; exponent: number; count: number; bits: BitReader } {
  let count = 0;
  let offset = 2;
  for (let shift = 0; ; shift += 7) {
    const byte = data[offset++];
    count += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  return { encoding: data[0], exponent: data[1], count, bits: new BitReader(data, offset) };
}

/** What a run of points reduces to: a WindowSummary without the newest point's time. */
export type ValueSummary = Omit<WindowSummary, "lastTs">;

/**
 * A chunk's values reduced without materializing them: every point is decoded, but a regular
 * DECIMAL chunk is summed as integer mantissas and divided once. The sum may differ from adding
 * the values one by one in the last bits; min, max and last are exact. NaN, which only FLOAT
 * chunks hold, propagates into every figure as Math.min/Math.max would carry it.
 */
export function summarizeChunk(data: Uint8Array): ValueSummary {
  const { encoding, exponent, count, bits } = openChunk(data);
  if (encoding !== (DECIMAL | REGULAR)) return summarizeValues(decodeChunk(data).values, 0, count);
  readSigned(bits); // the first timestamp
  readSigned(bits); // the interval
  return foldMantissas(bits, count, POW10[exponent], null);
}

/** Values [start, end) reduced as summarizeChunk does; NaN propagates as in Math.min/Math.max. */
export function summarizeValues(values: Float64Array, start: number, end: number): ValueSummary {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    sum += values[i];
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  return { count: end - start, sum, min, max, last: values[end - 1] };
}

/**
 * The mantissas of a regular DECIMAL chunk, the bit stream's only fields, decoded into `values`
 * (when given) and reduced: the hot loop of every raw read. Each code is found from the 32 bits
 * at its position through SHORT_LENGTH/SHORT_VALUE, without a branch on its bucket but for the
 * two widest, which a chunk rarely holds.
 */
function foldMantissas(bits: BitReader, count: number, scale: number, values: Float64Array | null): ValueSummary {
  const words = bits.words;
  let pos = bits.pos;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let m = 0;
  let dm = 0;
  for (let i = 0; i < count; i++) {
    const at = pos >>> 5;
    const off = pos & 31;
    // The next 32 bits; `>>> 1 >>> (31 - off)` is a shift by 32 - off that also holds at off = 0.
    const word = ((words[at] << off) | ((words[at + 1] >>> 1) >>> (31 - off))) >>> 0;
    const code = word >>> (32 - SHORT_BITS);
    const length = SHORT_LENGTH[code];
    let dod: number;
    if (length === 0) {
      bits.pos = pos;
      dod = readSigned(bits);
      pos = bits.pos;
    } else {
      const jump = (word >>> (32 - JUMP_LENGTH)) & ((1 << BUCKET_BITS[3]) - 1);
      dod = length === JUMP_LENGTH ? (jump >>> 1) ^ -(jump & 1) : SHORT_VALUE[code];
      pos += length;
    }
    // The first value is stored whole and the first delta as is: both are "delta-of-delta" from 0.
    dm += dod;
    m += dm;
    if (i === 0) dm = 0;
    if (values !== null) values[i] = m / scale;
    sum += m;
    if (m < min) min = m;
    if (m > max) max = m;
  }
  bits.pos = pos;
  return { count, sum: sum / scale, min: min / scale, max: max / scale, last: m / scale };
}

/** The smallest e for which every value is an integer mantissa / 10^e, or null when none is. */
function decimalExponent(values: ArrayLike<number>): number | null {
  let e = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) return null;
    while (e <= MAX_EXPONENT && Math.round(v * POW10[e]) / POW10[e] !== v) e++;
    if (e > MAX_EXPONENT) return null;
  }
  // Checked again at the final exponent: exact at a smaller e is not proof of exact at a larger one.
  const scale = POW10[e];
  for (let i = 0; i < values.length; i++) {
    const m = Math.round(values[i] * scale);
    if (m / scale !== values[i] || Math.abs(m) >= MAX_MANTISSA) return null;
  }
  return e;
}

function leb128(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}

/** Delta-of-delta of an integer sequence; the first value is stored whole, the first delta as is. */
class IntDeltaWriter {
  private previous = 0;
  private delta = 0;
  private started = false;

  constructor(private readonly bits: BitWriter) {}

  write(value: number): void {
    const delta = value - this.previous;
    writeSigned(this.bits, delta - this.delta);
    this.previous = value;
    this.delta = this.started ? delta : 0;
    this.started = true;
  }
}

class IntDeltaReader {
  private previous = 0;
  private delta = 0;
  private started = false;

  constructor(private readonly bits: BitReader) {}

  read(): number {
    const delta = this.delta + readSigned(this.bits);
    const value = this.previous + delta;
    this.previous = value;
    this.delta = this.started ? delta : 0;
    this.started = true;
    return value;
  }
}

/** A zigzagged integer in the narrowest bucket it fits: 0 costs one bit, |x| < 8 six. */
function writeSigned(bits: BitWriter, x: number): void {
  const z = x >= 0 ? 2 * x : -2 * x - 1;
  if (z === 0) return bits.write(0, 1);
  for (let bucket = 1; bucket < BUCKET_BITS.length; bucket++) {
    const width = BUCKET_BITS[bucket];
    if (bucket === BUCKET_BITS.length - 1 || z < 2 ** width) {
      const last = bucket === BUCKET_BITS.length - 1;
      // The prefix: `bucket` ones, then a zero unless this is the widest bucket.
      bits.write(last ? (1 << bucket) - 1 : ((1 << bucket) - 1) << 1, last ? bucket : bucket + 1);
      return bits.writeWide(z, width);
    }
  }
}

function readSigned(bits: BitReader): number {
  const word = bits.peek();
  if (word < 0x80000000) {
    bits.pos += 1;
    return 0;
  }
  const bucket = Math.min(Math.clz32(~word), BUCKET_BITS.length - 1);
  const prefix = bucket === BUCKET_BITS.length - 1 ? bucket : bucket + 1;
  const width = BUCKET_BITS[bucket];
  let z: number;
  if (prefix + width <= 32) {
    // The common case: prefix and payload both lie in the word already peeked.
    z = ((word << prefix) >>> 0) >>> (32 - width);
    bits.pos += prefix + width;
  } else {
    bits.pos += prefix;
    z = bits.readWide(width);
  }
  if (z < 0x80000000) return (z >>> 1) ^ -(z & 1);
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
// Little-endian hosts (every Node target): word 0 holds the low half of the float's bits.
const LO = 0;
const HI = 1;

/** Gorilla's XOR coding of float64 values. */
class XorWriter {
  private hi = 0;
  private lo = 0;
  private leading = -1;
  private trailing = 0;
  private started = false;

  constructor(private readonly bits: BitWriter) {}

  write(value: number): void {
    float[0] = value;
    const hi = words[HI];
    const lo = words[LO];
    if (!this.started) {
      this.bits.write(hi, 32);
      this.bits.write(lo, 32);
    } else {
      const xh = (hi ^ this.hi) >>> 0;
      const xl = (lo ^ this.lo) >>> 0;
      if (xh === 0 && xl === 0) {
        this.bits.write(0, 1);
      } else {
        const leading = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
        const trailing = xl !== 0 ? ctz32(xl) : 32 + ctz32(xh);
        if (this.leading >= 0 && leading >= this.leading && trailing >= this.trailing) {
          this.bits.write(0b10, 2);
          writeWindow(this.bits, xh, xl, this.trailing, 64 - this.leading - this.trailing);
        } else {
          const length = 64 - leading - trailing;
          this.bits.write(0b11, 2);
          this.bits.write(leading, 6);
          this.bits.write(length - 1, 6);
          writeWindow(this.bits, xh, xl, trailing, length);
          this.leading = leading;
          this.trailing = trailing;
        }
      }
    }
    this.hi = hi;
    this.lo = lo;
    this.started = true;
  }
}

class XorReader {
  private hi = 0;
  private lo = 0;
  private leading = 0;
  private trailing = 0;
  private started = false;

  constructor(private readonly bits: BitReader) {}

  read(): number {
    if (!this.started) {
      this.hi = this.bits.readWide(32);
      this.lo = this.bits.readWide(32);
      this.started = true;
    } else if (this.bits.read(1) === 1) {
      if (this.bits.read(1) === 1) {
        this.leading = this.bits.read(6);
        this.trailing = 64 - this.leading - (this.bits.read(6) + 1);
      }
      const length = 64 - this.leading - this.trailing;
      let xh = length > 32 ? this.bits.readWide(length - 32) : 0;
      let xl = this.bits.readWide(Math.min(length, 32));
      const t = this.trailing;
      if (t >= 32) {
        xh = (xl << (t - 32)) >>> 0;
        xl = 0;
      } else if (t > 0) {
        xh = ((xh << t) | (xl >>> (32 - t))) >>> 0;
        xl = (xl << t) >>> 0;
      }
      this.hi = (this.hi ^ xh) >>> 0;
      this.lo = (this.lo ^ xl) >>> 0;
    }
    words[HI] = this.hi;
    words[LO] = this.lo;
    return float[0];
  }
}

/** Writes the `length` bits of the 64-bit (hi, lo) that start `trailing` bits up from the bottom. */
function writeWindow(bits: BitWriter, hi: number, lo: number, trailing: number, length: number): void {
  let h = hi;
  let l = lo;
  if (trailing >= 32) {
    l = hi >>> (trailing - 32);
    h = 0;
  } else if (trailing > 0) {
    l = ((lo >>> trailing) | (hi << (32 - trailing))) >>> 0;
    h = hi >>> trailing;
  }
  if (length > 32) {
    bits.write(h, length - 32);
    bits.write(l, 32);
  } else {
    bits.write(l, length);
  }
}

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}
