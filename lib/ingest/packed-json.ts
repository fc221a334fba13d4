import { epochMs, isTimestamp } from "./points";
import { MAX_POINTS_PER_REQUEST, seriesBatchSchema } from "./schema";
import type { PackedBatch } from "./packed-batch";

/**
 * Reads a JSON ingest body (`{"series": [{"metric": …, "points": [[ts, value], …]}, …]}`)
 * straight from its bytes into a packed batch: the points go into one Float64Array as they are
 * scanned, never becoming a million little arrays; everything else of a series (name, labels,
 * kind, unit, unknown keys) is handed to JSON.parse and checked by the same zod schema as ever.
 *
 * Undefined whenever the body is anything but a valid batch well within the limits (bad JSON,
 * a bad point, an empty series, a repeated key, too many points): the validating parser
 * (parse-request.ts) then reads it again and names its problems, so an answer never depends on
 * which parser read the body. A valid body gives exactly that parser's batch: numbers are
 * converted as JSON.parse converts them (correctly rounded), timestamps normalised by the same
 * `epochMs`.
 */
export function parsePackedJson(bytes: Uint8Array): PackedBatch | undefined {
  try {
    const reader = new BatchReader(bytes);
    return reader.batch();
  } catch (error) {
    if (error === NOT_FAST) return undefined;
    throw error;
  }
}

