/**
 * The bytes the shadow proxy holds for comparisons at once (request bodies, the primary's and
 * the candidate's answers, their decompressed forms). A capture that would cross the budget is
 * given up and its request passes through unmirrored, so memory stays bounded however many
 * large answers are in flight together.
 */
export class CaptureBudget {
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /** Reserves `bytes`; false (and nothing reserved) when that would cross the budget. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  held(): number {
    return this.used;
  }

  free(): number {
    return this.maxBytes - this.used;
  }
}
