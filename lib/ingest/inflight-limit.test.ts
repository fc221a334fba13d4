import { describe, expect, it } from "vitest";
import { InflightLimit } from "./inflight-limit";

describe("InflightLimit", () => {
  it("lets max in, queues maxWaiting more and refuses the rest", async () => {
    const limit = new InflightLimit(2, 1, 60_000);
    const a = await limit.acquire();
    const b = await limit.acquire();
    expect("release" in a && "release" in b).toBe(true);
    const c = limit.acquire();
    expect(limit.waiting).toBe(1);
    expect(await limit.acquire()).toEqual({ refused: "queue-full" });
    expect(limit.refusedCount).toBe(1);
    if ("release" in a) a.release();
    const granted = await c;
    expect("release" in granted).toBe(true);
    expect(limit.inflight).toBe(2);
    expect(limit.waiting).toBe(0);
  });

  it("frees a slot once however often release is called", async () => {
    const limit = new InflightLimit(1, 0, 60_000);
    const a = await limit.acquire();
    if (!("release" in a)) throw new Error("expected a slot");
    a.release();
    a.release();
    expect(limit.inflight).toBe(0);
    const b = await limit.acquire();
    expect("release" in b).toBe(true);
    expect(await limit.acquire()).toEqual({ refused: "queue-full" });
  });

  it("refuses a waiter whose wait runs out and forgets it", async () => {
    const limit = new InflightLimit(1, 1, 5);
    await limit.acquire();
    expect(await limit.acquire()).toEqual({ refused: "timeout" });
    expect(limit.waiting).toBe(0);
  });
});
