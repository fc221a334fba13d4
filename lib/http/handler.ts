import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { StoreBusyError } from "@/lib/store/conflict-retry";
import { ApiError, badRequest } from "./api-error";
import { problemsFromZod } from "./problem";

type Handler<C> = (req: NextRequest, ctx: C) => Promise<Response>;

/**
 * Wraps a route handler: ApiErrors become their status with `{error, problems}`, a write that
 * kept conflicting with others a 503 with Retry-After (nothing of it was stored), anything else a 500.
 */
export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (error) {
      if (error instanceof ApiError) {
        return NextResponse.json({ error: error.message, problems: error.problems }, { status: error.status });
      }
      if (error instanceof StoreBusyError) {
        return NextResponse.json({ error: error.message }, { status: 503, headers: { "retry-after": String(error.retryAfterS) } });
      }
      console.error(`[deploylines] ${req.method} ${req.nextUrl.pathname} failed:`, error);
      return NextResponse.json({ error: "internal error; see the server log" }, { status: 500 });
    }
  };
}

/** Validates the query string against a zod schema, or throws a 400 naming each bad parameter. */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  const raw = Object.fromEntries(req.nextUrl.searchParams);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badRequest("invalid query parameters", problemsFromZod(parsed.error));
  return parsed.data;
}

/** Reads a JSON body and validates it, or throws a 400 saying what is wrong and where. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw badRequest("body is not valid JSON", [{ where: "body", message: "could not parse as JSON" }]);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest("invalid request body", problemsFromZod(parsed.error));
  return parsed.data;
}

/** Like `parseJsonBody`, but an empty body is validated as `{}`: for endpoints whose every field is optional. */
export async function parseOptionalJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await req.text();
  if (text.trim() === "") return parseJsonBody(new Request(req.url, { method: "POST", body: "{}" }), schema);
  return parseJsonBody(new Request(req.url, { method: "POST", body: text }), schema);
}

/** Validates a route segment (URL-decoded) against a zod schema, or throws a 400 naming it. */
export function parseParam<S extends z.ZodType>(raw: string, schema: S, what: string): z.infer<S> {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // a stray % is validated as given
  }
  const parsed = schema.safeParse(text);
  if (!parsed.success) throw badRequest(`invalid ${what}`, parsed.error.issues.map((i) => ({ where: what, message: i.message })));
  return parsed.data;
}

/** Parses a positive integer id from a route segment, or throws a 400. */
export function parseId(raw: string, what = "id"): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw badRequest(`${what} must be a positive integer`, [{ where: what, message: `got "${raw}"` }]);
  return id;
}
