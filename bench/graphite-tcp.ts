// Graphite TCP ingest throughput: a child process streams plaintext lines over one
// connection into the listener, which writes them to a SQLite store on a temp file.
// Run: npx tsx --conditions=react-server bench/graphite-tcp.ts [lines] [metrics] [batchLines]
import { fork } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startGraphiteListener } from "@/lib/ingest/listeners/graphite-tcp";
import { IngestStats } from "@/lib/ingest/stats";
import { SqliteStore } from "@/lib/store/sqlite/sqlite-store";

const sending = process.argv[2] === "send";
const args = process.argv.slice(sending ? 4 : 2);
const total = Number(args[0] ?? 3_000_000);
const metrics = Number(args[1] ?? 1_000);
const batchLines = args[2] === undefined ? undefined : Number(args[2]);

async function send(port: number): Promise<void> {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  const start = 1_700_000_000;
  let chunk = "";
  for (let i = 0; i < total; i++) {
    chunk += `bench.svc${i % 10}.m${i % metrics} ${(i % 997) / 10} ${start + Math.floor(i / metrics)}\n`;
    if (chunk.length > 1 << 20) {
      if (!socket.write(chunk)) await new Promise((r) => socket.once("drain", r));
      chunk = "";
    }
  }
  socket.end(chunk);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-bench-"));
  const store = SqliteStore.open(path.join(dir, "bench.db"), { cutoffs: () => ({ raw: 0, "1m": 0, "1h": 0 }) });
  const stats = new IngestStats();
  const listener = await startGraphiteListener({ host: "127.0.0.1", port: 0, ingest: (b) => store.ingest(b), stats, maxBatchLines: batchLines });
  const started = performance.now();
  const sender = fork(process.argv[1], ["send", String(listener.port), String(total), String(metrics)], { execArgv: process.execArgv });
  while (stats.snapshot().graphite.pointsWritten < total) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - started) / 1000;
  const { batches, malformed } = stats.snapshot().graphite;
  console.log(
    `graphite tcp: ${total} lines (${metrics} metrics) in ${seconds.toFixed(2)} s = ${Math.round(total / seconds).toLocaleString("en")} lines/s, ` +
      `${batches} batches of ≤ ${batchLines ?? "50000 (default)"} lines, ${malformed} malformed, peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
  sender.kill();
  await listener.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (sending) void send(Number(process.argv[3]));
else void main();
