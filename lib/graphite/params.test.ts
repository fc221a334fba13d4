import { describe, expect, it } from "vitest";
import { LINGER_BYTES } from "@/lib/http/read-body";
import { ApiError } from "@/lib/http/api-error";
import { graphiteParams, MAX_FORM_BYTES } from "./params";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** A POST whose body arrives in chunks, with no Content-Length (as `Transfer-Encoding: chunked`). */
function chunkedPost(chunks: number, chunkBytes: number): { req: Request; sent: () => number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= chunks) return controller.close();
      sent++;
      controller.enqueue(new TextEncoder().encode("a".repeat(chunkBytes)));
    },
  });
  const req = new Request("http://x/render", { method: "POST", headers: FORM, body, duplex: "half" } as RequestInit);
  return { req, sent: () => sent };
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ApiError);

describe("graphiteParams", () => {
  it("merges a form body into the query string", async () => {
    const req = new Request("http://x/render?from=-6h", { method: "POST", headers: FORM, body: "target=a.b&target=c.d" });
    const params = await graphiteParams(req);
    expect([params.get("from"), params.getAll("target")]).toEqual(["-6h", ["a.b", "c.d"]]);
  });

  it("stops reading a chunked body past the limit and its linger: 413, the rest never read", async () => {
    const { req, sent } = chunkedPost(1000, 64 * 1024);
    const error = await failure(graphiteParams(req));
    expect(error).toMatchObject({ status: 413 });
    expect(sent() * 64 * 1024).toBeLessThan(MAX_FORM_BYTES + LINGER_BYTES + 3 * 64 * 1024);
    expect(sent()).toBeLessThan(1000);
  });

  it("answers a malformed %-escape in the query or the form with a 400 naming the parameter", async () => {
    const query = await failure(graphiteParams(new Request("http://x/render?target=%E0%A4%A&from=-1h")));
    expect(query).toMatchObject({ status: 400, problems: [{ where: "target", message: expect.stringContaining("malformed %-escape") }] });
    const form = await failure(graphiteParams(new Request("http://x/render", { method: "POST", headers: FORM, body: "until=%ZZ" })));
    expect(form).toMatchObject({ status: 400, problems: [{ where: "until" }] });
  });
});
