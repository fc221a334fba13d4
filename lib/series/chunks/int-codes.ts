import type { BitReader, BitWriter } from "./bit-stream";

/**
 * Signed integers as the chunk codec stores timestamps' and mantissas' delta-of-deltas:
 * zigzagged, then in the narrowest of a few buckets, each a prefix of that many 1 bits (then a 0,
 * except after the last) and a payload of BUCKET_BITS[bucket] bits.
 */
export const BUCKET_BITS = [0, 4, 8, 13, 32, 53];

/** A zigzagged integer in the narrowest bucket it fits: 0 costs one bit, |x| < 8 six. */
export function writeSigned(bits: BitWriter, x: number): void {
  const z = x >= 0 ? 2 * x : -2 * x - 1;
  // Each bucket spelled out (prefix and payload in one write where they fit in 32 bits): this
  // runs for every timestamp and mantissa a chunk encodes.
  if (z === 0) bits.write(0, 1);
  else if (z < 0x10) bits.write(0b10_0000 | z, 2 + 4);
  else if (z < 0x100) bits.write(0b110_0000_0000 | z, 3 + 8);
  else if (z < 0x2000) bits.write((0b1110 << 13) | z, 4 + 13);
  else if (z < 0x1_0000_0000) {
    bits.write(0b11110, 5);
    bits.write(z, 32);
  } else {
    bits.write(0b11111, 5);
    bits.writeWide(z, 53);
  }
}

/** The integer writeSigned wrote at the reader's position. */
export function readSigned(bits: BitReader): number {
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
