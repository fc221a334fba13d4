/**
 * Collects items and writes them in batches, one write at a time, as a group commit: while a
 * batch is being written the next one gathers (so reading and parsing overlap the write), and it
 * is written as soon as the last write ends — or `maxDelayMs` after its first item when nothing
 * was being written. At `maxItems` the caller checks `mustWait` and awaits `dispatch()`, pausing
 * its input meanwhile, so memory stays near two batches. A slow store thus gets fewer, larger
 * batches instead of a batch per delay (PostgreSQL took a hundred 2,000-line transactions for
 * 200,000 lines when batches were cut by the timer while a write was under way).
 */
export class Batcher<T, B> {
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (batch: B) => Promise<void>,
    private readonly maxItems: number,
    private readonly maxDelayMs: number,
    private readonly gathering: Gathering<T, B>,
  ) {}

  push(item: T): void {
    this.gathering.add(item);
    if (!this.writing) this.timer ??= setTimeout(() => void this.dispatch(), this.maxDelayMs);
  }

  /** True when the producer should pause until `dispatch()` settles. */
  get mustWait(): boolean {
    return this.gathering.size >= this.maxItems;
  }

  /** Starts writing everything gathered so far once the write under way (if any) is done; settles when it has started. */
  async dispatch(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing) await this.writing;
    if (this.gathering.size === 0) return;
    this.writing = this.write(this.gathering.take()).finally(() => {
      this.writing = null;
      // What gathered meanwhile goes next, without waiting for the delay.
      if (this.gathering.size > 0) void this.dispatch();
    });
  }

  /** Writes everything gathered so far; settles when nothing is left to write. */
  async flush(): Promise<void> {
    await this.dispatch();
    while (this.writing) {
      await this.writing;
      await this.dispatch();
    }
  }
}

/** Where a Batcher gathers items until it writes them. */
export interface Gathering<T, B> {
  add(item: T): void;
  /** Items added since the last take. */
  readonly size: number;
  /** What was gathered, as one batch; the gathering starts empty again. */
  take(): B;
}
