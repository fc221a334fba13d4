import dgram from "node:dgram";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";

// Real sockets against the started server: Graphite lines over TCP, StatsD packets over UDP.
let server: TestServer;
let graphitePort: number;
let statsdPort: number;

beforeAll(async () => {
  graphitePort = await freePort();
  statsdPort = await freePort();
  server = await startTestServer({ DEPLOYLINES_GRAPHITE_PORT: String(graphitePort), DEPLOYLINES_STATSD_PORT: String(statsdPort), DEPLOYLINES_STATSD_FLUSH: "1s" });
});
afterAll(async () => {
  await server?.stop();
});

type Series = { metric: string; points: [number, number][] };

async function seriesOf(metric: string): Promise<Series[]> {
  const res = await fetch(`${server.url}/api/v1/series?${new URLSearchParams({ metric, from: "-1h", to: "+1h", maxPoints: "10000" })}`);
  expect(res.status).toBe(200);
  return (await res.json()).series;
}

/** Polls until `ready` holds for the series of `metric` (listeners write in batches and on flush). */
async function waitForSeries(metric: string, ready: (series: Series[]) => boolean): Promise<Series[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const series = await seriesOf(metric);
    if (ready(series)) return series;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${metric}: ${JSON.stringify(series).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function sendTcp(port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ port, host: "127.0.0.1" }, () => socket.end(text));
    socket.on("close", () => resolve());
    socket.on("error", reject);
  });
}

function sendUdp(port: number, packet: string): Promise<void> {
  const socket = dgram.createSocket("udp4");
  return new Promise((resolve, reject) =>
    socket.send(packet, port, "127.0.0.1", (error) => {
      socket.close();
      if (error) reject(error);
      else resolve();
    }),
  );
}

const total = (series: Series[]) => series.flatMap((s) => s.points).reduce((n, [, v]) => n + v, 0);

describe("Graphite over TCP", () => {
  it("stores each line as a point and counts malformed lines in the ingest status", async () => {
    const now = Math.floor(Date.now() / 1000);
    await sendTcp(graphitePort, `tcpcheck.api.requests 5 ${now - 20}\ntcpcheck.api.requests 7 ${now - 10}\nthis is not graphite\ntcpcheck.api.errors 1 ${now}\n`);
    const [requests] = await waitForSeries("tcpcheck.api.requests", (s) => s[0]?.points.length === 2);
    expect(requests.points).toEqual([
      [(now - 20) * 1000, 5],
      [(now - 10) * 1000, 7],
    ]);
    await waitForSeries("tcpcheck.api.errors", (s) => s.length === 1);
    const status = await (await fetch(`${server.url}/api/v1/ingest/status`)).json();
    expect(status.listeners.graphite.port).toBe(graphitePort);
    expect(status.sources.graphite).toMatchObject({ accepted: 3, malformed: 1 });
    expect(status.sources.graphite.recentMalformed[0].reason).toContain("this is not graphite");
    expect(status.sources.graphite.lastIngestAt).toEqual(expect.any(Number));
  });
});

describe("StatsD over UDP", () => {
  it("flushes counters as X.count and X.rate, timers with statsd's stats, gauges and sets", async () => {
    await sendUdp(statsdPort, ["udpcheck.logins:1|c", "udpcheck.logins:1|c", "udpcheck.logins:3|c", "udpcheck.queue:42|g", "udpcheck.users:alice|s", "udpcheck.users:bob|s"].join("\n"));
    await sendUdp(statsdPort, Array.from({ length: 100 }, (_, i) => `udpcheck.login.time:${i + 1}|ms`).join("\n"));
    await sendUdp(statsdPort, "udpcheck.broken:xyz|c\nnot-a-statsd-line");

    const count = await waitForSeries("udpcheck.logins.count", (s) => total(s) === 5);
    expect(count[0].metric).toBe("udpcheck.logins.count");
    // 5 increments over the configured 1 s flush: exactly 5 per second.
    const rate = await waitForSeries("udpcheck.logins.rate", (s) => s.length === 1 && total(s) > 0);
    expect(total(rate)).toBe(5);
    await waitForSeries("udpcheck.login.time.timer.count", (s) => total(s) === 100);
    expect((await waitForSeries("udpcheck.login.time.upper_95", (s) => s.length === 1))[0].points[0][1]).toBe(95);
    expect((await waitForSeries("udpcheck.login.time.median", (s) => s.length === 1))[0].points[0][1]).toBe(50.5);
    const p95 = await waitForSeries("udpcheck.login.time.p95", (s) => s.length === 1);
    expect(p95[0].points[0][1]).toBeGreaterThanOrEqual(94);
    expect(p95[0].points[0][1]).toBeLessThanOrEqual(96);
    expect((await waitForSeries("udpcheck.login.time.upper", (s) => s.length === 1))[0].points[0][1]).toBe(100);
    expect((await waitForSeries("udpcheck.login.time.lower", (s) => s.length === 1))[0].points[0][1]).toBe(1);
    expect((await waitForSeries("udpcheck.queue", (s) => s.length === 1))[0].points[0][1]).toBe(42);
    expect((await waitForSeries("udpcheck.users.count", (s) => s.length === 1))[0].points[0][1]).toBe(2);

    const status = await (await fetch(`${server.url}/api/v1/ingest/status`)).json();
    expect(status.listeners.statsd).toMatchObject({ port: statsdPort, flushMs: 1000, namespace: "plain", percentiles: [90, 95, 99] });
    expect(status.listeners.statsd.counters).toMatchObject({ maxNames: 10_000, refusedSamples: 0, kernelDrops: 0 });
    expect(status.sources.statsd.malformed).toBe(2);
    expect(status.sources.statsd.recentMalformed).toHaveLength(2);
    expect(status.sources.statsd.batches).toBeGreaterThan(0);
  });
});
