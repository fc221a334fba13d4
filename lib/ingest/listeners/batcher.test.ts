import { describe, expect, it } from "vitest";
import { Batcher, type Gathering } from "./batcher";

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

/** Items gathered as a list. */
function listGathering<T>(): Gathering<T, T[]> {
  let items: T[] = [];
  return {
    add: (item) => void items.push(item),
    get size() {
      return items.length;
    },
    take: () => {
      const taken = items;
      items = [];
      return taken;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("Batcher", () => {
  it("gathers the next batch while one is written and writes it as soon as that one ends, not per delay", async () => {
    const { started, release, write } = gatedWrites();
    const batcher = new Batcher(write, 100, 5, listGathering<number>());
    batcher.push(1);
    await tick();
    expect(started).toEqual([[1]]);
    // The delay passes several times while the first write is under way: still one batch gathering.
    for (const n of [2, 3, 4]) {
      batcher.push(n);
      await tick();
    }
    expect(started).toEqual([[1]]);
    release[0]();
    await tick();
    expect(started).toEqual([[1], [2, 3, 4]]);
    release[1]();
  });

  it("asks the producer to wait at maxItems, and flush settles only when everything is written", async () => {
    const { started, release, write } = gatedWrites();
    const batcher = new Batcher(write, 2, 60_000, listGathering<number>());
    batcher.push(1);
    batcher.push(2);
    expect(batcher.mustWait).toBe(true);
    await batcher.dispatch();
    expect(batcher.mustWait).toBe(false);
    batcher.push(3);
    let flushed = false;
    const flushing = batcher.flush().then(() => (flushed = true));
    release[0]();
    await tick();
    expect(started).toEqual([[1, 2], [3]]);
    expect(flushed).toBe(false);
    release[1]();
    await flushing;
    expect(flushed).toBe(true);
  });
});
