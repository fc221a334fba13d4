import type { CaptureBudget } from "./capture-budget";
import { compareResponses, diffResponses, type CapturedResponse } from "./compare";
import type { InflightLimit } from "@/lib/ingest/inflight-limit";
import { decodeBody, isCompressed } from "@/lib/http/decode-body";
import type { NoiseLearner } from "./noise";
import { redactHeaderDiffs } from "./redact";
import type { DarkLaunchSample } from "./schema";
import { callUpstream, upstreamRequestHeaders, type Upstream } from "./upstream";

/** A request the client made and the answer the primary gave it, as captured on the way through. */
export interface PrimaryExchange {
  ts: number;
  method: string;
  path: string;
  endpoint: string;
  /** The client's request headers as received (flat name/value list). */
  rawHeaders: string[];
  body: Buffer;
  primary: CapturedResponse;
  primaryMs: number;
}

export interface MirrorSetup {
  primary: Upstream;
  candidate: Upstream;
  /** Extra request headers (flat name/value list) that mark mirrored traffic to the candidate. */
  candidateHeaders: string[];
  comparedHeaders: string[];
  isIgnored: (path: string) => boolean;
  noise: NoiseLearner | null;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Largest body a compressed answer may expand to before it is compared. */
  maxDecodedBytes: number;
  /** Bytes held for comparisons across every mirror in flight. */
  budget: CaptureBudget;
  /** Decompressions running at once (each holds up to maxDecodedBytes while it runs). */
  decodeSlots: InflightLimit;
  /** Response headers (beyond the built-in credentials) whose values never reach a sample. */
  sensitiveHeaders: string[];
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True for methods safe to send twice (and so to mirror and probe for noise without asking). */
export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method.toUpperCase());
}

/**
 * Replays a request the primary has answered to the candidate (and, for a sampled share of reads,
 * to the primary again to learn noise), then compares. Never rejects: a candidate failure is a sample.
 * Everything held on the way (answers, their decompressed forms) goes back to the budget at the end.
 */
export async function mirrorExchange(setup: MirrorSetup, exchange: PrimaryExchange): Promise<DarkLaunchSample> {
  const call = { method: exchange.method, path: exchange.path, body: exchange.body, timeoutMs: setup.timeoutMs, maxBytes: setup.maxBodyBytes, budget: setup.budget };
  const probe = setup.noise && isReadMethod(exchange.method) && setup.noise.shouldProbe(exchange.endpoint);
  const [candidate, again] = await Promise.all([
    callUpstream(setup.candidate, { ...call, headers: upstreamRequestHeaders(exchange.rawHeaders, setup.candidate.url.host, setup.candidateHeaders) }),
    probe ? callUpstream(setup.primary, { ...call, headers: upstreamRequestHeaders(exchange.rawHeaders, setup.primary.url.host) }) : null,
  ]);
  const decoded = new DecodedBodies(setup);
  try {
    const primary = await decoded.orAsSent(exchange.primary);
    if (again?.ok && setup.noise) {
      const differing = diffResponses(primary, await decoded.orAsSent(again), setup.comparedHeaders).map((d) => d.path);
      setup.noise.learn(exchange.endpoint, differing.filter((path) => !setup.isIgnored(path)));
    }
    const base = {
      ts: exchange.ts,
      method: exchange.method,
      path: exchange.path.split("?", 1)[0].slice(0, 2000),
      endpoint: exchange.endpoint,
      primaryStatus: exchange.primary.status,
      primaryMs: round(exchange.primaryMs),
    };
    if (!candidate.ok) return { ...base, candidateStatus: null, match: false, candidateMs: null, candidateError: candidate.error.slice(0, 500), diff: null };
    const candidateMs = round(candidate.ms);
    const candidateBody = await decoded.decode(candidate);
    if (!candidateBody.ok) return { ...base, candidateStatus: candidate.status, match: false, candidateMs, candidateError: candidateBody.error.slice(0, 500), diff: null };
    const noise = setup.noise;
    const isIgnored = noise ? (path: string) => setup.isIgnored(path) || noise.isNoise(exchange.endpoint, path) : setup.isIgnored;
    const { match, diff } = compareResponses(primary, candidateBody.response, { headers: setup.comparedHeaders, isIgnored });
    return { ...base, candidateStatus: candidate.status, match, candidateMs, candidateError: null, diff: redactHeaderDiffs(diff, setup.sensitiveHeaders) };
  } finally {
    decoded.release();
    if (candidate.ok) candidate.release();
    if (again?.ok) again.release();
  }
}

/** Decompressed answers of one mirror, counted in the proxy's budget until released. */
class DecodedBodies {
  private held = 0;

  constructor(private readonly setup: MirrorSetup) {}

  /**
   * The answer with its content encoding removed. The most it may expand to is reserved from the
   * budget before it runs, and the unused rest handed back after, so a bomb never holds more than
   * the budget allows, however many arrive together.
   */
  async decode(response: CapturedResponse): Promise<{ ok: true; response: CapturedResponse } | { ok: false; error: string }> {
    const { budget, maxDecodedBytes, decodeSlots } = this.setup;
    const header = response.headers["content-encoding"];
    const encoding = Array.isArray(header) ? header.join(",") : header;
    if (!isCompressed(encoding) || response.body.length === 0) return { ok: true, response };
    const slot = await decodeSlots.acquire();
    if ("refused" in slot) return { ok: false, error: "too many answers waiting to be decompressed" };
    try {
      const reserved = Math.min(maxDecodedBytes, budget.free());
      if (reserved <= 0 || !budget.take(reserved)) return { ok: false, error: "decompressed body does not fit the proxy's capture budget" };
      const result = await decodeBody(response.body, encoding, reserved);
      const kept = result.ok ? result.body.length : 0;
      budget.release(reserved - kept);
      this.held += kept;
      return result.ok ? { ok: true, response: { ...response, body: result.body } } : result;
    } finally {
      slot.release();
    }
  }

  /** The decoded answer, or the answer as sent when it cannot be decoded within the limits. */
  async orAsSent(response: CapturedResponse): Promise<CapturedResponse> {
    const result = await this.decode(response);
    return result.ok ? result.response : response;
  }

  release(): void {
    this.setup.budget.release(this.held);
    this.held = 0;
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