/** Thrown inside the reader for anything the fast path does not take; never escapes it. */
const NOT_FAST = Symbol("not a fast-path body");

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** Longer than any number a client writes (a double's shortest form is at most 24 characters). */
const MAX_NUMBER_BYTES = 64;

/** 10^0 … 10^22, every one exactly a double: a mantissa below 2^53 times or over one is correctly rounded (Clinger's fast path). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Below this, ten times a mantissa plus a digit is still an integer a double holds exactly (< 2^53). */
const EXACT_PREFIX = (2 ** 53 - 9) / 10;

const STAND_IN = [[0, 0]];

const isDigit = (byte: number) => byte >= ZERO && byte <= NINE;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

interface SeriesEnvelope {
  [key: string]: unknown;
}

class BatchReader {
  private at = 0;
  private points: Float64Array;
  private used = 0;
  // A BOM is kept, as Buffer.toString keeps it: JSON.parse then refuses it where the whole-body parse would.
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  constructor(private readonly bytes: Uint8Array) {
    // A point takes at least 6 bytes (`[1,2],`); a tenth of the body is a fair first guess, grown by
    // doubling, never past what a request may hold.
    this.points = new Float64Array(Math.min(2 * MAX_POINTS_PER_REQUEST, Math.max(64, Math.ceil(bytes.length / 10))));
  }

  batch(): PackedBatch {
    const envelopes: SeriesEnvelope[] = [];
    const counts: number[] = [];
    let sawSeries = false;
    this.object((key) => {
      if (key !== "series") return void this.jsonValue();
      if (sawSeries) throw NOT_FAST;
      sawSeries = true;
      this.list(() => {
        const before = this.used;
        envelopes.push(this.series());
        counts.push((this.used - before) / 2);
      });
    });
    this.skipSpace();
    if (this.at !== this.bytes.length || !sawSeries) throw NOT_FAST;
    // The envelope is checked by the schema itself; a one-point stand-in satisfies its points rule.
    const checked = seriesBatchSchema.safeParse({ series: envelopes.map((e) => ({ ...e, points: STAND_IN })) });
    if (!checked.success || this.used / 2 > MAX_POINTS_PER_REQUEST) throw NOT_FAST;
    return {
      series: checked.data.series.map((s, i) => ({ metric: s.metric, labels: s.labels, kind: s.kind, unit: s.unit, count: counts[i] })),
      // Exactly the points: the array crosses threads whole, and a clone copies all of its buffer.
      points: this.used === this.points.length ? this.points : this.points.slice(0, this.used),
    };
  }

  /** One series object: its points appended to the packed array, every other key parsed as JSON. */
  private series(): SeriesEnvelope {
    const envelope: SeriesEnvelope = {};
    let sawPoints = false;
    this.object((key) => {
      if (key === "points") {
        if (sawPoints) throw NOT_FAST;
        sawPoints = true;
        this.pointList();
      } else {
        if (Object.hasOwn(envelope, key) || key === "__proto__") throw NOT_FAST;
        envelope[key] = this.jsonValue();
      }
    });
    if (!sawPoints) throw NOT_FAST;
    return envelope;
  }

  /** `[[ts, value], …]`, at least one pair: each ts a time, each value finite, stored as readPoints would keep them. */
  private pointList(): void {
    this.expect(OPEN_ARRAY);
    const { bytes } = this;
    let at = this.at;
    for (;;) {
      at = skipSpace(bytes, at);
      if (bytes[at] !== OPEN_ARRAY) throw NOT_FAST;
      const ts = scanNumber(bytes, skipSpace(bytes, at + 1));
      at = skipSpace(bytes, scanned);
      if (bytes[at] !== COMMA) throw NOT_FAST;
      const value = scanNumber(bytes, skipSpace(bytes, at + 1));
      at = skipSpace(bytes, scanned);
      if (bytes[at] !== CLOSE_ARRAY || !isTimestamp(ts) || !Number.isFinite(value)) throw NOT_FAST;
      if (this.used + 2 > this.points.length) this.grow();
      this.points[this.used++] = epochMs(ts);
      this.points[this.used++] = value;
      at = skipSpace(bytes, at + 1);
      if (bytes[at] === CLOSE_ARRAY) break;
      if (bytes[at] !== COMMA) throw NOT_FAST;
      at++;
    }
    this.at = at + 1;
  }

  private grow(): void {
    // Past the limit the validating parser answers (and counts the points for its message).
    if (this.used / 2 >= MAX_POINTS_PER_REQUEST) throw NOT_FAST;
    const grown = new Float64Array(this.points.length * 2);
    grown.set(this.points);
    this.points = grown;
  }

  /** An object's members, `member` reading each value (the key already read). */
  private object(member: (key: string) => void): void {
    this.expect(OPEN_OBJECT);
    if (this.peek() === CLOSE_OBJECT) {
      this.at++;
      return;
    }
    for (;;) {
      const key = this.key();
      this.expect(COLON);
      member(key);
      if (this.separator(CLOSE_OBJECT)) return;
    }
  }

  /** An array's elements, `element` reading each. */
  private list(element: () => void): void {
    this.expect(OPEN_ARRAY);
    if (this.peek() === CLOSE_ARRAY) {
      this.at++;
      return;
    }
    for (;;) {
      element();
      if (this.separator(CLOSE_ARRAY)) return;
    }
  }

  /** After an element: true at the closing bracket, false after a comma. */
  private separator(close: number): boolean {
    const byte = this.peek();
    this.at++;
    if (byte === close) return true;
    if (byte !== COMMA) throw NOT_FAST;
    return false;
  }

  private key(): string {
    this.skipSpace();
    if (this.bytes[this.at] !== QUOTE) throw NOT_FAST;
    const start = this.at;
    this.at = this.stringEnd(start);
    return this.parse(start, this.at) as string;
  }

  /** Any JSON value, its extent found here and its content parsed (and validated) by JSON.parse. */
  private jsonValue(): unknown {
    this.skipSpace();
    const start = this.at;
    const { bytes } = this;
    const first = bytes[start];
    if (first === QUOTE) this.at = this.stringEnd(start);
    else if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
      let depth = 0;
      let at = start;
      do {
        const byte = bytes[at];
        if (byte === QUOTE) at = this.stringEnd(at);
        else {
          if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
          else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
          at++;
        }
      } while (depth > 0 && at < bytes.length);
      if (depth > 0) throw NOT_FAST;
      this.at = at;
    } else {
      let at = start;
      while (at < bytes.length && !isSpace(bytes[at]) && bytes[at] !== COMMA && bytes[at] !== CLOSE_OBJECT && bytes[at] !== CLOSE_ARRAY) at++;
      this.at = at;
    }
    return this.parse(start, this.at);
  }

  /** The offset just past the string starting at `start` (its opening quote). */
  private stringEnd(start: number): number {
    const { bytes } = this;
    let at = start + 1;
    while (at < bytes.length && bytes[at] !== QUOTE) at += bytes[at] === BACKSLASH ? 2 : 1;
    if (at >= bytes.length) throw NOT_FAST;
    return at + 1;
  }

  private parse(start: number, end: number): unknown {
    if (end === start) throw NOT_FAST;
    try {
      return JSON.parse(this.text(start, end));
    } catch {
      throw NOT_FAST;
    }
  }

  private text(start: number, end: number): string {
    return this.decoder.decode(this.bytes.subarray(start, end));
  }

  private expect(byte: number): void {
    if (this.peek() !== byte) throw NOT_FAST;
    this.at++;
  }

  private peek(): number {
    this.skipSpace();
    return this.bytes[this.at];
  }

  private skipSpace(): void {
    this.at = skipSpace(this.bytes, this.at);
  }
}

