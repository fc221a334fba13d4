/**
 * Collects items and writes them in batches: when `maxItems` have gathered (the caller
 * checks `mustWait` and awaits `flush()`, pausing its input meanwhile) or `maxDelayMs` after
 * the first item of a batch. Up to `maxInFlight` writes run at once, so the next batch is read
 * and parsed while the database writes the last one; memory stays near that many batches.
 */
export class Batcher<T> {
  private items: T[] = [];
  private readonly writing = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxItems: number,
    private readonly maxDelayMs: number,
    private readonly maxInFlight = 2,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.timer ??= setTimeout(() => void this.dispatch(), this.maxDelayMs);
  }

  /** True when the producer should pause until `dispatch()` settles. */
  get mustWait(): boolean {
    return this.items.length >= this.maxItems || this.writing.size >= this.maxInFlight;
  }

  /** Starts writing everything gathered so far once a write slot is free; settles when it has started. */
  async dispatch(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing.size >= this.maxInFlight) await Promise.race(this.writing);
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    const write: Promise<void> = this.write(items).finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  /** Writes everything gathered so far; settles when every write under way has. */
  async flush(): Promise<void> {
    await this.dispatch();
    while (this.writing.size > 0) await Promise.race(this.writing);
  }
}
