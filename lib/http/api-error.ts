import type { Problem } from "./problem";

/** An error that maps to an HTTP status and a JSON body the client can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    /** Extra response headers, e.g. `Retry-After` on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, problems: Problem[] = []) => new ApiError(400, message, problems);
export const notFound = (message: string) => new ApiError(404, message);
