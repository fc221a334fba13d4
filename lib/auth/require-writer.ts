import "server-only";
import { readEnv } from "@/lib/config/env";
import { ApiError } from "@/lib/http/api-error";
import { getStore } from "@/lib/store";
import { sessionScope } from "./sessions";
import { tokenScope, type Scope } from "./tokens";

export const SESSION_COOKIE = "deploylines_session";

// Route handlers and this module may be bundled more than once; the request's session must be seen by all.
const RESOLVED = Symbol.for("deploylines.requestSessions");
const resolved = (): WeakMap<Request, Scope | null> => ((globalThis as { [RESOLVED]?: WeakMap<Request, Scope | null> })[RESOLVED] ??= new WeakMap());

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Looks up the request's session cookie in the sessions table, so that `requireWriter` and
 * `requireAdmin` can stay synchronous. `apiRoute` calls it before every write handler; a
 * request it did not see has no session (writes then need a Bearer token).
 */
export async function resolveRequestSession(req: Request): Promise<void> {
  if (READ_METHODS.has(req.method) || req.headers.get("authorization")) return;
  const id = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (!id) return;
  resolved().set(req, await sessionScope(await getStore(), id));
}

/**
 * Allows an ingest write (metrics, builds, deploys and their updates, rollbacks, dark-launch
 * samples, compat events and annotations) when the request carries an accepted Bearer token of
 * either scope, or a live UI session from a same-origin page (the Origin header must match the
 * Host: a cross-site form cannot ride on the cookie even where SameSite is not honoured).
 * Returns the scope; throws 401/403 otherwise.
 */
export function requireWriter(req: Request): Scope {
  const header = req.headers.get("authorization");
  if (header) {
    const token = bearerToken(header) ?? basicPassword(header);
    const scope = token ? tokenScope(token) : null;
    if (scope) return scope;
    throw new ApiError(401, "invalid token: send Authorization: Bearer <token> (or Basic with the token as password) with a token the server accepts");
  }
  const scope = resolved().get(req);
  if (scope) {
    if (sameOrigin(req)) return scope;
    throw new ApiError(403, "cross-origin write refused: the Origin header does not match this server");
  }
  if (readCookie(req.headers.get("cookie"), SESSION_COOKIE)) throw new ApiError(401, "your session has ended (signed out, expired or its token was rotated): sign in again on /login");
  throw new ApiError(401, "writes need Authorization: Bearer <token> (or sign in on /login)");
}

/** `Bearer <token>`, or InfluxDB 2's `Token <token>` that Influx clients and Telegraf send. */
function bearerToken(header: string): string | undefined {
  return /^(?:Bearer|Token)\s+(.+)$/i.exec(header.trim())?.[1].trim();
}

/** Grafana clients and graphite-web scripts send credentials as Basic auth: the token is the password. */
function basicPassword(header: string): string | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim())?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? undefined : decoded.slice(colon + 1) || undefined;
}

/**
 * Allows an administrative write (retention, criteria, settings, environments, dark-launch
 * criteria, webhooks): an admin token (DEPLOYLINES_TOKEN) or a session signed in with one.
 * An ingest-only token gets 403.
 */
export function requireAdmin(req: Request): void {
  if (requireWriter(req) !== "admin") {
    throw new ApiError(403, "this token may only record data (metrics, builds, deploys, samples); changing retention, criteria, settings or environments needs an admin token (DEPLOYLINES_TOKEN)");
  }
}

/**
 * True when the request came from a page of this server. `X-Forwarded-Host` is believed only
 * with DEPLOYLINES_TRUST_PROXY set: from any client it would let a cross-site page claim our host.
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  const host = (trustProxy() ? req.headers.get("x-forwarded-host") : null) ?? req.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** True when the browser reached us over TLS (as told by a trusted proxy's `X-Forwarded-Proto`, or the request itself). */
export function viaHttps(req: Request): boolean {
  if (new URL(req.url).protocol === "https:") return true;
  return trustProxy() && req.headers.get("x-forwarded-proto")?.split(",")[0].trim() === "https";
}

function trustProxy(): boolean {
  return readEnv().DEPLOYLINES_TRUST_PROXY;
}

/** The value of one cookie; a malformed escape reads as no cookie. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
