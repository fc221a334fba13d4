import http from "node:http";

export interface PlainResponse {
  status: number;
  statusText: string;
  header: (name: string) => string | undefined;
  body: string;
}

// A plugin line is one short line; anything longer is not an answer worth reading whole.
const MAX_BODY_BYTES = 64 * 1024;

/**
 * GET through node:http rather than fetch: loading fetch's HTTP stack (undici) costs a Nagios
 * check tens of milliseconds per run. Rejects with a `TimeoutError` after `timeoutMs` in total.
 */
export async function plainGet(url: string, timeoutMs: number): Promise<PlainResponse> {
  const target = new URL(url);
  const transport = target.protocol === "https:" ? await import("node:https") : target.protocol === "http:" ? http : undefined;
  if (!transport) throw new Error(`unsupported protocol ${target.protocol}`);
  return new Promise((resolve, reject) => {
    // No keep-alive: the plugin exits as soon as it has its one answer.
    const request = transport.get(target, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      response.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? "",
          header: (name) => [response.headers[name.toLowerCase()]].flat()[0],
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
      response.on("error", reject);
    });
    const timer = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { name: "TimeoutError" })), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
