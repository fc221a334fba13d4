import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Counter, Histogram, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";
import { waitFor } from "@/lib/testing/wait-for";

// The same target scraped by deploylines (DEPLOYLINES_SCRAPE) and by Debian's Prometheus 2.42,
// which also remote-writes its copy to deploylines: the rates and p95 deploylines draws must agree
// with Prometheus' own `rate(x[1m])` and `histogram_quantile(0.95, rate(x_bucket[1m]))` at the same
// step ends, within 1%.
//
// They agree only where both see a steadily sampled counter. At the edges they differ by design
// (lib/series/rate.ts): Prometheus extrapolates a window's increase to its edges and, at a series'
// start or end, guesses up to half a scrape interval beyond the first/last sample, while
// deploylines counts only observed increases — a step owns the interval from the previous step's
// last sample, and a series' very first sample counts nothing. So the step holding a series' start
// reads differently (logged, not compared). The query range here starts two minutes before both
// have scraped once: step 1 is empty or nearly, step 2 holds the series' start, and both are
// skipped; steps 3 and 4, whose samples and rate windows all lie after the start, are compared.
// Counter resets would differ too (a reset between two windows is invisible to Prometheus, here
// it lands in the later step); this target never resets.

const PROMETHEUS = "/usr/bin/prometheus";
const SCRAPE_INTERVAL_S = 5;
const STEP_MS = 60_000;
/** Steps of the query range: 1 (no data) and 2 (the series' start) are skipped, 3 and 4 compared. */
const STEPS = 4;
const START_STEP = 2;
const COMPARED_STEPS = [3, 4];
const TOLERANCE = 0.01;
const RATES = { "/a": 20, "/b": 7 };
// One cycle of observations (two of twenty above 0.5 s), repeated 10 times a second: p95 ≈ 0.75 s.
const CYCLE = [0.3, 0.003, 0.6, 0.04, 0.12, 0.02, 0.35, 0.06, 0.008, 0.2, 0.045, 0.4, 0.012, 0.9, 0.08, 0.03, 0.15, 0.07, 0.22, 0.09];
const OBSERVATIONS_PER_S = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A prom-client app on 127.0.0.1: counters growing at a steady rate per route, a histogram fed a repeating distribution. */
async function startTarget(): Promise<{ url: string; address: string; stop: () => Promise<void> }> {
  const registry = new Registry();
  const requests = new Counter({ name: "agree_requests_total", help: "Requests", labelNames: ["route"], registers: [registry] });
  const latency = new Histogram({ name: "agree_latency_seconds", help: "Latency", buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [registry] });
  const started = performance.now();
  let counted = 0;
  let observed = 0;
  // Fractional increments of elapsed time × rate: the counter is exact to within one 10 ms tick, not a whole request.
  const timer = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    for (const [route, rate] of Object.entries(RATES)) requests.inc({ route }, (elapsed - counted) * rate);
    counted = elapsed;
    for (const due = Math.floor(elapsed * OBSERVATIONS_PER_S); observed < due; observed++) latency.observe(CYCLE[observed % CYCLE.length]);
  }, 10);
  const server = http.createServer(async (req, res) => {
    if (req.url !== "/metrics") return res.writeHead(404).end();
    res.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${address}/metrics`,
    address,
    stop: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface Prometheus {
  url: string;
  child: ChildProcess;
  dir: string;
  log: () => string;
}

/** Prometheus on a free loopback port with its own data folder: scrapes the target and remote-writes to the app, labelled source="prometheus". */
async function startPrometheus(target: string, app: TestServer): Promise<Prometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-prometheus-"));
  const port = await freePort();
  // JSON is YAML, so the configuration needs no YAML writer.
  const config = {
    global: { scrape_interval: `${SCRAPE_INTERVAL_S}s`, evaluation_interval: `${SCRAPE_INTERVAL_S}s`, external_labels: { source: "prometheus" } },
    scrape_configs: [{ job_name: "target", static_configs: [{ targets: [target] }] }],
    remote_write: [
      {
        url: `${app.url}/api/v1/write`,
        authorization: { credentials: app.token },
        queue_config: { batch_send_deadline: "1s", min_backoff: "100ms" },
        metadata_config: { send_interval: "10s" },
      },
    ],
  };
  fs.writeFileSync(path.join(dir, "prometheus.yml"), JSON.stringify(config, null, 2));
  const child = spawn(
    PROMETHEUS,
    [`--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    "Prometheus to be ready",
    async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${output}`);
      return (await fetch(`${url}/-/ready`).catch(() => null))?.ok ? true : undefined;
    },
    30_000,
    200,
  );
  return { url, child, dir, log: () => output };
}

type Series = { metric: string; labels: Record<string, string>; points: [number, number][] };

/** Relative difference of deploylines' value from Prometheus'. */
const relative = (ours: number, theirs: number) => Math.abs(ours - theirs) / Math.abs(theirs);

describe.skipIf(!fs.existsSync(PROMETHEUS) && !process.env.CI)("values agree with Prometheus 2.42", () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let app: TestServer;
  let prometheus: Prometheus;
  let from: number;
  const to = () => from + STEPS * STEP_MS;
  let worst = 0;

  /** deploylines' drawn series (rates, quantiles) for `selector` over the query range, on 60 s steps. */
  async function ours(selector: string): Promise<Series[]> {
    const query = new URLSearchParams({ metric: selector, from: String(from), to: String(to()), maxPoints: "1000" });
    const res = await fetch(`${app.url}/api/v1/series?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()).series;
  }

  /** Prometheus' query_range at the same step ends. */
  async function theirs(promql: string): Promise<{ metric: Record<string, string>; values: [number, string][] }[]> {
    const query = new URLSearchParams({ query: promql, start: String((from + STEP_MS) / 1000), end: String(to() / 1000), step: String(STEP_MS / 1000) });
    const body = await (await fetch(`${prometheus.url}/api/v1/query_range?${query}`)).json();
    expect(body.status).toBe("success");
    return body.data.result;
  }

  /** Compares deploylines' series with Prometheus' (paired by `key` of their labels) at each compared step; returns the largest relative difference. */
  async function compare(mine: Series[], promql: string, key: (labels: Record<string, string>) => string): Promise<number> {
    const prom = await theirs(promql);
    const promByKey = new Map(prom.map((s) => [key(s.metric), new Map(s.values.map(([t, v]) => [Math.round(t * 1000), Number(v)]))]));
    expect(mine.length).toBeGreaterThan(0);
    let largest = 0;
    for (const series of mine) {
      const promValues = promByKey.get(key(series.labels));
      expect(promValues, `Prometheus has no series for ${JSON.stringify(series.labels)}`).toBeDefined();
      const startAt = from + START_STEP * STEP_MS;
      const [startOurs, startTheirs] = [series.points.find(([ts]) => ts === startAt)?.[1], promValues!.get(startAt)];
      console.log(`[prometheus-agreement] ${promql} ${JSON.stringify(series.labels)} at the series' start (not compared): deploylines ${startOurs ?? "none"}, Prometheus ${startTheirs ?? "none"}`);
      for (const step of COMPARED_STEPS) {
        const at = from + step * STEP_MS;
        const value = series.points.find(([ts]) => ts === at)?.[1];
        const expected = promValues!.get(at);
        expect(value, `deploylines ${series.metric}${JSON.stringify(series.labels)} at step ${step}`).toBeTypeOf("number");
        expect(expected, `Prometheus ${promql} at step ${step}`).toBeTypeOf("number");
        const difference = relative(value!, expected!);
        largest = Math.max(largest, difference);
        expect(difference, `${series.metric}${JSON.stringify(series.labels)} at step ${step}: deploylines ${value}, Prometheus ${expected}`).toBeLessThan(TOLERANCE);
      }
    }
    worst = Math.max(worst, largest);
    return largest;
  }

  const p95Of = async (selector: string) => (await ours(selector)).filter((s) => s.labels.quantile === "0.95");
  const report = (what: string, largest: number) => console.log(`[prometheus-agreement] ${what}: largest relative difference ${(largest * 100).toFixed(4)}%`);

  beforeAll(async () => {
    if (!fs.existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: install Debian's prometheus (apt-get install prometheus; .ci/run does)`);
    if (!appIsBuilt) throw new Error("the app is not built: run `npx next build` first");
    target = await startTarget();
    app = await startTestServer({ DEPLOYLINES_SCRAPE: `agree=${target.url}`, DEPLOYLINES_SCRAPE_INTERVAL: `${SCRAPE_INTERVAL_S}s` });
    prometheus = await startPrometheus(target.address, app);
    // Both have scraped once: their first samples lie before this instant, so in the range's first two steps.
    await waitFor(
      "the first scrapes of deploylines and Prometheus",
      async () => {
        const up = await fetch(`${app.url}/api/v1/series?${new URLSearchParams({ metric: 'up{service="agree"}', from: "-5m", fn: "none" })}`).then((r) => r.json());
        const promUp = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent('up{job="target"}')}`).then((r) => r.json());
        return up.series.length > 0 && promUp.data.result.length > 0 ? true : undefined;
      },
      20_000,
      200,
    );
    from = Date.now() - START_STEP * STEP_MS;
    // Prometheus evaluates the last step over samples up to its end; give its last scrape and the remote-written copy time to land.
    await sleep(Math.max(0, to() - Date.now()) + 2 * SCRAPE_INTERVAL_S * 1000);
    await waitFor(
      "the remote-written copy to reach the range's end",
      async () => {
        const query = new URLSearchParams({ metric: 'agree_requests_total{source="prometheus",route="/a"}', from: String(to() - STEP_MS), to: String(to() + STEP_MS), fn: "none" });
        const { series } = await fetch(`${app.url}/api/v1/series?${query}`).then((r) => r.json());
        return series[0]?.points.some(([ts]: [number, number]) => ts > to() - SCRAPE_INTERVAL_S * 1000) ? true : undefined;
      },
      30_000,
      500,
    );
  }, 330_000);

  afterAll(async () => {
    if (worst > 0) console.log(`[prometheus-agreement] largest relative difference: ${(worst * 100).toFixed(4)}%`);
    if (prometheus) {
      if (prometheus.child.exitCode === null) {
        const exited = new Promise((resolve) => prometheus.child.once("exit", resolve));
        process.kill(prometheus.child.pid!, "SIGTERM");
        await exited;
      }
      fs.rmSync(prometheus.dir, { recursive: true, force: true });
    }
    await app?.stop();
    if (app) fs.rmSync(app.dir, { recursive: true, force: true });
    await target?.stop();
  }, 30_000);

  it("shows the target up in the ingest status", async () => {
    const status = await fetch(`${app.url}/api/v1/ingest/status`).then((r) => r.json());
    expect(status.scrape).toMatchObject({ intervalMs: 5_000, timeoutMs: 5_000, role: "scraping" });
    expect(status.scrape.targets).toMatchObject([{ service: "agree", url: target.url, instance: target.address, health: "up", lastError: null }]);
    expect(status.scrape.targets[0].samples).toBeGreaterThan(10);
  });

  it("draws the scraped counter's rate as Prometheus' rate(x[1m]) at each step end, within 1%", async () => {
    const rates = await ours('agree_requests_total{service="agree"}');
    expect(rates.map((s) => s.labels.route).sort()).toEqual(["/a", "/b"]);
    report("scraped counter rates", await compare(rates, 'rate(agree_requests_total{job="target"}[1m])', (l) => l.route));
  });

  it("draws the scraped histogram's p95 as Prometheus' histogram_quantile(0.95, rate(x_bucket[1m])), within 1%", async () => {
    const p95 = await p95Of('agree_latency_seconds_bucket{service="agree"}');
    expect(p95).toHaveLength(1);
    report("scraped p95", await compare(p95, 'histogram_quantile(0.95, rate(agree_latency_seconds_bucket{job="target"}[1m]))', () => "p95"));
  });

  it("draws the remote-written copy's rates and p95 as Prometheus does, within 1%", async () => {
    const rates = await ours('agree_requests_total{source="prometheus"}');
    expect(rates.map((s) => s.labels)).toEqual([
      { instance: target.address, job: "target", route: "/a", source: "prometheus" },
      { instance: target.address, job: "target", route: "/b", source: "prometheus" },
    ]);
    report("remote-written counter rates", await compare(rates, 'rate(agree_requests_total{job="target"}[1m])', (l) => l.route));
    const p95 = await p95Of('agree_latency_seconds_bucket{source="prometheus"}');
    expect(p95).toHaveLength(1);
    report("remote-written p95", await compare(p95, 'histogram_quantile(0.95, rate(agree_latency_seconds_bucket{job="target"}[1m]))', () => "p95"));
  });
});
