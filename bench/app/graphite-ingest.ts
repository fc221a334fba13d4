import net from "node:net";
import type { TestServer } from "@/lib/testing/server";
import type { Progress } from "./progress";

const METRICS = 1_000;
const CHUNK_CHARS = 1 << 20;

/** Plaintext lines `bench.graphite.sN.mM value ts` for METRICS metrics, one second apart per metric, in ~1 MB chunks. */
function graphiteChunks(total: number, startSec: number): string[] {
  const chunks: string[] = [];
  let chunk = "";
  for (let i = 0; i < total; i++) {
    chunk += `bench.graphite.s${i % 10}.m${i % METRICS} ${(i % 997) / 10} ${startSec + Math.floor(i / METRICS)}\n`;
    if (chunk.length > CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = "";
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

async function graphiteWritten(server: TestServer): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/ingest/status`);
  return ((await res.json()) as { sources: { graphite: { pointsWritten: number } } }).sources.graphite.pointsWritten;
}

/**
 * Lines per second through the Graphite TCP listener: one connection streams `total` lines
 * (generated before the clock starts); the clock stops when the server reports them all
 * committed to the store, i.e. queryable, which a series read then confirms.
 */
export async function measureGraphiteIngest(server: TestServer, graphitePort: number, total: number, progress: Progress, deadlineMs: number) {
  const startSec = Math.floor(Date.now() / 1000) - 3_600;
  const chunks = graphiteChunks(total, startSec);
  const before = await graphiteWritten(server);
  const started = performance.now();
  const socket = net.connect(graphitePort, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  for (const chunk of chunks) if (!socket.write(chunk)) await new Promise((r) => socket.once("drain", r));
  socket.end();
  let written = 0;
  while (written < total) {
    if (performance.now() - started > deadlineMs) throw new Error(`Graphite ingest: only ${written} of ${total} lines stored after ${deadlineMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
    written = (await graphiteWritten(server)) - before;
    progress(written);
  }
  const seconds = (performance.now() - started) / 1000;
  await expectQueryable(server, `bench.graphite.s${(total - 1) % 10}.m${(total - 1) % METRICS}`, (startSec + Math.floor((total - 1) / METRICS)) * 1000);
  return { linesPerSec: total / seconds, seconds };
}

async function expectQueryable(server: TestServer, metric: string, ts: number): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/series?metric=${metric}&from=${ts - 1000}&to=${ts + 1000}&maxPoints=10`);
  const body = (await res.json()) as { series?: { points: [number, number][] }[] };
  if (!body.series?.[0]?.points.some((p) => p[0] === ts)) throw new Error(`Graphite ingest: last line (${metric} at ${ts}) is not readable: ${JSON.stringify(body)}`);
}
