import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";
import { pickleFrame, pointsOf, sendStatsd, sendTcp } from "./listener-clients";

// SIGTERM and SIGINT right after sending: everything the listeners received and every HTTP
// batch acknowledged must be in the database when the server is started again on the same folder.
let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  servers = [];
});

async function startWithListeners(): Promise<{ server: TestServer; graphite: number; pickle: number; statsd: number }> {
  const [graphite, pickle, statsd] = [await freePort(), await freePort(), await freePort()];
  // A 10 s flush: nothing of the StatsD samples is written before the signal.
  const server = await startTestServer({
    DEPLOYLINES_GRAPHITE_PORT: String(graphite),
    DEPLOYLINES_PICKLE_PORT: String(pickle),
    DEPLOYLINES_STATSD_PORT: String(statsd),
    DEPLOYLINES_STATSD_FLUSH: "10s",
  });
  servers.push(server);
  return { server, graphite, pickle, statsd };
}

function exited(pid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      try {
        process.kill(pid, 0);
      } catch {
        return resolve();
      }
      if (Date.now() > deadline) return reject(new Error(`process ${pid} still running after ${timeoutMs} ms`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe.skipIf(!appIsBuilt)("graceful shutdown", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("%s right after sending loses nothing the listeners or the API received", async (signal) => {
    const { server, graphite, pickle, statsd } = await startWithListeners();
    const now = Math.floor(Date.now() / 1000);
    const lines = Array.from({ length: 1_000 }, (_, i) => `shutdown.lines ${i} ${now - 1_000 + i}`).join("\n") + "\n";
    const datapoints = Array.from({ length: 500 }, (_, i): [string, [number, number]] => ["shutdown.pickled", [now - 500 + i, i]]);
    const frame = pickleFrame(datapoints);
    const http = { series: [{ metric: "shutdown.http", points: Array.from({ length: 20_000 }, (_, i) => [(now - 20_000 + i) * 1000, i]) }] };

    await sendStatsd(statsd, Array.from({ length: 100 }, () => "shutdown.hits:1|c"));
    await Promise.all([sendTcp(graphite, lines), sendTcp(pickle, frame)]);
    const inFlight = server.api("/api/v1/metrics", { method: "POST", json: http }).then(
      (res) => res.status,
      () => "refused",
    );
    await new Promise((r) => setTimeout(r, 5));
    process.kill(server.pid, signal);
    await exited(server.pid);
    expect(server.log()).toContain(`${signal}: closing listeners`);
    expect(server.log()).toMatch(/shut down in \d+ ms/);
    const httpStatus = await inFlight;

    const again = await startTestServer({}, { dir: server.dir });
    servers.push(again);
    expect(await pointsOf(again.url, "shutdown.hits.count")).toEqual([[expect.any(Number), 100]]);
    expect(await pointsOf(again.url, "shutdown.lines")).toHaveLength(1_000);
    expect(await pointsOf(again.url, "shutdown.pickled")).toHaveLength(500);
    // The request was either refused before it was read or acknowledged — and then stored.
    if (httpStatus !== "refused") {
      expect(httpStatus).toBe(202);
      expect(await pointsOf(again.url, "shutdown.http")).toHaveLength(20_000);
    }
  });

  it("keeps serving, and stops on SIGTERM, when whatever read its log has gone (stdout and stderr closed)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-test-"));
    const port = await freePort();
    const child = spawn(process.execPath, [path.resolve("scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "d.db")}`, DEPLOYLINES_TOKEN: "t", DEPLOYLINES_GRAPHITE_PORT: "off", DEPLOYLINES_PICKLE_PORT: "off", DEPLOYLINES_STATSD_PORT: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening on") && resolve());
        child.on("exit", (code) => reject(new Error(`exited with ${code} before listening`)));
      });
      // The log's reader goes away (a `| head`, a log shipper that died): every later write fails with EPIPE.
      child.stdout!.destroy();
      child.stderr!.destroy();
      const health = async () => (await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(5_000) })).status;
      expect(await health()).toBe(200);
      // A failed write used to become an uncaught exception, logged (failing again) for ever: a core
      // at 100 % and a SIGTERM that never finished.
      const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      await exited(child.pid!, 10_000);
      expect(await exit).toBe(143);
    } finally {
      child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

