import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { resolveRequestSession } from "@/lib/auth/require-writer";
import { z } from "zod";
import { StoreBusyError } from "@/lib/store/conflict-retry";
import { SeriesLimitError } from "@/lib/store/series-limit";
import { ApiError, badRequest } from "./api-error";
import { problemsFromZod } from "./problem";
import { readText, SMALL_BODY_LIMIT } from "./read-body";
import { decodeSegment, refuseMalformedQuery } from "./segment";

type Handler<C> = (req: NextRequest, ctx: C) => Promise<Response>;

/**
 * Wraps a route handler: ApiErrors become their status with `{error, problems}`, a write that
 * kept conflicting with others a 503 with Retry-After (nothing of it was stored), anything else a
 * 500. The request's UI session is looked up first, so `requireWriter`/`requireAdmin` can check it.
 */
export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      await resolveRequestSession(req);
      return await handler(req, ctx);
    } catch (error) {
      if (ApiError.is(error)) {
        // After a 413 the rest of the body is unread: closing the connection spares reading (and discarding) it.
        const headers = { ...error.headers, ...(error.status === 413 ? { connection: "close" } : {}) };
        return NextResponse.json({ error: error.message, problems: error.problems }, { status: error.status, headers });
      }
      if (SeriesLimitError.is(error)) {
        return NextResponse.json({ error: error.message, problems: [{ where: "body", message: `series limit ${error.limit} reached` }] }, { status: 400 });
      }
      if (StoreBusyError.is(error)) {
        return NextResponse.json({ error: error.message }, { status: 503, headers: { "retry-after": String(error.retryAfterS) } });
      }
      console.error(`[deploylines] ${req.method} ${req.nextUrl.pathname} failed:`, error);
      return NextResponse.json({ error: "internal error; see the server log" }, { status: 500 });
    }
  };
}

/**
 * Validates the query string against a zod schema, or throws a 400 naming each bad parameter —
 * a malformed %-escape included (URLSearchParams would quietly turn it into U+FFFD).
 */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  refuseMalformedQuery(req.nextUrl.search, req.nextUrl.searchParams);
  const raw = Object.fromEntries(req.nextUrl.searchParams);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badRequest("invalid query parameters", problemsFromZod(parsed.error));
  return parsed.data;
}

/**
 * Reads a JSON body of at most `limit` bytes (413 beyond, before reading it all) and validates it,
 * or throws a 400 saying what is wrong and where.
 */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S, limit = SMALL_BODY_LIMIT): Promise<z.infer<S>> {
  return parseJsonText(await readText(req, limit), schema);
}

/** Like `parseJsonBody`, but an empty body is validated as `{}`: for endpoints whose every field is optional. */
export async function parseOptionalJsonBody<S extends z.ZodType>(req: Request, schema: S, limit = SMALL_BODY_LIMIT): Promise<z.infer<S>> {
  const text = await readText(req, limit);
  return parseJsonText(text.trim() === "" ? "{}" : text, schema);
}

function parseJsonText<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("body is not valid JSON", [{ where: "body", message: "could not parse as JSON" }]);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest("invalid request body", problemsFromZod(parsed.error));
  return parsed.data;
}

/** Validates a route segment (URL-decoded; a malformed escape is a 400) against a zod schema, or throws a 400 naming it. */
export function parseParam<S extends z.ZodType>(raw: string, schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(decodeSegment(raw, what));
  if (!parsed.success) throw badRequest(`invalid ${what}`, parsed.error.issues.map((i) => ({ where: what, message: i.message })));
  return parsed.data;
}

/** Parses a positive integer id from a route segment, or throws a 400. */
export function parseId(raw: string, what = "id"): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw badRequest(`${what} must be a positive integer`, [{ where: what, message: `got "${raw}"` }]);
  return id;
}
