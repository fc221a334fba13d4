import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compress } from "snappyjs";
import { writeRequest } from "@/lib/ingest/prometheus/write-request";
import { freePort } from "./server";

/** One series to write: a Prometheus name, its labels, its samples as [ms, value]. */
export interface FixtureSeries {
  name: string;
  labels: Record<string, string>;
  type: "counter" | "gauge" | "histogram";
  points: [number, number][];
}

/** A Prometheus-compatible backend the tests started: its query URL, how to write into it, how to stop it. */
export interface MetricsBackend {
  name: "prometheus" | "victoria-metrics";
  url: string;
  write(series: FixtureSeries[]): Promise<void>;
  stop(): Promise<void>;
}

export const PROMETHEUS_BIN = "/usr/bin/prometheus";
export const VICTORIA_METRICS_BIN = "/usr/bin/victoria-metrics";

/**
 * Whether a peer's tests run: when its binary is installed, and always in CI (`CI` set), where
 * a missing binary must fail the run rather than skip it quietly.
 */
export const peerRuns = (bin: string) => fs.existsSync(bin) || Boolean(process.env.CI);

/** Exposition text with a timestamp on every sample (and `# TYPE` lines): what VictoriaMetrics' and deploylines' importers take. */
export function expositionText(series: FixtureSeries[]): string {
  const lines: string[] = [];
  const typed = new Set<string>();
  for (const s of series) {
    const family = s.type === "histogram" ? s.name.replace(/_(bucket|count|sum)$/, "") : s.name;
    if (!typed.has(family)) {
      typed.add(family);
      lines.push(`# TYPE ${family} ${s.type}`);
    }
    const labels = Object.entries(s.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",");
    for (const [ts, value] of s.points) lines.push(`${s.name}${labels ? `{${labels}}` : ""} ${value} ${ts}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Prometheus with its remote-write receiver on, out-of-order samples accepted for 45 days, state in a temp dir. */
export async function startPrometheus(): Promise<MetricsBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-prometheus-"));
  const config = path.join(dir, "prometheus.yml");
  fs.writeFileSync(config, "global:\n  scrape_interval: 15s\nstorage:\n  tsdb:\n    out_of_order_time_window: 45d\n");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--web.enable-remote-write-receiver"];
  const child = await startChild(PROMETHEUS_BIN, args, `${url}/-/ready`);
  return {
    name: "prometheus",
    url,
    async write(series) {
      const message = writeRequest.fromObject({
        timeseries: series.map((s) => ({
          labels: Object.entries({ __name__: s.name, ...s.labels }).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => ({ name, value })),
          samples: s.points.map(([timestamp, value]) => ({ value, timestamp })),
        })),
      });
      const body = Buffer.from(compress(writeRequest.encode(message).finish()));
      const res = await fetch(`${url}/api/v1/write`, {
        method: "POST",
        headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" },
        body,
      });
      if (!res.ok) throw new Error(`prometheus refused the write: ${res.status} ${await res.text()}`);
    },
    stop: () => stopChild(child, dir),
  };
}

/** VictoriaMetrics single-node, state in a temp dir, answering up to now (no latency offset). */
export async function startVictoriaMetrics(): Promise<MetricsBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-victoria-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [`-storageDataPath=${path.join(dir, "data")}`, `-httpListenAddr=127.0.0.1:${port}`, "-retentionPeriod=100y", "-search.latencyOffset=0s", "-search.disableCache"];
  const child = await startChild(VICTORIA_METRICS_BIN, args, `${url}/health`);
  return {
    name: "victoria-metrics",
    url,
    async write(series) {
      const res = await fetch(`${url}/api/v1/import/prometheus`, { method: "POST", body: expositionText(series) });
      if (!res.ok) throw new Error(`victoria-metrics refused the import: ${res.status} ${await res.text()}`);
      // Imported rows become searchable after a flush.
      await fetch(`${url}/internal/force_flush`);
    },
    stop: () => stopChild(child, dir),
  };
}

async function startChild(bin: string, args: string[], readyUrl: string): Promise<ChildProcess> {
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-20_000)));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${bin} exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(readyUrl)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`${bin} was not ready within 30 s:\n${output}`);
}

/** Stops the process by its PID and removes its state. */
async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      process.kill(child.pid!, "SIGTERM");
    });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