function skipSpace(bytes: Uint8Array, at: number): number {
  while (isSpace(bytes[at])) at++;
  return at;
}

/** Where the last scanNumber ended (a module variable: the points loop allocates nothing per number). */
let scanned = 0;

/** The JSON number at `start`, exactly as JSON.parse converts it, its end left in `scanned`; anything else is not for the fast path. */
function scanNumber(bytes: Uint8Array, start: number): number {
  let at = start;
  const negative = bytes[at] === MINUS;
  if (negative) at++;
  let mantissa = 0;
  let exponent = 0;
  // Digits past what a double holds exactly leave the conversion to Number(text) below.
  let exact = true;
  let byte = bytes[at];
  if (byte === ZERO) byte = bytes[++at];
  else if (byte > ZERO && byte <= NINE) {
    do {
      if (mantissa < EXACT_PREFIX) mantissa = mantissa * 10 + (byte - ZERO);
      else exact = false;
      byte = bytes[++at];
    } while (byte >= ZERO && byte <= NINE);
  } else throw NOT_FAST;
  if (byte === DOT) {
    byte = bytes[++at];
    if (!(byte >= ZERO && byte <= NINE)) throw NOT_FAST;
    do {
      if (mantissa < EXACT_PREFIX) mantissa = mantissa * 10 + (byte - ZERO);
      else exact = false;
      exponent--;
      byte = bytes[++at];
    } while (byte >= ZERO && byte <= NINE);
  }
  if (bytes[at] === 0x65 || bytes[at] === 0x45) {
    at++;
    const sign = bytes[at] === MINUS ? -1 : 1;
    if (bytes[at] === MINUS || bytes[at] === PLUS) at++;
    if (!isDigit(bytes[at])) throw NOT_FAST;
    let written = 0;
    while (isDigit(bytes[at])) written = Math.min(1e6, written * 10 + bytes[at++] - ZERO);
    exponent += sign * written;
  }
  // A leading-zero integer such as 01 is not JSON: the byte after a number must end it. A number
  // longer than any a client sends is left to the validating parser too: past MAX_NUMBER_BYTES the
  // digit count could offset the capped exponent, and its text would not fit one fromCharCode.
  if (isDigit(bytes[at]) || at - start > MAX_NUMBER_BYTES) throw NOT_FAST;
  scanned = at;
  let magnitude: number;
  if (!exact || exponent < -22 || exponent > 22) magnitude = Number(latin1(bytes, negative ? start + 1 : start, at));
  else magnitude = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
  return negative ? -magnitude : magnitude;
}

/** A number's text (its bytes are ASCII). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

