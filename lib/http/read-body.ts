import { ApiError } from "./api-error";

/** Bodies of the small JSON routes (session, criteria, settings, builds, deploys, …): ample for any of them. */
export const SMALL_BODY_LIMIT = 256 * 1024;

/** The 413 a body over `limit` bytes gets; nothing of it was read past the limit, nor stored. */
export function bodyTooLarge(limit: number, size?: number): ApiError {
  const got = size === undefined ? "more" : `${size} bytes`;
  return new ApiError(413, `request body too large: ${got} sent, at most ${limit} bytes accepted here; nothing was stored`, [
    { where: "body", message: `at most ${limit} bytes` },
  ]);
}

/**
 * Reads a request body into memory, never more than `limit` bytes: a Content-Length over the
 * limit is refused before reading, and a streamed body is counted chunk by chunk and refused as
 * soon as it crosses the limit (413, after dropping at most LINGER_BYTES more: see `linger`). So a
 * 300 MB body costs at most `limit` bytes of memory here.
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  await refuseDeclaredOverLimit(req, limit);
  return readWithin(req.body, limit, async (reader) => {
    await linger(reader);
    throw bodyTooLarge(limit);
  });
}

/**
 * Reads a stream (a request's or a fetched response's body) into memory, counting chunk by
 * chunk: past `limit` bytes it calls `over` (which throws the caller's error) and cancels the
 * stream, so nothing beyond the limit is ever held.
 */
export async function readWithin(stream: ReadableStream<Uint8Array> | null, limit: number, over: (reader: ReadableStreamDefaultReader<Uint8Array>) => Promise<never>): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      try {
        await over(reader);
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Bytes (and time) read and dropped after a body crossed its limit, before the 413 is sent. */
export const LINGER_BYTES = 4 * 1024 * 1024;
const LINGER_MS = 2_000;

/**
 * Reads and drops what is left of an over-limit body, up to LINGER_BYTES or LINGER_MS, holding
 * none of it. Answering while the client still sends makes the server's close reset the
 * connection, and a reset can destroy the 413 before the client reads it (nginx's
 * `lingering_close` for the same reason): a body a few MB over the limit gets its answer.
 */
async function linger(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = Date.now() + LINGER_MS;
  let dropped = 0;
  while (dropped < LINGER_BYTES && Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
    if (next === null || next.done) return;
    dropped += next.value.byteLength;
  }
}

/** Throws the 413 when the request's Content-Length already says it is over `limit` (nothing is read). */
export async function refuseDeclaredOverLimit(req: Request, limit: number): Promise<void> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    await req.body?.cancel().catch(() => undefined);
    throw bodyTooLarge(limit, Number(declared));
  }
}

/** `readBody` decoded as UTF-8 (invalid sequences become U+FFFD, as `Request.text()` does). */
export async function readText(req: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBody(req, limit));
}
