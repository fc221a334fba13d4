import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
});

const status = async (s: TestServer) => (await fetch(`${s.url}/api/v1/ingest/status`)).json();

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("durability", () => {
  it("keeps every acknowledged batch when the server is killed (SIGKILL) right after each 202", async () => {
    const start = Date.now() - 3_600_000;
    const batches = 4;
    const perBatch = 5_000;
    server = await startTestServer();
    for (let b = 0; b < batches; b++) {
      const points = Array.from({ length: perBatch }, (_, i) => [start + (b * perBatch + i) * 100, b * perBatch + i]);
      const res = await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "durable.points", points }, { metric: `durable.batch${b}`, points: [[start, b]] }] } });
      expect(res.status).toBe(202);
      await server.kill();
      server = await startTestServer({}, { dir: server.dir });
    }
    const res = await fetch(`${server.url}/api/v1/series?metric=durable.points&from=${start}&to=${start + batches * perBatch * 100}&maxPoints=100000`);
    const [series] = (await res.json()).series;
    expect(series.resolution).toBe("raw");
    expect(series.points).toHaveLength(batches * perBatch);
    expect(series.points.every(([, v]: number[], i: number) => v === i)).toBe(true);
    const names = (await (await fetch(`${server.url}/api/v1/metrics?match=durable.batch*`)).json()).metrics.map((m: { name: string }) => m.name);
    expect(names).toEqual(Array.from({ length: batches }, (_, b) => `durable.batch${b}`));
    await server.stop();
    server = undefined;
  });
});

describe("backpressure", () => {
  it("answers 503 with Retry-After once the in-flight slots and the queue are full, and serves the rest", async () => {
    server = await startTestServer({ DEPLOYLINES_INGEST_MAX_INFLIGHT: "1" });
    const s = server;
    const now = Date.now();
    // A: a request whose body is still arriving holds the one slot for as long as we like.
    let finishBody!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"series":[{"metric":"busy.a","points":[[${now},1]`));
        finishBody = () => {
          controller.enqueue(new TextEncoder().encode("]}]}"));
          controller.close();
        };
      },
    });
    const a = s.api("/api/v1/metrics", { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    await until("A holds the slot", async () => (await status(s)).backpressure.inflight === 1);
    // B waits in the queue (one place, as many as the slots).
    const b = s.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "busy.b", points: [[now, 2]] }] } });
    await until("B is queued", async () => (await status(s)).backpressure.waiting === 1);
    // C finds slots and queue full: refused at once, nothing stored.
    const c = await s.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "busy.c", points: [[now, 3]] }] } });
    expect(c.status).toBe(503);
    expect(c.headers.get("retry-after")).toBe("1");
    expect((await c.json()).error).toMatch(/busy.*retry/);

    finishBody();
    expect((await a).status).toBe(202);
    expect((await b).status).toBe(202);
    const after = await status(s);
    expect(after.backpressure).toMatchObject({ inflight: 0, waiting: 0, maxInflight: 1, refused: 1 });
    const names = (await (await fetch(`${s.url}/api/v1/metrics?match=busy.*`)).json()).metrics.map((m: { name: string }) => m.name);
    expect(names).toEqual(["busy.a", "busy.b"]);
    // Once the slot is free, a retry goes through.
    const retry = await s.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "busy.c", points: [[now, 3]] }] } });
    expect(retry.status).toBe(202);
  });

  it("frees the slot of a client that goes away halfway through its body, and stores none of it", async () => {
    await server?.stop();
    server = await startTestServer({ DEPLOYLINES_INGEST_MAX_INFLIGHT: "1" });
    const s = server;
    const socket = net.connect(s.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST /api/v1/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${s.token}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n` +
        `{"series":[{"metric":"gone.a","points":[[${Date.now()},1]`,
    );
    await until("the half-sent body holds the slot", async () => (await status(s)).backpressure.inflight === 1);
    socket.destroy();
    await until("the slot is free", async () => (await status(s)).backpressure.inflight === 0);
    const next = await s.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "gone.b", points: [[Date.now(), 2]] }] } });
    expect(next.status).toBe(202);
    const names = (await (await fetch(`${s.url}/api/v1/metrics?match=gone.*`)).json()).metrics.map((m: { name: string }) => m.name);
    expect(names).toEqual(["gone.b"]);
  });
});
