import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { startTestServer, type TestServer } from "@/lib/testing/server";

/**
 * A remote backend that fails, as seen from a chart and from the pipeline: its errors and
 * timeouts come back as such (502/504 with its message), never as an empty chart; ingest is off.
 */
describe.skipIf(!appIsBuilt)("a remote metrics source that fails", () => {
  let mode: "error" | "hang" | "ok" = "ok";
  const backend = http.createServer((req, res) => {
    if (mode === "hang") return; // never answers
    if (mode === "error") {
      res.writeHead(422, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "error", errorType: "execution", error: "query processing would load too many samples into memory" }));
      return;
    }
    const url = new URL(req.url ?? "/", "http://x");
    res.writeHead(200, { "content-type": "application/json" });
    const data = url.pathname === "/api/v1/label/__name__/values" ? ["up"] : url.pathname === "/api/v1/series" ? [{ __name__: "up", job: "auth" }] : { resultType: "vector", result: [] };
    res.end(JSON.stringify({ status: "success", data }));
  });
  let server: TestServer;
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    server = await startTestServer({ DEPLOYLINES_METRICS_URL: url, DEPLOYLINES_METRICS_TIMEOUT: "500ms" });
  });
  afterAll(async () => {
    await server?.stop();
    backend.closeAllConnections();
    await new Promise((resolve) => backend.close(resolve));
  });

  it("answers a backend error as a 502 carrying the backend's message", async () => {
    mode = "error";
    const res = await server.api("/api/v1/series?metric=up&from=-1h");
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toContain("query processing would load too many samples into memory");
  });

  it("answers a backend that does not answer in time as a 504 naming it", async () => {
    mode = "hang";
    const res = await server.api("/api/v1/series?metric=up&from=-1h");
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: string }).error).toContain(`metrics backend ${url} did not answer`);
    const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { metrics: { reachable: boolean; url: string } };
    expect(health.metrics).toMatchObject({ kind: "prometheus", url, reachable: false });
  });

  it("reports the backend reachable in health with its latency once it answers", async () => {
    mode = "ok";
    const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { metrics: { reachable: boolean; latencyMs: number } };
    expect(health.metrics).toMatchObject({ kind: "prometheus", url, reachable: true });
    expect(health.metrics.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("turns metric ingest off, naming the backend, on every path and on the status page", async () => {
    const paths: [string, string, string][] = [
      ["/api/v1/metrics", "application/json", JSON.stringify({ series: [{ metric: "a.b", points: [[Date.now(), 1]] }] })],
      ["/api/v1/import/prometheus", "text/plain", "up 1\n"],
      ["/api/v1/write", "application/x-protobuf", ""],
      ["/v1/metrics", "application/json", "{}"],
    ];
    for (const [path, type, body] of paths) {
      const res = await server.api(path, { method: "POST", body, headers: { "content-type": type } });
      expect(res.status, path).toBe(409);
      expect(((await res.json()) as { error: string }).error).toContain(url);
    }
    const status = (await (await fetch(`${server.url}/api/v1/ingest/status`)).json()) as { off: string; listeners: { graphite: { port: number | null } } };
    expect(status.off).toContain(url);
    expect(status.listeners.graphite.port).toBeNull();
    expect(await (await fetch(`${server.url}/ingest`)).text()).toContain(url);
  });
});
