import { NextResponse } from "next/server";
import { z } from "zod";
import { readCookie, SESSION_COOKIE, sameOrigin, viaHttps } from "@/lib/auth/require-writer";
import { endSession, SESSION_TTL_MS, startSession } from "@/lib/auth/sessions";
import { tokenScope } from "@/lib/auth/tokens";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

const loginSchema = z.object({ token: z.string().min(1, "paste a token").max(1000, "no accepted token is that long") });

/** A sign-in body is one token: 4 KB is plenty, and nobody's 300 MB body is read. */
const LOGIN_BODY_LIMIT = 4096;

// POST /api/v1/session — sign the UI in with a token: a new random session (httpOnly, SameSite=Strict cookie), admin or ingest as the token is
export const POST = apiRoute(async (req) => {
  if (!sameOrigin(req)) throw new ApiError(403, "sign in from this server's own /login page");
  const { token } = await parseJsonBody(req, loginSchema, LOGIN_BODY_LIMIT);
  const scope = tokenScope(token);
  if (!scope) throw new ApiError(401, "that token is not accepted by this server");
  const session = await startSession(await getStore(), token, scope);
  const res = NextResponse.json({ signedIn: true, scope, expiresAt: session.expiresAt });
  res.cookies.set(SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: "strict",
    // Behind a TLS-terminating proxy the request itself is plain HTTP; a trusted proxy says what the browser used.
    secure: viaHttps(req),
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
  return res;
});

// DELETE /api/v1/session — sign the UI out: the session is deleted server-side, so a copied cookie stops working too
export const DELETE = apiRoute(async (req) => {
  const id = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  const ended = id ? await endSession(await getStore(), id) : false;
  const res = NextResponse.json({ signedIn: false, ended });
  res.cookies.delete(SESSION_COOKIE);
  return res;
});
