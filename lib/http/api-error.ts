import type { Problem } from "./problem";

const BRAND = Symbol.for("deploylines.ApiError");

/** An error that maps to an HTTP status and a JSON body the client can act on. */
export class ApiError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    /** Extra response headers, e.g. `Retry-After` on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /**
   * Whether `error` is one, by brand: a shared singleton (the metrics source, the store) may throw
   * another Next.js bundle's copy of this class — the lean routes run in the start-up's bundle.
   */
  static is(error: unknown): error is ApiError {
    return typeof error === "object" && error !== null && (error as { [BRAND]?: boolean })[BRAND] === true;
  }
}

export const badRequest = (message: string, problems: Problem[] = []) => new ApiError(400, message, problems);
export const notFound = (message: string) => new ApiError(404, message);
export const conflict = (message: string, problems: Problem[] = []) => new ApiError(409, message, problems);
