import type { Long } from "protobufjs";

/** A 64-bit protobuf integer as protobufjs holds it: a Long's 32-bit halves, or a number when long.js is not loaded. */
export type Int64 = Long | number;

const TWO_32 = 2 ** 32;

/** The integer as a JS number: exact up to 2^53, the nearest double beyond (no count gets there). */
export function int64ToNumber(value: Int64): number {
  if (typeof value === "number") return value;
  return (value.unsigned ? value.high >>> 0 : value.high) * TWO_32 + (value.low >>> 0);
}

/**
 * Unsigned nanoseconds → epoch ms, truncated, exactly and without BigInt: ns times pass 2^53, so
 * a double would already have rounded them (…123999999 ns becoming …124 ms). As 2^32 is
 * 4294·10^6 + 967296, ns = high·4294·10^6 + (high·967296 + low), whose second part stays below
 * 2^53 and so divides exactly enough to floor.
 */
export function nanosToMs(value: Int64): number {
  if (typeof value === "number") return Math.floor(value / 1e6);
  const high = value.high >>> 0;
  return high * 4294 + Math.floor((high * 967296 + (value.low >>> 0)) / 1e6);
}
