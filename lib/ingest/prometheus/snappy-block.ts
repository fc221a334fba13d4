import { uncompress } from "snappyjs";
import { ApiError, badRequest } from "@/lib/http/api-error";

// The framed format's stream identifier chunk: type 0xff, length 6, "sNaPpY".
const FRAMED_MAGIC = [0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59];

/**
 * Decompresses a snappy *block* (remote_write's `Content-Encoding: snappy`; not the framed
 * stream format). The block starts with its uncompressed length as a varint, and that is read
 * and checked against `maxDecodedBytes` first — a 413 before anything is allocated, so a few
 * bytes declaring gigabytes cost nothing. Not snappy at all is a 400.
 */
export function uncompressSnappyBlock(body: Uint8Array, maxDecodedBytes: number): Uint8Array {
  if (FRAMED_MAGIC.every((byte, i) => body[i] === byte)) {
    throw badRequest("body is framed snappy; remote_write sends the block format (one snappy block, no stream header)");
  }
  const declared = declaredLength(body);
  if (declared === null) throw badRequest("body is not snappy-compressed: it does not start with an uncompressed length");
  if (declared > maxDecodedBytes) {
    throw new ApiError(413, `snappy body declares ${declared} bytes uncompressed, at most ${maxDecodedBytes} accepted here; nothing was stored`, [
      { where: "body", message: `at most ${maxDecodedBytes} bytes uncompressed` },
    ]);
  }
  try {
    return uncompress(body, maxDecodedBytes);
  } catch (error) {
    throw badRequest(`body is not a valid snappy block: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The leading varint, an unsigned 32-bit length (at most 5 bytes); null when truncated or larger. */
function declaredLength(body: Uint8Array): number | null {
  let length = 0;
  for (let i = 0; i < 5 && i < body.length; i++) {
    // Multiplication, not <<: bitwise operators would wrap lengths past 2^31 to negatives.
    length += (body[i] & 0x7f) * 2 ** (7 * i);
    if (body[i] < 0x80) return length <= 0xffff_ffff ? length : null;
  }
  return null;
}
