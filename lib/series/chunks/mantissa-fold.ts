import { BitReader } from "./bit-stream";
import { BUCKET_BITS, readSigned } from "./int-codes";

/**
 * The mantissa stream of a regular DECIMAL chunk — its bit stream's only field per point, each a
 * delta-of-delta code — decoded and reduced: the hot loop of every raw read.
 *
 * Each code is found from the 32 bits at its position through table lookups (SHORT_LENGTH…),
 * without a branch on its bucket but for the two widest, which a chunk rarely holds. Decoding is
 * then bound by the chain from one code's position to the next (two loads and a few shifts), not
 * by arithmetic: so a window's whole chunks are folded two at a time (`foldLanePair`), whose two
 * independent chains the CPU overlaps.
 */

const SHORT_BITS = 12;
/** The 13-bit bucket's code length: its payload runs past the SHORT_BITS looked up, and is read from the word. */
const JUMP_LENGTH = 4 + BUCKET_BITS[3];
/**
 * Codes by their first SHORT_BITS bits. SHORT_LENGTH is the code's length: the three narrowest
 * buckets' and the 13-bit bucket's, and 0 for the two widest, which readSigned reads. SHORT_VALUE
 * is the value of the three narrowest, and JUMP_MASK picks the 13-bit bucket's payload out of the
 * word. Two tables, so that the chain from one code's position to the next holds only the length.
 */
const SHORT_LENGTH = new Uint8Array(1 << SHORT_BITS);
const SHORT_VALUE = new Int32Array(1 << SHORT_BITS);
const JUMP_MASK = new Int32Array(1 << SHORT_BITS);
for (let bucket = 0; bucket <= 2; bucket++) {
  const width = BUCKET_BITS[bucket];
  const length = bucket + 1 + width;
  const prefix = ((1 << bucket) - 1) << 1;
  for (let z = 0; z < 2 ** width; z++) {
    const code = ((prefix << width) | z) << (SHORT_BITS - length);
    const end = code + (1 << (SHORT_BITS - length));
    SHORT_LENGTH.fill(length, code, end);
    SHORT_VALUE.fill((z >>> 1) ^ -(z & 1), code, end);
  }
}
SHORT_LENGTH.fill(JUMP_LENGTH, 0b1110 << (SHORT_BITS - 4), 0b1111 << (SHORT_BITS - 4));
JUMP_MASK.fill((1 << BUCKET_BITS[3]) - 1, 0b1110 << (SHORT_BITS - 4), 0b1111 << (SHORT_BITS - 4));

/** The 32 bits from bit `pos` of `words`; `>>> 1 >>> (31 - off)` is a shift by 32 - off that also holds at off = 0. */
function wordAt(words: Uint32Array, pos: number): number {
  const at = pos >>> 5;
  const off = pos & 31;
  return ((words[at] << off) | ((words[at + 1] >>> 1) >>> (31 - off))) >>> 0;
}

/** The length of the code that starts `word`, or 0 for one of the two widest buckets. */
function codeLength(word: number): number {
  return SHORT_LENGTH[word >>> (32 - SHORT_BITS)];
}

/** The value of the code that starts `word`, when its length is not 0. */
function codeValue(word: number): number {
  const code = word >>> (32 - SHORT_BITS);
  const jump = (word >>> (32 - JUMP_LENGTH)) & JUMP_MASK[code];
  return SHORT_VALUE[code] + ((jump >>> 1) ^ -(jump & 1));
}

