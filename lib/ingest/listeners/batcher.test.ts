import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

/** A write that settles only when the test says so. */
function gatedWrites() {
  const started: number[][] = [];
  const release: (() => void)[] = [];
  const write = (items: number[]) => {
    started.push(items);
    return new Promise<void>((resolve) => release.push(resolve));
  };
  return { started, release, write };
}

describe("Batcher", () => {
  it("starts a second batch while the first is still being written, and holds the third until one is done", async () => {
    const { started, release, write } = gatedWrites();
    const batcher = new Batcher<number>(write, 2, 60_000, 2);
    batcher.push(1);
    batcher.push(2);
    expect(batcher.mustWait).toBe(true);
    await batcher.dispatch();
    batcher.push(3);
    batcher.push(4);
    await batcher.dispatch();
    expect(started).toEqual([[1, 2], [3, 4]]);
    batcher.push(5);
    expect(batcher.mustWait).toBe(true);
    let third = false;
    const dispatching = batcher.dispatch().then(() => (third = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBe(false);
    release[0]();
    await dispatching;
    expect(started).toEqual([[1, 2], [3, 4], [5]]);
    let flushed = false;
    const flushing = batcher.flush().then(() => (flushed = true));
    release[1]();
    await new Promise((r) => setTimeout(r, 10));
    expect(flushed).toBe(false);
    release[2]();
    await flushing;
    expect(flushed).toBe(true);
  });

  it("writes what gathered after the delay, without being asked", async () => {
    const written: number[][] = [];
    const batcher = new Batcher<number>(async (items) => void written.push(items), 100, 5);
    batcher.push(7);
    await new Promise((r) => setTimeout(r, 30));
    expect(written).toEqual([[7]]);
  });
});
