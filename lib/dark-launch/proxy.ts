import http from "node:http";
import type { AddressInfo } from "node:net";
import { InflightLimit } from "@/lib/ingest/inflight-limit";
import { CaptureBudget } from "./capture-budget";
import { DEFAULT_COMPARED_HEADERS } from "./compare";
import { foldEndpoint } from "./endpoint";
import { fieldMatcher } from "./json-path";
import { isReadMethod, mirrorExchange, type MirrorSetup } from "./mirror";
import { createNoiseLearner, type NoiseLearnerOptions } from "./noise";
import { createSampleReporter, type SampleReporterOptions, type SampleReporterStats } from "./reporter";
import type { DarkLaunchSample } from "./schema";
import { BodyCapture, clientResponseHeaders, createUpstream, upstreamRequestHeaders } from "./upstream";

export interface ShadowProxyOptions {
  listen?: { host?: string; port?: number };
  primary: string;
  candidate: string;
  /** Share of eligible requests mirrored to the candidate (0–1). */
  sampleRate?: number;
  /** Also mirror writes (POST, PUT, PATCH, DELETE…): only when the candidate cannot harm shared state. */
  mirrorWrites?: boolean;
  /** Body fields left out of comparisons: `$.requestId`, `$.items[*].ts`, or bare key names. */
  ignore?: string[];
  /** Response headers that must agree; default content-type. */
  headers?: string[];
  /** Learn noise by asking the primary twice for a sampled share of reads; false turns it off. */
  noise?: NoiseLearnerOptions | false;
  candidateTimeoutMs?: number;
  primaryTimeoutMs?: number;
  /** Bodies larger than this are passed through but not mirrored. */
  maxBodyBytes?: number;
  /** Largest size a compressed answer may expand to for comparison (default maxBodyBytes). */
  maxDecodedBytes?: number;
  /** Bytes held for comparisons at once, over all requests (bodies being captured, answers, decompressed forms). */
  maxHeldBytes?: number;
  /** Requests being captured or mirrored at once; beyond this, requests are not mirrored. */
  maxInFlightMirrors?: number;
  /** Response headers whose values never reach a sample, beyond Authorization, Cookie, Set-Cookie and the like. */
  sensitiveHeaders?: string[];
  /** Where batches of samples go, e.g. the deploylines API; without it samples are only counted. */
  report?: SampleReporterOptions["send"];
  reporter?: Omit<SampleReporterOptions, "send">;
  onSample?: (sample: DarkLaunchSample) => void;
  random?: () => number;
}

export interface ShadowProxyStats extends SampleReporterStats {
  requests: number;
  mirrored: number;
  matched: number;
  mismatched: number;
  candidateErrors: number;
  skipped: number;
  noiseProbes: number;
  noise: Record<string, string[]>;
  /** Bytes held for comparisons right now. */
  heldBytes: number;
}

export interface ShadowProxy {
  port: number;
  url: string;
  stats(): ShadowProxyStats;
  /** Resolves once every mirror started so far has produced its sample. */
  idle(): Promise<void>;
  /** Stops listening, waits for mirrors in flight, tries to send what is left to `report` for up to `reportTimeoutMs`. */
  close(reportTimeoutMs?: number): Promise<void>;
}

/**
 * Starts a shadow proxy: each request goes to the primary and the primary's answer goes back to the
 * client unchanged; afterwards a sampled share is replayed to the candidate and compared, off the
 * client's path, so a slow or dead candidate changes nothing for the client.
 */
