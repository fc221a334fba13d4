import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unpackBatch } from "./packed-batch";
import { parsePackedJson } from "./packed-json";
import { parseIngestBody } from "./parse-request";
import type { IngestBatch } from "./schema";

const bytes = (text: string) => new TextEncoder().encode(text);

/** What the validating parser makes of a body: its batch, or null for a 400. */
function validated(text: string): IngestBatch | null {
  try {
    return parseIngestBody("application/json", text);
  } catch {
    return null;
  }
}

/** The fast path's batch as pairs, or null where it left the body to the validating parser. */
function fast(text: string): IngestBatch | null {
  const packed = parsePackedJson(bytes(text));
  return packed ? unpackBatch(packed) : null;
}

const T = 1_795_000_000_000;

// Mostly valid, so that most batches are accepted and their numbers compared; now and then not.
const sometimes = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>, oneIn = 12) => fc.oneof({ arbitrary: usual, weight: oneIn - 1 }, { arbitrary: odd, weight: 1 });

const timestamp = fc.oneof(
  fc.integer({ min: T - 1e9, max: T }),
  fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }), // epoch seconds
  fc.double({ min: 1_700_000_000, max: 1_800_000_000, noNaN: true }), // fractional seconds
  fc.double({ min: 1e11, max: 2e12, noNaN: true }), // fractional ms
  fc.constantFrom(0, -0, 1e13 - 1, 99_999_999_999.5, 1e11),
);
const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(0, -0, 1e-300, 5e-324, 1.7976931348623157e308, 0.1, 123.456));
const point = sometimes(fc.tuple(timestamp, value), fc.tuple(fc.constantFrom(-1, 1e13, 1e300), value), 100);
const metric = sometimes(fc.constantFrom("auth.api.latency", "http_server_duration", "a", "svc:api@v2.x-y"), fc.constantFrom("bad name", "", "ünï.cödé", 'q"uote'));
const series = fc.record(
  {
    metric,
    labels: fc.dictionary(sometimes(fc.constantFrom("route", "status", "le"), fc.constantFrom("__name__", "bad-label")), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
    kind: sometimes(fc.constantFrom("gauge", "cumulative", "histogram"), fc.constant("nonsense")),
    unit: sometimes(fc.string({ maxLength: 8 }), fc.string({ minLength: 33, maxLength: 40 })),
    extra: fc.jsonValue({ maxDepth: 2 }),
    points: fc.array(point, { minLength: 1, maxLength: 12 }),
  },
  { requiredKeys: ["metric", "points"] },
);
const batch = fc.record({ series: fc.array(series, { minLength: 1, maxLength: 3 }), note: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ["series"] });

describe("reading a JSON ingest body straight into a packed batch", () => {
  it("gives the validating parser's batch for every body it takes, and takes every body that parser accepts", () => {
    let accepted = 0;
    fc.assert(
      fc.property(batch, fc.constantFrom(0, 2), (body, indent) => {
        const text = JSON.stringify(body, null, indent);
        const expected = validated(text);
        if (expected) accepted++;
        expect(fast(text)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
    // Most runs were valid batches, their every point compared.
    expect(accepted).toBeGreaterThan(800);
  });

  it("never takes a body the validating parser refuses, however it is broken", () => {
    const valid = fc.record({ series: fc.array(fc.record({ metric: fc.constant("auth.api.latency"), points: fc.array(point, { minLength: 1, maxLength: 5 }) }), { minLength: 1, maxLength: 2 }) });
    fc.assert(
      fc.property(valid, fc.nat(), fc.constantFrom("", "{", "}", "[", "]", ",", ":", '"', "\\", "0", "-", ".", "e", "x", " ", "\u0001"), (body, at, insert) => {
        const text = JSON.stringify(body);
        const cut = at % (text.length + 1);
        for (const broken of [text.slice(0, cut) + insert + text.slice(cut), text.slice(0, cut) + text.slice(cut + 1)]) {
          const taken = fast(broken);
          if (taken) expect(taken).toEqual(validated(broken));
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it("converts every number exactly as JSON.parse does", () => {
    const digits = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 25 });
    const numberText = fc
      .tuple(fc.boolean(), digits, fc.option(digits), fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 4 }))))
      .map(([negative, whole, fraction, exponent]) => `${negative ? "-" : ""}${whole.replace(/^0+(?=\d)/, "")}${fraction === null ? "" : `.${fraction}`}${exponent === null ? "" : exponent.join("")}`);
    fc.assert(
      fc.property(fc.oneof(numberText, fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)), (text) => {
        const expected = JSON.parse(text) as number;
        const got = fast(`{"series":[{"metric":"m","points":[[${T},${text}]]}]}`);
        if (!Number.isFinite(expected)) expect(got).toBeNull();
        else expect(Object.is(got?.series[0].points[0][1], expected)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it("leaves a repeated key, a __proto__ key, a leading zero and trailing text to the validating parser", () => {
    const point = `[${T},1]`;
    for (const text of [
      `{"series":[{"metric":"m","points":[${point}],"points":[${point}]}]}`,
      `{"series":[{"metric":"m","metric":"n","points":[${point}]}]}`,
      `{"series":[],"series":[{"metric":"m","points":[${point}]}]}`,
      `{"series":[{"metric":"m","__proto__":{"kind":"gauge"},"points":[${point}]}]}`,
      `{"series":[{"metric":"m","points":[[0${T},1]]}]}`,
      `{"series":[{"metric":"m","points":[${point}]}]} x`,
      `{"series":[{"metric":"m","points":[]}]}`,
    ]) {
      expect(parsePackedJson(bytes(text)), text).toBeUndefined();
    }
  });

  it("leaves a BOM before a value, and a number longer than any client writes, to the validating parser, which answers as JSON.parse does", () => {
    const bom = `{"series":[{"metric":"m","unit":\ufeff"ms","points":[[${T},1]]}]}`;
    expect(parsePackedJson(bytes(bom))).toBeUndefined();
    expect(validated(bom)).toBeNull();
    // A million fraction digits would offset an exponent capped at a million: 10, not 1.
    const long = `0.${"0".repeat(999_999)}1e1000001`;
    const body = `{"series":[{"metric":"m","points":[[${T},${long}]]}]}`;
    expect(parsePackedJson(bytes(body))).toBeUndefined();
    expect(validated(body)?.series[0].points).toEqual([[T, 10]]);
  });

  it("reads whitespace anywhere JSON allows it, and escaped names and labels", () => {
    const text = ` \n{ "series" :\t[ { "metric" : "auth.api.lat\\u0065ncy" , "labels" : { "route" : "/l\\"ogin" } , "points" : [ [ ${T} , 1.5 ] ,\r\n[ ${T / 1000 + 1} , -2e3 ] ] } ] } \n`;
    expect(fast(text)).toEqual(validated(text));
    expect(fast(text)?.series[0]).toMatchObject({ metric: "auth.api.latency", labels: { route: '/l"ogin' }, points: [[T, 1.5], [T + 1000, -2000]] });
  });
});
