import fs from "node:fs";
import http from "node:http";
import { once } from "node:events";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startShadowProxy, type ShadowProxy } from "@/lib/dark-launch/proxy";
import { samplesSender } from "@/lib/dark-launch/reporter";
import type { DarkLaunchSample } from "@/lib/dark-launch/schema";
import { send } from "@/lib/dark-launch/testing/http-client";
import { startTestServer as startHttpServer, type TestServer as HttpServer } from "@/lib/dark-launch/testing/http-servers";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { startTestServer, type TestServer } from "@/lib/testing/server";

// Issue 11 item 8: the shadow proxy under a hostile candidate, and what of the traffic's
// credentials reaches deploylines. The proxy runs in this process between real HTTP servers;
// the health probes go *through the proxy* to the primary, so they measure the primary path.
const agent = new http.Agent({ keepAlive: true });
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function httpServer(handler: Parameters<typeof startHttpServer>[0]): Promise<HttpServer> {
  const s = await startHttpServer(handler);
  cleanup.push(() => s.close());
  return s;
}

const primaryAnswer = (req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json", "set-cookie": "session=PRIMARY-SECRET-COOKIE", "x-internal-token": "PRIMARY-INTERNAL" });
  res.end(JSON.stringify({ ok: true, path: req.url }));
};

/** 1 GiB of zeros as brotli: about 1.6 KB on the wire. */
async function brotliBomb(): Promise<Buffer> {
  const size = 1024 ** 3;
  const encoder = zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size } });
  const chunks: Buffer[] = [];
  encoder.on("data", (c: Buffer) => chunks.push(c));
  const zeros = Buffer.alloc(16 * 1024 * 1024);
  for (let written = 0; written < size; written += zeros.length) if (!encoder.write(zeros)) await once(encoder, "drain");
  encoder.end();
  await once(encoder, "end");
  return Buffer.concat(chunks);
}

describe("shadow proxy against a brotli bomb from the candidate", () => {
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await brotliBomb();
  }, 60_000);

  it("keeps the primary path fast and the proxy alive, reporting the bomb as a candidate error", async () => {
    expect(bomb.length).toBeLessThan(10_000);
    const primary = await httpServer(primaryAnswer);
    const candidate = await httpServer((_req, res) => void res.writeHead(200, { "content-type": "application/json", "content-encoding": "br" }).end(bomb));
    const samples: DarkLaunchSample[] = [];
    const proxy: ShadowProxy = await startShadowProxy({ primary: primary.url, candidate: candidate.url, noise: false, onSample: (s) => samples.push(s) });
    cleanup.push(() => proxy.close(100));
    const rssBefore = process.memoryUsage().rss;

    const { result: latencies, health } = await whileProbingHealth(proxy.url, async () => {
      const ms: number[] = [];
      for (let round = 0; round < 10; round++) {
        const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => send(proxy.url, agent, { path: `/items/${round * 4 + i}` })));
        for (const a of answers) {
          expect(a.status).toBe(200);
          ms.push(a.ms);
        }
      }
      return ms.sort((a, b) => a - b);
    });
    // Not inside the probing: every probe is mirrored too, so waiting there would never end.
    await proxy.idle();

    // Decompressing 1 GiB synchronously took 9 s of event loop per answer here; now no primary answer waits on it.
    console.log(`brotli bomb: primary via proxy max ${latencies.at(-1)!.toFixed(0)} ms; health through proxy p99 ${health.p99Ms.toFixed(0)} ms, max ${health.maxMs.toFixed(0)} ms over ${health.probes} probes; RSS +${((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(0)} MB`);
    expect(health.failures).toBe(0);
    expect(health.maxMs).toBeLessThan(1_000);
    expect(latencies.at(-1)!).toBeLessThan(1_000);
    const bombed = samples.filter((s) => s.path.startsWith("/items/"));
    // Each of the 40 bombs, plus the probes that were mirrored, expanded to the 10 MiB limit at most.
    expect(bombed.length + proxy.stats().skipped).toBe(40);
    expect(bombed.length).toBeGreaterThan(0);
    for (const s of bombed) expect(s).toMatchObject({ match: false, candidateStatus: 200, candidateError: "body decompresses to more than 10485760 bytes" });
    expect(proxy.stats().heldBytes).toBe(0);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400e6);
    expect((await send(proxy.url, agent, { path: "/after" })).status).toBe(200);
  }, 60_000);

  it("holds no more than its byte budget for captures, passing the rest through unmirrored", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 1);
    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const primary = await httpServer((_req, res) => void res.writeHead(200, { "content-type": "application/octet-stream" }).end(big));
    const candidate = await httpServer((_req, res) => void stalled.then(() => res.writeHead(200, { "content-type": "application/octet-stream" }).end(big)));
    const proxy = await startShadowProxy({ primary: primary.url, candidate: candidate.url, noise: false, maxHeldBytes: 8 * 1024 * 1024, candidateTimeoutMs: 10_000 });
    cleanup.push(() => proxy.close(100));
    for (let i = 0; i < 6; i++) expect((await send(proxy.url, agent, { path: `/blob/${i}` })).body.equals(big)).toBe(true);
    // Two 3 MiB answers fit in 8 MiB while the candidate stalls; the others were not captured.
    expect(proxy.stats().heldBytes).toBe(2 * big.length);
    expect(proxy.stats().skipped).toBe(4);
    release();
    await proxy.idle();
    expect(proxy.stats()).toMatchObject({ mirrored: 2, heldBytes: 0 });
  }, 30_000);
});