export async function startShadowProxy(options: ShadowProxyOptions): Promise<ShadowProxy> {
  const sampleRate = options.sampleRate ?? 1;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const maxInFlight = options.maxInFlightMirrors ?? 200;
  const budget = new CaptureBudget(options.maxHeldBytes ?? 128 * 1024 * 1024);
  const primaryTimeoutMs = options.primaryTimeoutMs ?? 60_000;
  const random = options.random ?? Math.random;
  const noise = options.noise === false ? null : createNoiseLearner({ random, ...options.noise });
  const setup: MirrorSetup = {
    primary: createUpstream(options.primary, Infinity),
    candidate: createUpstream(options.candidate, maxInFlight),
    candidateHeaders: ["X-Deploylines-Shadow", "1"],
    comparedHeaders: (options.headers ?? DEFAULT_COMPARED_HEADERS).map((h) => h.toLowerCase()),
    isIgnored: fieldMatcher(options.ignore ?? []),
    noise,
    timeoutMs: options.candidateTimeoutMs ?? 5_000,
    maxBodyBytes,
    maxDecodedBytes: options.maxDecodedBytes ?? maxBodyBytes,
    budget,
    // As many as libuv's default thread pool runs at once; the rest wait in line (bounded by maxInFlight).
    decodeSlots: new InflightLimit(4, maxInFlight, options.candidateTimeoutMs ?? 5_000),
    sensitiveHeaders: options.sensitiveHeaders ?? [],
  };
  const reporter = createSampleReporter({ ...options.reporter, send: options.report ?? (async () => undefined) });
  const counts = { requests: 0, mirrored: 0, matched: 0, mismatched: 0, candidateErrors: 0, skipped: 0 };
  const inFlight = new Set<Promise<void>>();
  // Requests whose bodies are being captured for a mirror that has not started yet.
  let capturing = 0;

  function wantsMirror(method: string): boolean {
    if (!options.mirrorWrites && !isReadMethod(method)) return false;
    if (random() >= sampleRate) return false;
    if (inFlight.size + capturing >= maxInFlight) {
      counts.skipped++;
      return false;
    }
    return true;
  }

  function record(sample: DarkLaunchSample): void {
    counts.mirrored++;
    if (sample.match) counts.matched++;
    else counts.mismatched++;
    if (sample.candidateStatus === null) counts.candidateErrors++;
    reporter.add(sample);
    options.onSample?.(sample);
  }

  const server = http.createServer((req, res) => {
    counts.requests++;
    const ts = Date.now();
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const mirror = wantsMirror(method);
    const requestBody = mirror ? new BodyCapture(maxBodyBytes, budget) : null;
    let responseBody: BodyCapture | null = null;
    // The captures end up with the mirror, or are released here when the exchange ends without one.
    let capture = mirror ? "open" : "settled";
    if (mirror) capturing++;
    const settleCapture = (handedToMirror: boolean) => {
      if (capture !== "open") return;
      capture = "settled";
      capturing--;
      if (!handedToMirror) {
        requestBody?.release();
        responseBody?.release();
      }
    };
    const started = performance.now();
    const upstream = setup.primary.request({
      protocol: setup.primary.url.protocol,
      hostname: setup.primary.url.hostname,
      port: setup.primary.url.port,
      method,
      path,
      headers: upstreamRequestHeaders(req.rawHeaders, setup.primary.url.host),
      agent: setup.primary.agent,
      timeout: primaryTimeoutMs,
    });
    if (requestBody) req.on("data", (chunk: Buffer) => requestBody.push(chunk));
    req.pipe(upstream);
    req.on("error", () => upstream.destroy());
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
      settleCapture(false);
    });
    upstream.on("timeout", () => upstream.destroy(new Error(`primary gave no answer within ${primaryTimeoutMs} ms`)));
    upstream.on("error", (error) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { "content-type": "text/plain" }).end(`bad gateway: ${error.message}\n`);
    });
    upstream.on("response", (primary) => {
      res.sendDate = false;
      res.writeHead(primary.statusCode ?? 502, primary.statusMessage, clientResponseHeaders(primary.rawHeaders));
      const captured = (responseBody = requestBody ? new BodyCapture(maxBodyBytes, budget) : null);
      if (captured) primary.on("data", (chunk: Buffer) => captured.push(chunk));
      primary.pipe(res);
      primary.on("error", () => res.destroy());
      primary.on("end", () => {
        if (!requestBody || !captured || capture !== "open") return;
        if (requestBody.overflow || captured.overflow) {
          settleCapture(false);
          return void counts.skipped++;
        }
        const exchange = {
          ts,
          method,
          path,
          endpoint: foldEndpoint(method, path),
          rawHeaders: req.rawHeaders,
          body: requestBody.body(),
          primary: { status: primary.statusCode ?? 0, headers: primary.headers, body: captured.body() },
          primaryMs: performance.now() - started,
        };
        settleCapture(true);
        // Mirroring starts after the client's answer is handed back, so it never competes with it.
        const done = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => mirrorExchange(setup, exchange))
          .then(record)
          // A comparison that throws (e.g. JSON nested too deep to diff) must never take the proxy down.
          .catch(() => {
            counts.candidateErrors++;
          })
          .finally(() => {
            requestBody.release();
            captured.release();
            inFlight.delete(done);
          });
        inFlight.add(done);
      });
    });
  });
  server.keepAliveTimeout = 65_000;

  const host = options.listen?.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.listen?.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return {
    port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    stats: () => ({ ...counts, ...reporter.stats(), noiseProbes: noise?.probes() ?? 0, noise: noise?.fields() ?? {}, heldBytes: budget.held() }),
    idle,
    async close(reportTimeoutMs = 5_000) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await idle();
      await reporter.close(reportTimeoutMs);
      setup.primary.agent.destroy();
      setup.candidate.agent.destroy();
    },
  };
}
