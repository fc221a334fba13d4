import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BitReader, BitWriter } from "./bit-stream";
import { decodeChunk, encodeChunk, summarizeChunks, summarizeValues } from "./codec";
import { BUCKET_BITS, readSigned, writeSigned } from "./int-codes";

const START = Date.UTC(2026, 0, 1);

function roundTrip(ts: number[], values: number[]) {
  const data = encodeChunk(ts, values);
  const decoded = decodeChunk(data);
  expect(Array.from(decoded.ts)).toEqual(ts);
  expect(Array.from(decoded.values)).toEqual(values);
  return data;
}

describe("chunk codec", () => {
  it("writes each signed integer in the narrowest bucket, and reads every bucket's edges back", () => {
    // Zigzagged, a bucket of width w holds z < 2^w: its edges are ±2^(w-1) and the values beside them.
    const edges = BUCKET_BITS.flatMap((w) => [2 ** w / 2 - 1, 2 ** w / 2].flatMap((x) => [x, -x, -x - 1]));
    const values = [0, 1, -1, 2 ** 50, -(2 ** 50), ...edges.filter((x) => Number.isInteger(x) && Math.abs(x) < 2 ** 51)];
    const bits = new BitWriter();
    for (const x of values) writeSigned(bits, x);
    const reader = BitReader.of(bits.finish(), 0);
    expect(values.map(() => readSigned(reader))).toEqual(values);
    // Each alone: a prefix of `bucket` ones (and a 0 but in the widest), then the bucket's payload.
    const expectedLength = (x: number) => {
      const z = x >= 0 ? 2 * x : -2 * x - 1;
      if (z === 0) return 1;
      const bucket = BUCKET_BITS.findIndex((w, b) => b > 0 && (b === BUCKET_BITS.length - 1 || z < 2 ** w));
      return bucket + (bucket === BUCKET_BITS.length - 1 ? 0 : 1) + BUCKET_BITS[bucket];
    };
    for (const x of values) {
      const alone = new BitWriter();
      writeSigned(alone, x);
      expect([x, alone.length]).toEqual([x, expectedLength(x)]);
    }
  });

  it("writes the same bytes as ever: chunks on disk are read by every later version", () => {
    // Bytes the codec wrote at 0fced2b, before writeSigned was spelled out per bucket. A change here is a
    // format change: stored chunks would need a migration.
    const hex = (ts: number[], values: number[]) => Buffer.from(encodeChunk(ts, values)).toString("hex");
    expect(hex([START, START + 10_000, START + 20_000, START + 30_000, START + 40_000], [12.5, 12.75, -3, 1e6, 0.01])).toBe("110205f800cdbb6d54003c00009c41c9c4c65cc7ff05f5e853785f5e1954");
    expect(hex([START, START + 7, START + 7_000_000, START + 7_000_001, START + 9e9], [Math.PI, -Math.E, 1e-300, 0, 2 ** 40])).toBe(
      "020005f800cdbb6d54001002487ed5110b462ec0fe00327bc77d41e9c7c01ab3ec960d0688aa4f652187803567dbe01a56e1fc2f8f359f800010c03251f24270000000000000",
    );
    expect(hex([START, START + 1000, START + 2000], [2 ** 31, -(2 ** 31) - 5, 7])).toBe("110003f800cdbb6d540038fa1f00000800000007c0000400000013f000018000001100");
  });

  it("round-trips an empty chunk and a single point", () => {
    roundTrip([], []);
    roundTrip([START], [42.5]);
  });

  it("keeps a regular 10-s gauge with two decimals under one byte a point", () => {
    const ts = Array.from({ length: 720 }, (_, i) => START + i * 10_000);
    const values = ts.map((_, n) => Math.round((50 + 40 * Math.sin(n / 500) + (n % 17)) * 100) / 100);
    const data = roundTrip(ts, values);
    expect(data.length / ts.length).toBeLessThan(1);
  });

  it("round-trips floats that are not short decimals, bit for bit (Gorilla XOR)", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const ts = Array.from({ length: 500 }, (_, i) => START + i * 1000 + Math.floor(random() * 900));
    const values = ts.map(() => random() * 1e6 - 5e5);
    roundTrip(ts, values);
    roundTrip(ts.slice(0, 6), [0.1 + 0.2, 1e300, -1e-300, Number.MIN_VALUE, Number.MAX_VALUE, 1 / 3]);
  });

  it("round-trips NaN, the infinities and repeated values", () => {
    const ts = [START, START + 1, START + 2, START + 3, START + 4, START + 5];
    const data = encodeChunk(ts, [NaN, NaN, Infinity, -Infinity, 7, 7]);
    const { values } = decodeChunk(data);
    expect(Number.isNaN(values[0]) && Number.isNaN(values[1])).toBe(true);
    expect(Array.from(values.slice(2))).toEqual([Infinity, -Infinity, 7, 7]);
  });

  it("round-trips irregular timestamps, large jumps, counters and negative decimals", () => {
    const ts = [0, 1, 3, 1_000_000, 1_000_001, 2 ** 45, 2 ** 45 + 7];
    roundTrip(ts, [0, 1, 2, 3_000_000_000, 3_000_000_001, 2 ** 40, -(2 ** 40)]);
    roundTrip(ts, [-0.001, 12.5, -99.99, 1e-12, 123456.789, 0, -5]);
  });

  it("falls back to XOR for mantissas too wide to delta-code", () => {
    roundTrip([START, START + 10], [2 ** 52, 2 ** 52 + 2]);
    roundTrip([START, START + 10], [123456789.123456, 2]);
  });

  it("round-trips any points: decimals of mixed precision, whole numbers near the mantissa limit, any float, at any spacing", () => {
    const decimal = fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 12 })).map(([m, e]) => m / 10 ** e);
    const value = fc.oneof(decimal, fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), fc.double({ noNaN: true }), fc.constantFrom(0.1, 0.25, 1e15, 2 ** 49 - 1, 2 ** 49));
    const points = fc.array(fc.tuple(fc.integer({ min: 1, max: 2 ** 30 }), value), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(points, fc.boolean(), (pairs, regular) => {
        let t = START;
        const ts = pairs.map(([gap]) => (t += regular ? 10_000 : gap));
        // -0 is stored as 0 (see the codec's notes).
        roundTrip(ts, pairs.map(([, v]) => (Object.is(v, -0) ? 0 : v)));
      }),
      { numRuns: 1_000 },
    );
  });

  it("summarizes chunks as their decoded values would, in every encoding, one or several at a time", () => {
    const regular = Array.from({ length: 720 }, (_, i) => START + i * 10_000);
    // Wide jumps as well as steady runs, so that long codes sit among the short ones.
    const decimals = regular.map((_, n) => (n % 50 === 0 ? -123456.78 : Math.round((50 + 40 * Math.sin(n / 500) + (n % 17) * 1000) * 100) / 100));
    const irregular = regular.map((t, i) => t + (i % 3));
    const floats = regular.map((_, i) => (i === 300 ? NaN : Math.sin(i) * 1e6));
    const chunks = [
      encodeChunk(regular, decimals),
      encodeChunk(irregular, decimals),
      encodeChunk(regular, floats),
      encodeChunk([START], [42]),
      encodeChunk([], []),
      // Regular decimal chunks of unequal lengths and exponents, folded two at a time.
      encodeChunk(regular.slice(0, 100), decimals.slice(0, 100).map((v) => Math.round(v))),
      encodeChunk(regular.slice(0, 333), decimals.slice(0, 333)),
      encodeChunk(regular.slice(0, 2), [1.5, -2]),
    ];
    const expectSummary = (data: Uint8Array[]) => {
      const decoded = Float64Array.from(data.flatMap((c) => Array.from(decodeChunk(c).values)));
      const wanted = decoded.length > 0 ? summarizeValues(decoded, 0, decoded.length) : { count: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN };
      const summary = summarizeChunks(data);
      expect({ ...summary, sum: 0 }).toEqual({ ...wanted, sum: 0 });
      if (Number.isNaN(wanted.sum)) expect(summary.sum).toBeNaN();
      else expect(summary.sum).toBeCloseTo(wanted.sum, 4);
    };
    for (const chunk of chunks) expectSummary([chunk]);
    expectSummary(chunks);
    expectSummary(chunks.filter((_, i) => i !== 2));
    expectSummary([chunks[6], chunks[0], chunks[5]]);
    expect(summarizeChunks([chunks[0]])).toMatchObject({ count: 720, min: -123456.78, last: decimals[719] });
  });
});
