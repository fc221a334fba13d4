import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { NextRequest } from "next/server";
import { GET as darkLaunchCheck } from "@/app/api/v1/check/dark-launch/route";
import { GET as deploymentCheck } from "@/app/api/v1/check/deployment/route";
import { GET as driftCheck } from "@/app/api/v1/check/drift/route";
import { GET as metricCheck } from "@/app/api/v1/check/route";
import { GET as health } from "@/app/api/v1/health/route";
import { POST as prometheusImport } from "@/app/api/v1/import/prometheus/route";
import { POST as metricsIngest } from "@/app/api/v1/metrics/route";
import { POST as remoteWrite } from "@/app/api/v1/write/route";
import { POST as influxWrite } from "@/app/api/v2/write/route";
import { POST as otlpMetrics } from "@/app/v1/metrics/route";

type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;

/**
 * The endpoints machines call, answered by their own route handlers straight from the HTTP server
 * (scripts/serve.mjs), past Next.js' router: the GETs they poll (a load balancer's health check,
 * Nagios running a plugin per service every minute), where the router took half a health check's
 * time; and the ingest POSTs, where a fresh server loaded the route's modules under the first
 * batch and the router streamed every body through its own wrappers. The handlers are the App
 * Router's, unchanged; pages and every other route are Next.js' as before. They run in the
 * start-up's bundle, with its own copies of modules: state shared with the routes Next.js serves
 * must live on globalThis (as the store, the metrics source and the helper threads do), and errors
 * crossing over are told apart by brand (ApiError.is).
 */
const LEAN_ROUTES = new Map<string, RouteHandler>([
  ["GET /api/v1/health", health],
  ["GET /api/v1/check", metricCheck],
  ["GET /api/v1/check/deployment", deploymentCheck],
  ["GET /api/v1/check/dark-launch", darkLaunchCheck],
  ["GET /api/v1/check/drift", driftCheck],
  ["POST /api/v1/metrics", metricsIngest],
  ["POST /api/v1/write", remoteWrite],
  ["POST /api/v1/import/prometheus", prometheusImport],
  ["POST /api/v2/write", influxWrite],
  ["POST /v1/metrics", otlpMetrics],
]);

const NO_PARAMS = { params: Promise.resolve({}) };

/** The route handler serving a request lean, or undefined: its method and a path exactly in the table (its query aside). */
export function leanRoute(method: string | undefined, url: string | undefined): RouteHandler | undefined {
  if (!method || !url) return undefined;
  const query = url.indexOf("?");
  return LEAN_ROUTES.get(`${method} ${query < 0 ? url : url.slice(0, query)}`);
}

/**
 * Serves a request through its lean route and returns true, or returns false for Next.js to
 * serve it (any other route, or a Host header that makes no URL).
 */
export function serveLean(req: IncomingMessage, res: ServerResponse): boolean {
  const handler = leanRoute(req.method, req.url);
  if (!handler) return false;
  let url: URL;
  try {
    url = new URL(req.url!, `http://${req.headers.host ?? "localhost"}`);
  } catch {
    return false;
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const body = req.method === "GET" ? {} : { body: bodyStream(req), duplex: "half" as const };
  void answer(handler, new NextRequest(url, { method: req.method, headers, ...body }), res);
  return true;
}

/**
 * A request's body as the handlers read it (a web stream), taking node's chunks as they come and
 * pausing the socket while the reader is behind. A reader that stops early (a 413 past the limit,
 * an answer before the body was needed) leaves the rest to node, which drops it once the answer
 * is sent, as it does under Next.js' router.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (done) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => !done && ((done = true), controller.close()));
        req.on("error", (error) => !done && ((done = true), controller.error(error)));
      },
      pull() {
        req.resume();
      },
      cancel() {
        done = true;
        req.resume();
      },
    },
    // Bytes, not chunks: at most 1 MB waits for the reader.
    new ByteLengthQueuingStrategy({ highWaterMark: 1 << 20 }),
  );
}

async function answer(handler: RouteHandler, request: NextRequest, res: ServerResponse): Promise<void> {
  try {
    let response: Response;
    try {
      response = await handler(request, NO_PARAMS);
    } catch (error) {
      // The handlers map their own errors; this is a fault in the handler's wrapper itself.
      console.error(`[deploylines] ${request.method} ${request.nextUrl.pathname} failed:`, error);
      response = Response.json({ error: "internal error; see the server log" }, { status: 500 });
    }
    const body = Buffer.from(await response.arrayBuffer());
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.setHeader("content-length", body.length);
    res.end(body);
  } catch (error) {
    // Nothing can be answered any more (a body that failed to read, a header node refuses): the
    // connection is closed rather than left open, which would also hold up a shutdown.
    console.error(`[deploylines] ${request.method} ${request.nextUrl.pathname}: answering failed:`, error);
    res.destroy(error as Error);
  }
}

const LEAN = Symbol.for("deploylines.serveLean");

/** Hands serveLean to scripts/serve.mjs, which runs Next.js' start-up (and so this) before it listens. */
export function installLeanRoutes(): void {
  (globalThis as { [LEAN]?: typeof serveLean })[LEAN] = serveLean;
}
