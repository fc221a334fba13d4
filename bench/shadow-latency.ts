// Latency the shadow proxy adds: `npx tsx bench/shadow-latency.ts [requests] [sampleRate]`.
// Primary, candidate and proxy run here; a second process sends the requests, so client work is not counted.
import { fork } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { percentile } from "@/lib/dark-launch/percentile";
import { startShadowProxy } from "@/lib/dark-launch/proxy";

const count = Number(process.argv[2] ?? 5_000);
const sampleRate = Number(process.argv[3] ?? 1);
const deadlineMs = 60_000;

function backend(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const id = Number(req.url?.split("/")[2] ?? 0);
    const body = JSON.stringify({ id, name: `user ${id}`, roles: ["reader", "writer"], bio: "x".repeat(600) });
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const urlOf = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function main(): Promise<void> {
  const primary = await backend();
  const candidate = await backend();
  const proxy = await startShadowProxy({ primary: urlOf(primary), candidate: urlOf(candidate), sampleRate });
  const client = fork(path.join(__dirname, "shadow-latency-client.ts"), [JSON.stringify({ direct: urlOf(primary), proxied: proxy.url, count, warmup: 200, deadlineMs })]);
  const killer = setTimeout(() => client.kill(), deadlineMs + 10_000);
  const result = await new Promise<{ direct: number[]; proxied: number[] }>((resolve, reject) => {
    client.once("message", (m) => resolve(m as { direct: number[]; proxied: number[] }));
    client.once("exit", (code) => reject(new Error(`client exited (${code}) without results`)));
  }).finally(() => clearTimeout(killer));

  await proxy.idle();
  const direct = result.direct.slice().sort((a, b) => a - b);
  const proxied = result.proxied.slice().sort((a, b) => a - b);
  const fmt = (v: number | null) => (v === null ? "–" : v.toFixed(3));
  const stats = proxy.stats();
  console.log(`shadow proxy latency: ${direct.length} sequential keep-alive GETs each way on loopback, sample rate ${sampleRate}`);
  console.log(`  direct   p50 ${fmt(percentile(direct, 50))} ms  p99 ${fmt(percentile(direct, 99))} ms`);
  console.log(`  proxied  p50 ${fmt(percentile(proxied, 50))} ms  p99 ${fmt(percentile(proxied, 99))} ms`);
  console.log(`  added    p50 ${fmt(percentile(proxied, 50)! - percentile(direct, 50)!)} ms  p99 ${fmt(percentile(proxied, 99)! - percentile(direct, 99)!)} ms (target p50 < 2 ms)`);
  console.log(`  mirrored ${stats.mirrored}, matched ${stats.matched}, noise probes ${stats.noiseProbes}, skipped ${stats.skipped}`);
  await proxy.close(0);
  primary.close();
  candidate.close();
  primary.closeAllConnections();
  candidate.closeAllConnections();
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
