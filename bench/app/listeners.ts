import { execFileSync } from "node:child_process";
import { pointsOf, sendStatsd, sendTcp } from "@/lib/testing/adversarial/listener-clients";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";
import { step } from "./progress";

/** The listener figures of issue 11 (hardening) and 14 (pickle), on the embedded store; field names are those of bench/results.json. */
export interface ListenerFigures {
  pickleDatapointsPerSec: number;
  pickleDatapoints: number;
  /** The plaintext listener over the same points in the same run: the pickle rate's yardstick on a busy machine. */
  plaintextLinesPerSec: number;
  statsdFloodNames: number;
  statsdFloodAccepted: number;
  statsdFloodRefused: number;
  statsdFloodKernelDrops: number;
  statsdFloodHealthP50Ms: number;
  statsdFloodHealthP99Ms: number;
  statsdFloodHealthMaxMs: number;
  shutdownMs: number;
  shutdownHeld: string;
  /** Of those, what a restart on the same data folder finds. */
  shutdownStoredLines: number;
  shutdownStoredStatsdSamples: number;
}

type Status = { sources: Record<string, { pointsWritten: number; accepted: number }>; listeners: Record<string, { counters: Record<string, number> }> };
const status = async (server: TestServer): Promise<Status> => (await fetch(`${server.url}/api/v1/ingest/status`)).json();

