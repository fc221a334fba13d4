import { badRequest } from "./api-error";

/**
 * Decodes one percent-encoded path segment or query value; a malformed escape (`%E0%A4%A`)
 * is a 400 naming `what`, never a URIError that would surface as a 500.
 */
export function decodeSegment(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest(`${what} is not valid percent-encoding`, [{ where: what, message: `malformed %-escape in "${raw.slice(0, 100)}"` }]);
  }
}

/** Like `decodeSegment` for pages: null instead of throwing, so the page can answer not-found. */
export function tryDecodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The first path segment that is not valid percent-encoding, or null when all decode. */
export function malformedSegment(pathname: string): string | null {
  return pathname.split("/").find((segment) => tryDecodeSegment(segment) === null) ?? null;
}
