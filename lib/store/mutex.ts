/**
 * A FIFO async mutex: run() waits for every earlier holder to finish. A holder that had to wait
 * also waits for the event loop to poll once more: the SQLite store's transactions run
 * synchronously, so holders handed the lock straight from one to the next (a microtask) would run
 * back to back, and a queue of large batches would hold every other request until the last one
 * commits, where this way each waits for at most the batch being written.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private holders = 0;

  run<T>(fn: () => Promise<T>): Promise<T> {
    const start = this.holders > 0 ? this.tail.then(afterNextPoll) : this.tail;
    this.holders++;
    const result = start.then(fn).finally(() => this.holders--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Resolves once the event loop has polled for I/O again. One setImmediate would not do: queued
 * from a callback of the poll phase it runs in that same turn's check phase, before the next poll.
 */
function afterNextPoll(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
