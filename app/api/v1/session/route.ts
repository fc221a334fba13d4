import { NextResponse } from "next/server";
import { z } from "zod";
import { SESSION_COOKIE, sameOrigin } from "@/lib/auth/require-writer";
import { sessionValue, tokenMatches } from "@/lib/auth/tokens";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";

const loginSchema = z.object({ token: z.string().min(1, "paste a write token") });

// POST /api/v1/session — sign the UI in with a write token (sets an httpOnly, SameSite=Strict cookie)
export const POST = apiRoute(async (req) => {
  if (!sameOrigin(req)) throw new ApiError(403, "sign in from this server's own /login page");
  const { token } = await parseJsonBody(req, loginSchema);
  if (!tokenMatches(token)) throw new ApiError(401, "that token is not accepted by this server");
  const res = NextResponse.json({ signedIn: true });
  res.cookies.set(SESSION_COOKIE, sessionValue(token), {
    httpOnly: true,
    sameSite: "strict",
    // Behind a TLS-terminating proxy the request itself is plain HTTP; the proxy says what the browser used.
    secure: req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https",
    path: "/",
    maxAge: 30 * 86_400,
  });
  return res;
});

// DELETE /api/v1/session — sign the UI out
export const DELETE = apiRoute(async () => {
  const res = NextResponse.json({ signedIn: false });
  res.cookies.delete(SESSION_COOKIE);
  return res;
});
