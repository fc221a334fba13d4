const BUSY = Symbol.for("deploylines.StoreBusyError");

/**
 * Thrown when a transaction kept losing to concurrent ones (serialization failure or deadlock)
 * after every retry: nothing of it was stored, and the client should send it again.
 * Routes answer it 503 with `Retry-After`.
 */
export class StoreBusyError extends Error {
  readonly [BUSY] = true;

  constructor(
    readonly retryAfterS: number,
    cause: unknown,
  ) {
    super(`the database is busy with conflicting writes; nothing was stored, retry after ${retryAfterS} s`, { cause });
  }

  /** Whether `error` is one, by brand: the store may throw another Next.js bundle's copy of this class (see SeriesLimitError.is). */
  static is(error: unknown): error is StoreBusyError {
    return typeof error === "object" && error !== null && (error as { [BUSY]?: boolean })[BUSY] === true;
  }
}

// PostgreSQL aborts one transaction of a conflicting pair with these; retrying it is correct.
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);

/**
 * Whether `error` is a serialization failure (40001) or deadlock (40P01) reported by PostgreSQL,
 * also when wrapped (drizzle throws a DrizzleQueryError whose `cause` is node-postgres' error).
 */
export function isTransactionConflict(error: unknown): boolean {
  let current = error as { code?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; current && depth < 5; depth++, current = current.cause as typeof current) {
    if (typeof current.code === "string" && RETRYABLE_SQLSTATES.has(current.code)) return true;
  }
  return false;
}

export interface ConflictRetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Upper bound of the first back-off; doubles per retry ("full jitter": a uniform wait below it). */
  baseDelayMs?: number;
  retryAfterS?: number;
}

/**
 * Runs `attempt` (one whole transaction) again after a conflict, with exponential back-off and
 * full jitter so that the losers of a deadlock do not collide again in step; after `attempts`
 * conflicts it throws StoreBusyError. Other errors pass through untouched.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: ConflictRetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 15;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      if (i >= attempts) throw new StoreBusyError(options.retryAfterS ?? 1, error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * baseDelayMs * 2 ** (i - 1)));
    }
  }
}
