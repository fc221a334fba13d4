import "server-only";
import { ApiError } from "@/lib/http/api-error";
import { sessionMatches, tokenMatches } from "./tokens";

export const SESSION_COOKIE = "deploylines_session";

/**
 * Allows a write when the request carries an accepted token (Bearer, or Basic with the token as
 * password), or the UI's session cookie from a same-origin page (the Origin header must match the
 * Host: a cross-site form cannot ride on the cookie even where SameSite is not honoured).
 * Throws 401/403 otherwise.
 */
export function requireWriter(req: Request): void {
  const header = req.headers.get("authorization");
  if (header) {
    const token = bearerToken(header) ?? basicPassword(header);
    if (token && tokenMatches(token)) return;
    throw new ApiError(401, "invalid token: send Authorization: Bearer <token> (or Basic with the token as password) with a token the server accepts");
  }
  const cookie = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (cookie && sessionMatches(cookie)) {
    if (sameOrigin(req)) return;
    throw new ApiError(403, "cross-origin write refused: the Origin header does not match this server");
  }
  throw new ApiError(401, "writes need Authorization: Bearer <token> (or sign in on /login)");
}

function bearerToken(header: string): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header.trim())?.[1].trim();
}

/** Grafana clients and graphite-web scripts send credentials as Basic auth: the token is the password. */
function basicPassword(header: string): string | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim())?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? undefined : decoded.slice(colon + 1) || undefined;
}

/** True when the request came from a page of this server. */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/**
 * Allows an administrative write (retention, criteria, settings, environments, webhooks):
 * routes that change policy rather than record data call this instead of `requireWriter`.
 */
export function requireAdmin(req: Request): void {
  requireWriter(req);
}
