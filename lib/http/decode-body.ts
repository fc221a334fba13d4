import { promisify } from "node:util";
import zlib from "node:zlib";

export type DecodedBody = { ok: true; body: Buffer } | { ok: false; error: string };

// The callback forms run in libuv's thread pool, so a slow or hostile stream never holds the
// proxy's event loop (the *Sync forms would, for as long as a bomb takes to expand).
const DECODERS: Record<string, (body: Buffer, options: zlib.ZlibOptions & zlib.BrotliOptions) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  "x-gzip": promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

/** Whether `decodeBody` would decompress a body sent with this content encoding. */
export function isCompressed(contentEncoding: string | undefined): boolean {
  return (contentEncoding ?? "").trim().toLowerCase() in DECODERS;
}

/**
 * Removes a body's content encoding (gzip, deflate, br) off the event loop, refusing to expand it
 * past `maxBytes` (zlib's maxOutputLength stops the inflater there): a few kilobytes of brotli
 * that would decompress to gigabytes cost at most `maxBytes`. Identity and unknown encodings come
 * back as they are; a corrupt stream or one over the limit is an error, never a throw.
 */
export async function decodeBody(body: Buffer, contentEncoding: string | undefined, maxBytes: number): Promise<DecodedBody> {
  const decode = DECODERS[(contentEncoding ?? "").trim().toLowerCase()];
  if (!decode || body.length === 0) return { ok: true, body };
  try {
    return { ok: true, body: await decode(body, { maxOutputLength: Math.max(1, maxBytes) }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE") return { ok: false, error: `body decompresses to more than ${maxBytes} bytes` };
    return { ok: false, error: `body is not valid ${contentEncoding}: ${(error as Error).message}` };
  }
}