describe("shadow proxy reporting to deploylines: credentials never stored", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("redacts Authorization, Cookie, Set-Cookie and configured headers in what reaches the server and what it serves", async () => {
    const primary = await httpServer(primaryAnswer);
    const candidate = await httpServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "set-cookie": "session=CANDIDATE-SECRET-COOKIE", "x-internal-token": "CANDIDATE-INTERNAL" });
      res.end(JSON.stringify({ ok: false, path: req.url, auth: "differs" }));
    });
    const sent: string[] = [];
    const post = async (path: string, body: unknown) => {
      sent.push(JSON.stringify(body));
      const res = await server.api(path, { method: "POST", json: body });
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    };
    const proxy = await startShadowProxy({
      primary: primary.url,
      candidate: candidate.url,
      noise: false,
      headers: ["content-type", "set-cookie", "x-internal-token", "authorization"],
      sensitiveHeaders: ["X-Internal-Token"],
      report: samplesSender(post, "shadowed", "2.0.0"),
      reporter: { batchSize: 5 },
    });
    cleanup.push(() => proxy.close(2_000));
    for (let i = 0; i < 5; i++) {
      await send(proxy.url, agent, { path: `/accounts/${1000 + i}?token=QUERY-SECRET`, headers: { authorization: "Bearer CLIENT-SECRET-TOKEN", cookie: "sid=CLIENT-SECRET-COOKIE" } });
    }
    await proxy.idle();
    await proxy.close(2_000);
    expect(proxy.stats()).toMatchObject({ mirrored: 5, reported: 5 });

    const secrets = /SECRET|INTERNAL/;
    expect(sent.join("\n")).not.toMatch(secrets);
    const full = await (await server.api("/api/v1/dark-launches/shadowed")).json();
    expect(full.recentMismatches).toHaveLength(5);
    expect(full.recentMismatches[0].path).toMatch(/^\/accounts\/100\d$/);
    expect(full.recentMismatches[0].diff).toEqual(
      expect.arrayContaining([
        { path: "headers.set-cookie", primary: "[redacted]", candidate: "[redacted]" },
        { path: "headers.x-internal-token", primary: "[redacted]", candidate: "[redacted]" },
        { path: "$.ok", primary: true, candidate: false },
      ]),
    );
    expect(JSON.stringify(full)).not.toMatch(secrets);
    // Nowhere in the database either (the SQLite file and its write-ahead log).
    for (const file of [server.dbFile, `${server.dbFile}-wal`]) if (fs.existsSync(file)) expect(fs.readFileSync(file).toString("latin1")).not.toMatch(secrets);
  }, 60_000);

  it("re-redacts credential headers posted by any reporter, and shows anonymous readers no paths or values", async () => {
    const sample = { ts: Date.now() - 1000, method: "GET", path: "/users/4242/profile", primaryStatus: 200, candidateStatus: 500, match: false, primaryMs: 1, candidateMs: 2, candidateError: null };
    const diff = [{ path: "status", primary: 200, candidate: 500 }, { path: "headers.authorization", primary: "Bearer OLD-PROXY-SECRET" }, { path: "$.email", primary: "ada@example.com", candidate: "bob@example.com" }];
    const res = await server.api("/api/v1/dark-launches/legacy/samples", { method: "POST", json: { samples: [{ ...sample, diff }] } });
    expect(res.status).toBe(202);

    const full = await (await server.api("/api/v1/dark-launches/legacy")).json();
    expect(full.recentMismatches[0].diff).toEqual([{ path: "status", primary: 200, candidate: 500 }, { path: "headers.authorization", primary: "[redacted]" }, { path: "$.email", primary: "ada@example.com", candidate: "bob@example.com" }]);

    const anonymous = await (await fetch(`${server.url}/api/v1/dark-launches/legacy`)).json();
    expect(anonymous.redacted).toBe(true);
    expect(anonymous.recentMismatches[0]).toMatchObject({
      path: "/users/:id/profile",
      diff: [{ path: "status", primary: 200, candidate: 500 }, { path: "headers.authorization", primary: "[redacted]" }, { path: "$.email", primary: "[redacted]", candidate: "[redacted]" }],
    });
    // The id as a path segment: bare digits could match a timestamp or a figure by chance.
    expect(JSON.stringify(anonymous)).not.toMatch(/\/4242|example\.com|SECRET/);
    const badToken = await fetch(`${server.url}/api/v1/dark-launches/legacy`, { headers: { authorization: "Bearer wrong" } });
    expect((await badToken.json()).redacted).toBe(true);
  });
});
