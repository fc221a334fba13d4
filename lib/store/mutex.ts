/**
 * Holders that run back to back, with no turn of the event loop between them, may hold the
 * thread this long before the next one waits for the loop to poll for I/O again.
 */
const SLICE_MS = 20;

/**
 * A FIFO async mutex: run() waits for every earlier holder to finish. The SQLite store's
 * transactions run synchronously, so holders handed the lock from one to the next (a microtask)
 * never let the event loop turn: a queue of large batches, or a job's transaction per series over
 * 25,000 series (1.5–2.7 s), would hold every other request until the last one ends. So once the
 * holders since the loop last polled have run SLICE_MS, the next one first lets it poll.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  /** When the holders running since the event loop last polled began; null once it has polled. */
  private sliceStart: number | null = null;

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.enterSlice()).then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async enterSlice(): Promise<void> {
    if (this.sliceStart !== null && performance.now() - this.sliceStart >= SLICE_MS) {
      await afterNextPoll();
      this.sliceStart = null;
    }
    if (this.sliceStart === null) {
      this.sliceStart = performance.now();
      // Runs once the loop has polled: the holders after that start a slice of their own.
      setImmediate(() => (this.sliceStart = null));
    }
  }
}

/**
 * Resolves once the event loop has polled for I/O again. One setImmediate would not do: queued
 * from a callback of the poll phase it runs in that same turn's check phase, before the next poll.
 */
function afterNextPoll(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
