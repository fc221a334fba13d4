import http from "node:http";

export interface ClientResponse {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: Buffer;
  ms: number;
}

/** One request over a keep-alive agent, with the answer as it came off the wire. */
export function send(url: string, agent: http.Agent, options: { method?: string; path?: string; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<ClientResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const target = new URL(options.path ?? "/", url);
    const headers = { ...options.headers, ...(options.body !== undefined && { "content-length": String(Buffer.byteLength(options.body)) }) };
    const req = http.request(target, { method: options.method ?? "GET", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? "", rawHeaders: res.rawHeaders, body: Buffer.concat(chunks), ms: performance.now() - started }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The answer without the headers that belong to one connection (they differ per hop by design). */
export function endToEnd(response: ClientResponse): Omit<ClientResponse, "ms"> {
  const rawHeaders: string[] = [];
  for (let i = 0; i < response.rawHeaders.length; i += 2) {
    if (["connection", "keep-alive"].includes(response.rawHeaders[i].toLowerCase())) continue;
    rawHeaders.push(response.rawHeaders[i], response.rawHeaders[i + 1]);
  }
  return { status: response.status, statusMessage: response.statusMessage, rawHeaders, body: response.body };
}
