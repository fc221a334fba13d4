/** Why a request was not let in: the queue is full, or it waited too long. */
export type Refusal = "queue-full" | "timeout";

/**
 * A counting semaphore with a bounded queue. Ingest requests hold a slot while their body is
 * read, parsed and written, so at most `max` batches sit in memory at once; up to `maxWaiting`
 * more wait their turn, and anything beyond is refused at once — the client retries later
 * instead of the server buffering without bound.
 */
export class InflightLimit {
  private active = 0;
  /** Requests refused since start, for the ingest status page. */
  refusedCount = 0;
  private readonly queue: { grant: () => void }[] = [];

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
    private readonly waitMs: number,
  ) {}

  get inflight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once a slot is free, or with the reason it was refused. */
  async acquire(): Promise<{ release: () => void } | { refused: Refusal }> {
    if (this.active < this.max) {
      this.active += 1;
      return { release: this.releaser() };
    }
    if (this.queue.length >= this.maxWaiting) {
      this.refusedCount += 1;
      return { refused: "queue-full" };
    }
    return new Promise((resolve) => {
      const entry = {
        grant: () => {
          clearTimeout(timer);
          resolve({ release: this.releaser() });
        },
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(entry), 1);
        this.refusedCount += 1;
        resolve({ refused: "timeout" });
      }, this.waitMs);
      this.queue.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // The slot passes straight to the next waiter, so `active` never dips below the cap while requests queue.
      if (next) next.grant();
      else this.active -= 1;
    };
  }
}
