import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { turnsWhile } from "@/lib/testing/event-loop-turns";
import { Mutex } from "./mutex";

/** Holds the thread for `ms`, as a large synchronous SQLite transaction does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("Mutex", () => {
  it("runs holders one at a time, in the order they asked, and passes on results and errors", async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    const hold = (name: string, ms: number) => mutex.run(async () => {
      order.push(`${name} in`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name} out`);
      return name;
    });
    const failing = mutex.run(async () => {
      throw new Error("boom");
    });
    const [a, b] = await Promise.all([hold("a", 20), hold("b", 1), expect(failing).rejects.toThrow("boom")]);
    expect([a, b]).toEqual(["a", "b"]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
  });

  it("starts an uncontended holder at once, in the same turn of the event loop", async () => {
    const mutex = new Mutex();
    expect(await turnsWhile(() => mutex.run(async () => "ran"))).toEqual({ turns: 0, result: { status: "fulfilled", value: "ran" } });
  });

  it("lets a waiting HTTP request be served between two queued synchronous holders", async () => {
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      await fetch(`http://127.0.0.1:${port}/`).then((res) => res.text());
      const mutex = new Mutex();
      const events: string[] = [];
      const holders = ["a", "b", "c"].map((name) =>
        mutex.run(async () => {
          busy(150);
          events.push(name);
        }),
      );
      // Sent while "a" holds the thread; answered before "b" and "c", which waited in the queue.
      const request = fetch(`http://127.0.0.1:${port}/`).then((res) => res.text()).then(() => events.push("request"));
      await Promise.all([...holders, request]);
      expect(events.indexOf("request")).toBeLessThan(events.indexOf("c"));
    } finally {
      server.close();
    }
  });

  it("lets the event loop turn within a long run of holders that each wait for the last, as a job's transaction per series does", async () => {
    const mutex = new Mutex();
    const { turns } = await turnsWhile(async () => {
      for (let i = 0; i < 50; i++) await mutex.run(async () => busy(5));
    });
    // 250 ms in slices of 20 ms: about a dozen turns, where handing the lock on in a microtask let none.
    expect(turns).toBeGreaterThanOrEqual(5);
  });
});
