const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const NUMERIC = /^\d+$/;
const HEX_TOKEN = /^[0-9a-f]{12,}$/i;
const BASE64ISH = /^[A-Za-z0-9_\-+=.~]{20,}$/;

/** True for a path segment that names one record (id, UUID, hash, opaque token) rather than a route. */
export function isIdSegment(segment: string): boolean {
  if (NUMERIC.test(segment) || UUID.test(segment) || HEX_TOKEN.test(segment)) return true;
  // Long route words such as `notifications-settings` are letters and dashes only; tokens mix in digits.
  return BASE64ISH.test(segment) && /\d/.test(segment);
}

/**
 * Folds a request into the endpoint it hits, so samples group by route rather than by record:
 * `GET /users/123/orders/9f1c…?x=1` → `GET /users/:id/orders/:id`.
 */
export function foldEndpoint(method: string, url: string): string {
  const pathOnly = url.split(/[?#]/, 1)[0] || "/";
  const segments = pathOnly.split("/").map((segment) => {
    if (segment === "") return segment;
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // A malformed escape is still a segment; fold it as written.
    }
    return isIdSegment(decoded) ? ":id" : segment;
  });
  return `${method.toUpperCase()} ${segments.join("/") || "/"}`;
}