async function until(check: () => Promise<boolean>, deadlineMs: number, what: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`listeners bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `total` datapoints over 1,000 metrics as carbon clients frame them: 500 per protocol-2 pickle, built by python3. */
function pickleFrames(total: number, startSec: number): Buffer {
  const script = `import pickle,struct,sys
n,start=int(sys.argv[1]),int(sys.argv[2])
out=sys.stdout.buffer
for f in range(0,n,500):
  p=pickle.dumps([('bench.pickle.m%d'%(i%1000),(start+i//1000,i%997/10.0)) for i in range(f,min(n,f+500))],protocol=2)
  out.write(struct.pack('!L',len(p))+p)`;
  return execFileSync("python3", ["-c", script, String(total), String(startSec)], { maxBuffer: 1 << 30 });
}

/**
 * Pickle ingest rate (until all datapoints are committed), health latency while 200,000 unique
 * StatsD names arrive, and how long a SIGTERM shutdown takes with the listeners holding data.
 */
export async function benchListeners(quick: boolean): Promise<ListenerFigures> {
  const [graphite, pickle, statsd] = [await freePort(), await freePort(), await freePort()];
  const env = { DEPLOYLINES_GRAPHITE_PORT: String(graphite), DEPLOYLINES_PICKLE_PORT: String(pickle), DEPLOYLINES_STATSD_PORT: String(statsd), DEPLOYLINES_STATSD_FLUSH: "1s" };
  step("listeners", "starting the built app with the Graphite, pickle and StatsD listeners");
  const server = await startTestServer(env);
  try {
    const datapoints = quick ? 200_000 : 1_000_000;
    step("listeners", `pickle ingest of ${datapoints.toLocaleString("en")} datapoints in 500-datapoint protocol-2 frames`);
    const frames = pickleFrames(datapoints, Math.floor(Date.now() / 1000) - 3_600);
    const started = performance.now();
    await sendTcp(pickle, frames);
    await until(async () => (await status(server)).sources.pickle.pointsWritten >= datapoints, 5 * 60_000, "the pickled datapoints");
    const pickleSeconds = (performance.now() - started) / 1000;

    step("listeners", `the same ${datapoints.toLocaleString("en")} points as Graphite plaintext lines, for comparison`);
    const text = Array.from({ length: datapoints }, (_, i) => `bench.plain.m${i % 1000} ${(i % 997) / 10} ${Math.floor(Date.now() / 1000) - 3_600 + Math.floor(i / 1000)}`).join("\n") + "\n";
    const plainStarted = performance.now();
    await sendTcp(graphite, text);
    await until(async () => (await status(server)).sources.graphite.pointsWritten >= datapoints, 5 * 60_000, "the plaintext lines");
    const plainSeconds = (performance.now() - plainStarted) / 1000;

    const names = 200_000;
    step("listeners", `StatsD flood of ${names.toLocaleString("en")} unique names (50 a packet) while probing health`);
    const packets = Array.from({ length: names / 50 }, (_, p) => Array.from({ length: 50 }, (_, i) => `bench.flood.n${p * 50 + i}:1|c`).join("\n"));
    const before = await status(server);
    const { health } = await whileProbingHealth(server.url, async () => {
      await sendStatsd(statsd, packets);
      await until(async () => (await status(server)).listeners.statsd.counters.names === 0, 60_000, "the flood's flushes");
    });
    const after = await status(server);

    step("listeners", "SIGTERM with 100,000 Graphite lines and 10,000 StatsD samples just sent");
    const now = Math.floor(Date.now() / 1000);
    await sendStatsd(statsd, Array.from({ length: 200 }, (_, p) => Array.from({ length: 50 }, (_, i) => `bench.shutdown.c${i}:1|c`).join("\n")));
    await sendTcp(graphite, Array.from({ length: 100_000 }, (_, i) => `bench.shutdown.g${i % 100} ${i} ${now - 1_000 + Math.floor(i / 100)}`).join("\n") + "\n");
    const signalled = performance.now();
    await server.stop();
    const shutdownMs = performance.now() - signalled;
    const again = await startTestServer({}, { dir: server.dir });
    let storedLines = 0;
    let storedSamples = 0;
    try {
      for (let m = 0; m < 100; m++) storedLines += (await pointsOf(again.url, `bench.shutdown.g${m}`)).length;
      for (let c = 0; c < 50; c++) storedSamples += (await pointsOf(again.url, `bench.shutdown.c${c}.count`)).reduce((sum, [, v]) => sum + v, 0);
    } finally {
      await again.kill();
    }

    const counters = after.listeners.statsd.counters;
    return {
      pickleDatapointsPerSec: datapoints / pickleSeconds,
      pickleDatapoints: datapoints,
      plaintextLinesPerSec: datapoints / plainSeconds,
      statsdFloodNames: names,
      statsdFloodAccepted: after.sources.statsd.accepted - before.sources.statsd.accepted,
      statsdFloodRefused: counters.refusedSamples,
      statsdFloodKernelDrops: counters.kernelDrops,
      statsdFloodHealthP50Ms: health.p50Ms,
      statsdFloodHealthP99Ms: health.p99Ms,
      statsdFloodHealthMaxMs: health.maxMs,
      shutdownMs,
      shutdownHeld: "100,000 Graphite lines and 10,000 StatsD samples sent right before SIGTERM",
      shutdownStoredLines: storedLines,
      shutdownStoredStatsdSamples: storedSamples,
    };
  } finally {
    await server.kill();
  }
}

/** The listener figures as a few printable lines. */
export function listenerLines(f: ListenerFigures): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return [
    `pickle ingest: ${Math.round(f.pickleDatapointsPerSec).toLocaleString("en")} datapoints/s (${f.pickleDatapoints.toLocaleString("en")} datapoints; plaintext in the same run ${Math.round(f.plaintextLinesPerSec).toLocaleString("en")} lines/s)`,
    `StatsD flood of ${f.statsdFloodNames.toLocaleString("en")} unique names: ${f.statsdFloodAccepted.toLocaleString("en")} accepted, ${f.statsdFloodRefused.toLocaleString("en")} refused, ${f.statsdFloodKernelDrops} datagrams dropped by the kernel; health p50 ${ms(f.statsdFloodHealthP50Ms)}, p99 ${ms(f.statsdFloodHealthP99Ms)}, max ${ms(f.statsdFloodHealthMaxMs)}`,
    `SIGTERM to exit: ${ms(f.shutdownMs)} (${f.shutdownHeld}); after a restart ${f.shutdownStoredLines.toLocaleString("en")} lines and ${f.shutdownStoredStatsdSamples.toLocaleString("en")} samples found`,
  ].join("\n");
}