/** One mantissa stream part-way through: where its next code is, and the mantissas read so far reduced. */
export interface MantissaLane {
  readonly bits: BitReader;
  /** Codes still to read. */
  left: number;
  /** The last mantissa read, and the delta that led to it. */
  m: number;
  dm: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** A lane at the start of a stream of `count` mantissas, its first (stored whole) read. */
export function openLane(bits: BitReader, count: number): MantissaLane {
  if (count === 0) return { bits, left: 0, m: 0, dm: 0, count: 0, sum: 0, min: Infinity, max: -Infinity };
  const m = readSigned(bits);
  // The first delta is stored as is: a delta-of-delta from 0.
  return { bits, left: count - 1, m, dm: 0, count: 1, sum: m, min: m, max: m };
}

/** Reads a lane to its end; with `values`, writes each mantissa / `scale` from index lane.count on. */
export function foldLane(lane: MantissaLane, values: Float64Array | null = null, scale = 1): void {
  const { bits } = lane;
  const words = bits.words;
  let { m, dm, sum, min, max } = lane;
  let pos = bits.pos;
  let at = lane.count;
  for (const end = at + lane.left; at < end; at++) {
    const word = wordAt(words, pos);
    const length = codeLength(word);
    if (length === 0) {
      bits.pos = pos;
      dm += readSigned(bits);
      pos = bits.pos;
    } else {
      dm += codeValue(word);
      pos += length;
    }
    m += dm;
    if (values !== null) values[at] = m / scale;
    sum += m;
    min = m < min ? m : min;
    max = m > max ? m : max;
  }
  bits.pos = pos;
  Object.assign(lane, { left: 0, m, dm, count: at, sum, min, max });
}

/** Reads two lanes to their ends, side by side while both last (see the file's comment). */
export function foldLanePair(a: MantissaLane, b: MantissaLane): void {
  const wordsA = a.bits.words;
  const wordsB = b.bits.words;
  let posA = a.bits.pos;
  let posB = b.bits.pos;
  let { m: mA, dm: dmA, sum: sumA, min: minA, max: maxA } = a;
  let { m: mB, dm: dmB, sum: sumB, min: minB, max: maxB } = b;
  const steps = Math.min(a.left, b.left);
  for (let i = 0; i < steps; i++) {
    const wordA = wordAt(wordsA, posA);
    const wordB = wordAt(wordsB, posB);
    const lengthA = codeLength(wordA);
    const lengthB = codeLength(wordB);
    if (lengthA === 0) {
      a.bits.pos = posA;
      dmA += readSigned(a.bits);
      posA = a.bits.pos;
    } else {
      dmA += codeValue(wordA);
      posA += lengthA;
    }
    if (lengthB === 0) {
      b.bits.pos = posB;
      dmB += readSigned(b.bits);
      posB = b.bits.pos;
    } else {
      dmB += codeValue(wordB);
      posB += lengthB;
    }
    mA += dmA;
    mB += dmB;
    sumA += mA;
    sumB += mB;
    minA = mA < minA ? mA : minA;
    maxA = mA > maxA ? mA : maxA;
    minB = mB < minB ? mB : minB;
    maxB = mB > maxB ? mB : maxB;
  }
  a.bits.pos = posA;
  b.bits.pos = posB;
  Object.assign(a, { left: a.left - steps, m: mA, dm: dmA, count: a.count + steps, sum: sumA, min: minA, max: maxA });
  Object.assign(b, { left: b.left - steps, m: mB, dm: dmB, count: b.count + steps, sum: sumB, min: minB, max: maxB });
  foldLane(a);
  foldLane(b);
}

/** Mantissa streams packed by packWords: stream k starts at bit starts[k] and holds counts[k] mantissas. */
export interface MantissaStreams {
  words: Uint32Array;
  starts: number[];
  counts: number[];
}

/** Numbers per stream in foldStreams' answer: count, sum, min, max and last, in mantissas. */
export const FOLDED_FIELDS = 5;

/**
 * Every stream read to its end, two at a time: per stream its count, sum, min, max and last
 * mantissa, FOLDED_FIELDS numbers apart. Self-contained, so that a worker thread can run it on
 * its share of a window (fold-worker.ts).
 */
export function foldStreams({ words, starts, counts }: MantissaStreams): Float64Array {
  const lanes = starts.map((start, k) => openLane(new BitReader(words, start), counts[k]));
  for (let k = 0; k < lanes.length; k += 2) {
    if (k + 1 < lanes.length) foldLanePair(lanes[k], lanes[k + 1]);
    else foldLane(lanes[k]);
  }
  const folded = new Float64Array(lanes.length * FOLDED_FIELDS);
  lanes.forEach(({ count, sum, min, max, m }, k) => folded.set([count, sum, min, max, m], k * FOLDED_FIELDS));
  return folded;
}
