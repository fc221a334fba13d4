import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { requireAdmin, requireWriter } from "@/lib/auth/require-writer";
import { apiRoute, parseJsonBody, parseParam, parseQuery } from "./handler";
import { SMALL_BODY_LIMIT } from "./read-body";

/** Who may call a route: anyone (reads), an ingest or admin token (`requireWriter`), an admin token only (`requireAdmin`). */
export type RouteScope = "public" | "ingest" | "admin";

type Schemas = Record<string, z.ZodType>;
type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<P extends Schemas, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  scope: RouteScope;
  /** One schema per `[segment]`; each is percent-decoded first (a malformed escape is a 400). */
  params?: P;
  query?: Q;
  body?: B;
  /** Bytes the body may have (413 beyond, before reading it all); SMALL_BODY_LIMIT by default. */
  bodyLimit?: number;
}

export interface RouteInput<P extends Schemas, Q, B> {
  req: NextRequest;
  params: { [K in keyof P]: z.infer<P[K]> };
  query: Parsed<Q>;
  body: Parsed<B>;
}

/**
 * Declares a route in one place (dub's `withWorkspace`): its auth scope, segment, query and body
 * schemas and body limit. Checks run in that order — no body is read for a caller without the
 * scope — and the handler gets typed input; errors map to statuses as in `apiRoute`.
 */
export function route<P extends Schemas = Record<never, z.ZodType>, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<Response>,
) {
  return apiRoute<{ params: Promise<Record<string, string>> }>(async (req, ctx) => {
    if (spec.scope === "admin") requireAdmin(req);
    else if (spec.scope === "ingest") requireWriter(req);
    const raw = (await ctx?.params) ?? {};
    const params = Object.fromEntries(Object.entries(spec.params ?? {}).map(([key, schema]) => [key, parseParam(raw[key] ?? "", schema, key)]));
    const query = spec.query ? parseQuery(req, spec.query) : undefined;
    const body = spec.body ? await parseJsonBody(req, spec.body, spec.bodyLimit ?? SMALL_BODY_LIMIT) : undefined;
    return handler({ req, params, query, body } as RouteInput<P, Q, B>);
  });
}
