import type { WindowSummary } from "@/lib/store/types";
import { BitReader, BitWriter, packWords } from "./bit-stream";
import { readSigned, writeSigned } from "./int-codes";
import { foldLane, foldLanePair, openLane, type MantissaLane } from "./mantissa-fold";
import { XorReader, XorWriter } from "./xor-float";

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
    const lane = openLane(bits, count);
    if (count > 0) values[0] = lane.m / POW10[exponent];
    foldLane(lane, values, POW10[exponent]);
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

/** A chunk's header: its encodings, point count, and where its bit stream starts. */
function chunkHeader(data: Uint8Array): { encoding: number; exponent: number; count: number; offset: number } {
  let count = 0;
  let offset = 2;
  for (let shift = 0; ; shift += 7) {
    const byte = data[offset++];
    count += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  return { encoding: data[0], exponent: data[1], count, offset };
}

/** A chunk's header, and a reader at its bit stream. */
function openChunk(data: Uint8Array): { encoding: number; exponent: number; count: number; bits: BitReader } {
  const header = chunkHeader(data);
  return { ...header, bits: BitReader.of(data, header.offset) };
}

/** What a run of points reduces to: a WindowSummary without the newest point's time. */
export type ValueSummary = Omit<WindowSummary, "lastTs">;

/**
 * Chunks' values reduced in order (`last` is the last chunk's), without materializing them: every
 * point is decoded, but regular DECIMAL chunks are summed as integer mantissas, divided once per
 * chunk, and folded two at a time (see mantissa-fold.ts). The sum may differ from adding the
 * values one by one in the last bits; min, max and last are exact. NaN, which only FLOAT chunks
 * hold, propagates into every figure as Math.min/Math.max would carry it.
 */
export function summarizeChunks(chunks: readonly Uint8Array[]): ValueSummary {
  const headers = chunks.map(chunkHeader);
  const folded = chunks.flatMap((data, i) => (headers[i].encoding === (DECIMAL | REGULAR) ? [i] : []));
  // The regular DECIMAL chunks' bit streams, in one block of words.
  const { words, starts } = packWords(folded.map((i) => chunks[i].subarray(headers[i].offset)));
  let next = 0;
  const parts = chunks.map((data, i) => {
    if (folded[next] !== i) return decodedSummary(data);
    const { exponent, count } = headers[i];
    const bits = new BitReader(words, starts[next++]);
    readSigned(bits); // the first timestamp
    readSigned(bits); // the interval
    return { lane: openLane(bits, count), scale: POW10[exponent] };
  });
  const lanes = parts.filter((part) => "lane" in part).map((part) => part.lane);
  for (let k = 0; k < lanes.length; k += 2) {
    if (k + 1 < lanes.length) foldLanePair(lanes[k], lanes[k + 1]);
    else foldLane(lanes[k]);
  }
  const out: ValueSummary = { count: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN };
  for (const part of parts) {
    const { count, sum, min, max, last } = "lane" in part ? laneSummary(part.lane, part.scale) : part;
    if (count === 0) continue;
    out.count += count;
    out.sum += sum;
    out.min = Math.min(out.min, min);
    out.max = Math.max(out.max, max);
    out.last = last;
  }
  return out;
}

function decodedSummary(data: Uint8Array): ValueSummary {
  const { values } = decodeChunk(data);
  return summarizeValues(values, 0, values.length);
}

function laneSummary(lane: MantissaLane, scale: number): ValueSummary {
  return { count: lane.count, sum: lane.sum / scale, min: lane.min / scale, max: lane.max / scale, last: lane.m / scale };
}

/** Values [start, end) reduced as summarizeChunks does; NaN propagates as in Math.min/Math.max. */
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
