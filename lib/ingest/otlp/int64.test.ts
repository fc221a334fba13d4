import { describe, expect, it } from "vitest";
import { int64ToNumber, nanosToMs } from "./int64";

/** A Long as long.js (and so protobufjs) holds one: both halves as signed 32-bit ints. */
const long = (text: string, unsigned: boolean) => {
  const value = BigInt(text);
  return { low: Number(BigInt.asIntN(32, value)), high: Number(BigInt.asIntN(32, value >> 32n)), unsigned };
};

describe("nanosToMs", () => {
  it("truncates to ms exactly where a double would round", () => {
    expect(nanosToMs(long("1700000000123999999", true))).toBe(1_700_000_000_123);
    expect(Number("1700000000123999999") / 1e6).toBe(1_700_000_000_124);
  });

  it("agrees with BigInt division across the whole unsigned range", () => {
    const samples = ["0", "999999", "1000000", "4294967295", "4294967296", "18446744073709551615"];
    for (let i = 0; i < 1000; i++) samples.push(String(BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(Math.random() * 2 ** 32))));
    for (const ns of samples) expect(nanosToMs(long(ns, true)), ns).toBe(Number(BigInt(ns) / 1_000_000n));
  });

  it("takes plain numbers when long.js is absent", () => {
    expect(nanosToMs(1_700_000_000_000_000_000)).toBe(1_700_000_000_000);
  });
});

describe("int64ToNumber", () => {
  it("reads signed and unsigned Longs and numbers", () => {
    expect(int64ToNumber(long("-42", false))).toBe(-42);
    expect(int64ToNumber(long("9007199254740991", true))).toBe(Number.MAX_SAFE_INTEGER);
    expect(int64ToNumber(long("18446744073709551615", true))).toBe(2 ** 64);
    expect(int64ToNumber(7)).toBe(7);
  });
});
