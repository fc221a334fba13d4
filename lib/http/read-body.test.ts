import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { LINGER_BYTES, readBody, readText } from "./read-body";

/** A streamed request body of `chunks` chunks of `size` bytes, counting how many were pulled. */
function streamed(chunks: number, size: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  const req = new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

describe("readBody", () => {
  it("reads a body within the limit, whole", async () => {
    expect(await readText(new Request("http://x/", { method: "POST", body: "héllo" }), 100)).toBe("héllo");
    expect(await readText(new Request("http://x/", { method: "POST" }), 100)).toBe("");
    const { req } = streamed(10, 1000);
    expect((await readBody(req, 10_000)).byteLength).toBe(10_000);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const { req, pulled } = streamed(1000, 1000);
    const headers = new Headers({ "content-length": "1000000" });
    const withLength = new Request(req, { headers, duplex: "half" } as RequestInit);
    const error = await readBody(withLength, 1000).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, message: expect.stringContaining("1000000 bytes sent, at most 1000 bytes") });
    expect(pulled()).toBeLessThan(5);
  });

  it("refuses a streamed body that crosses the limit, dropping at most LINGER_BYTES more before answering", async () => {
    const { req, pulled } = streamed(100_000, 1024);
    const error = await readBody(req, 64 * 1024).catch((e) => e);
    expect(error).toMatchObject({ status: 413 });
    // The limit, the linger and the stream's small read-ahead: never the 100 MB.
    expect(pulled()).toBeLessThan((64 * 1024 + LINGER_BYTES) / 1024 + 10);
    expect(pulled()).toBeGreaterThan(64);
  });

  it("reads an over-limit body to its end when it ends within the linger, so the 413 is read, not reset", async () => {
    const { req, pulled } = streamed(200, 1024);
    expect(await readBody(req, 64 * 1024).catch((e) => e)).toMatchObject({ status: 413 });
    expect(pulled()).toBe(200);
  });
});
