/**
 * Collects items and writes them in batches: when `maxItems` have gathered (the caller
 * checks `mustWait` and awaits `flush()`, pausing its input meanwhile) or `maxDelayMs` after
 * the first item of a batch. One write at a time, so memory stays near one batch per writer.
 */
export class Batcher<T> {
  private items: T[] = [];
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxItems: number,
    private readonly maxDelayMs: number,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
  }

  /** True when the producer should pause until `flush()` settles. */
  get mustWait(): boolean {
    return this.items.length >= this.maxItems || this.writing !== null;
  }

  /** Writes everything gathered so far, after any write already under way. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing) await this.writing;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.writing = this.write(items).finally(() => {
      this.writing = null;
    });
    await this.writing;
  }
}
