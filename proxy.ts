import { NextResponse, type NextRequest } from "next/server";
import { malformedSegment } from "@/lib/http/segment";

/**
 * Answers a path with a malformed percent-escape (`/api/v1/services/%E0%A4%A/criteria`) before
 * Next.js matches routes: its own decoding of `[param]` segments throws there and answers a bare
 * 500. API paths get a JSON 400 naming the segment; pages get the not-found page.
 */
export function proxy(req: NextRequest) {
  const bad = malformedSegment(req.nextUrl.pathname);
  if (bad === null) return NextResponse.next();
  const message = `malformed %-escape in "${bad.slice(0, 100)}"`;
  if (req.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "path is not valid percent-encoding", problems: [{ where: "path", message }] }, { status: 400 });
  }
  return NextResponse.rewrite(new URL("/_not-found", req.url), { status: 404 });
}

// Only paths holding an escape run this: elsewhere a proxy would make Next.js buffer request bodies.
export const config = { matcher: "/(.*%.*)" };
