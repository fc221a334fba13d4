import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeBody } from "./decode-body";

const text = Buffer.from(JSON.stringify({ hello: "world".repeat(100) }));

describe("decodeBody", () => {
  it("removes gzip, deflate and brotli, and leaves identity or unknown encodings as sent", async () => {
    for (const [encoding, body] of [["gzip", zlib.gzipSync(text)], ["deflate", zlib.deflateSync(text)], ["br", zlib.brotliCompressSync(text)], ["GZIP ", zlib.gzipSync(text)]] as const) {
      expect(await decodeBody(body, encoding, 1 << 20)).toEqual({ ok: true, body: text });
    }
    expect(await decodeBody(text, undefined, 10)).toEqual({ ok: true, body: text });
    expect(await decodeBody(text, "zstd-unknown", 10)).toEqual({ ok: true, body: text });
  });

  it("stops expanding at the limit: 64 MB of zeros compressed to a few KB comes back as an error", async () => {
    const bomb = zlib.brotliCompressSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    expect(await decodeBody(bomb, "br", 1024 * 1024)).toEqual({ ok: false, error: "body decompresses to more than 1048576 bytes" });
  });

  it("reports a corrupt stream instead of throwing", async () => {
    const result = await decodeBody(Buffer.from("not gzip at all"), "gzip", 1024);
    expect(result.ok).toBe(false);
  });
});
