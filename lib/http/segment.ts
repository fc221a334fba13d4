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

/**
 * Throws a 400 naming each query parameter whose %-escape is malformed, as sent (`search`) or as
 * Next.js may hand it on re-encoded (a U+FFFD in the parsed `params`): URLSearchParams would
 * quietly turn it into U+FFFD.
 */
export function refuseMalformedQuery(search: string, params: URLSearchParams): void {
  const replaced = [...params].filter(([, value]) => value.includes("\uFFFD")).map(([key]) => key);
  const malformed = [...new Set([...malformedQueryParams(search), ...replaced])];
  if (malformed.length > 0) throw badRequest("invalid query parameters", malformed.map((where) => ({ where, message: "malformed %-escape in the value" })));
}

/** Names of the query parameters (`?a=…&b=…`) whose name or value is not valid percent-encoding. */
export function malformedQueryParams(search: string): string[] {
  const bad: string[] = [];
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (!pair.includes("%")) continue;
    const at = pair.indexOf("=");
    const [key, value] = at === -1 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
    const name = tryDecodeSegment(key.replace(/\+/g, " "));
    if (name === null || tryDecodeSegment(value.replace(/\+/g, " ")) === null) bad.push((name ?? key).slice(0, 100));
  }
  return bad;
}
