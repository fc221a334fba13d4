import type { WindowSummary } from "@/lib/store/types";
import { BitReader, BitWriter, packWords } from "./bit-stream";
import { readSigned, writeSigned } from "./int-codes";
import { FOLDED_FIELDS, foldLane, foldStreams, openLane, type MantissaStreams } from "./mantissa-fold";
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
  return summarizeHere(planSummary(chunks));
}

/**
 * summarizeChunks with the later half of the mantissa streams folded by `share` — a worker
 * thread running foldStreams — while this thread folds the first half and decodes the other
 * chunks. Fewer than `minShared` streams are all folded here. Should `share` fail, this thread
 * folds that half too.
 */
export async function summarizeChunksSharing(
  chunks: readonly Uint8Array[],
  share: (streams: MantissaStreams) => Promise<Float64Array>,
  minShared = 0,
): Promise<ValueSummary> {
  const plan = planSummary(chunks);
  if (plan.folded.length < minShared) return summarizeHere(plan);
  const half = plan.folded.length >> 1;
  const theirs = mantissaStreams(plan, plan.folded.slice(half));
  const shared = share(theirs);
  const mine = foldStreams(mantissaStreams(plan, plan.folded.slice(0, half)));
  const decoded = decodedSummaries(plan);
  const rest = await shared.catch(() => foldStreams(theirs));
  const folded = new Float64Array(mine.length + rest.length);
  folded.set(mine);
  folded.set(rest, mine.length);
  return combineSummary(plan, folded, decoded);
}

interface SummaryPlan {
  chunks: readonly Uint8Array[];
  headers: ReturnType<typeof chunkHeader>[];
  /** The indexes of the regular DECIMAL chunks, which are folded as mantissa streams; the rest are decoded. */
  folded: number[];
}

function planSummary(chunks: readonly Uint8Array[]): SummaryPlan {
  const headers = chunks.map(chunkHeader);
  return { chunks, headers, folded: chunks.flatMap((_, i) => (headers[i].encoding === (DECIMAL | REGULAR) ? [i] : [])) };
}

/** The plan's chunks reduced on this thread alone. */
function summarizeHere(plan: SummaryPlan): ValueSummary {
  return combineSummary(plan, foldStreams(mantissaStreams(plan, plan.folded)), decodedSummaries(plan));
}

/** Some chunks' bit streams in one block of words, each started past its two timestamp codes. */
function mantissaStreams({ chunks, headers }: SummaryPlan, indexes: readonly number[]): MantissaStreams {
  const { words, starts } = packWords(indexes.map((i) => chunks[i].subarray(headers[i].offset)));
  const mantissaStarts = starts.map((start) => {
    const bits = new BitReader(words, start);
    readSigned(bits); // the first timestamp
    readSigned(bits); // the interval
    return bits.pos;
  });
  return { words, starts: mantissaStarts, counts: indexes.map((i) => headers[i].count) };
}

/** The summaries of the plan's chunks that are not folded (FLOAT, irregular), decoded; null at the folded ones. */
function decodedSummaries({ chunks, folded }: SummaryPlan): (ValueSummary | null)[] {
  let next = 0;
  return chunks.map((data, i) => {
    if (folded[next] === i) {
      next++;
      return null;
    }
    const { values } = decodeChunk(data);
    return summarizeValues(values, 0, values.length);
  });
}

/** The plan's chunks reduced in order: the folded ones from `folded` (foldStreams' answer over plan.folded), the rest from `decoded`. */
function combineSummary({ chunks, headers }: SummaryPlan, folded: Float64Array, decoded: (ValueSummary | null)[]): ValueSummary {
  const out: ValueSummary = { count: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN };
  let next = 0;
  chunks.forEach((_, i) => {
    let part = decoded[i];
    if (part === null) {
      const at = next++ * FOLDED_FIELDS;
      const scale = POW10[headers[i].exponent];
      part = { count: folded[at], sum: folded[at + 1] / scale, min: folded[at + 2] / scale, max: folded[at + 3] / scale, last: folded[at + 4] / scale };
    }
    if (part.count === 0) return;
    out.count += part.count;
    out.sum += part.sum;
    out.min = Math.min(out.min, part.min);
    out.max = Math.max(out.max, part.max);
    out.last = part.last;
  });
  return out;
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
  // Values before this index were found exact at a smaller exponent than the final one.
  let settledAt = 0;
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) return null;
    if (Math.round(v * POW10[e]) / POW10[e] !== v) {
      while (e <= MAX_EXPONENT && Math.round(v * POW10[e]) / POW10[e] !== v) e++;
      if (e > MAX_EXPONENT) return null;
      settledAt = i;
    }
    largest = Math.max(largest, Math.abs(v));
  }
  // Those are checked again at the final exponent: exact at a smaller e is not proof of exact at a larger one.
  const scale = POW10[e];
  for (let i = 0; i < settledAt; i++) if (Math.round(values[i] * scale) / scale !== values[i]) return null;
  // No mantissa is larger than the largest value's (rounding is monotonic).
  return Math.round(largest * scale) >= MAX_MANTISSA ? null : e;
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
