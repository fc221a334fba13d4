import { compareResponses, diffResponses, type CapturedResponse } from "./compare";
import type { NoiseLearner } from "./noise";
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
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True for methods safe to send twice (and so to mirror and probe for noise without asking). */
export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method.toUpperCase());
}

/**
 * Replays a request the primary has answered to the candidate (and, for a sampled share of reads,
 * to the primary again to learn noise), then compares. Never rejects: a candidate failure is a sample.
 */
export async function mirrorExchange(setup: MirrorSetup, exchange: PrimaryExchange): Promise<DarkLaunchSample> {
  const call = { method: exchange.method, path: exchange.path, body: exchange.body, timeoutMs: setup.timeoutMs, maxBytes: setup.maxBodyBytes };
  const probe = setup.noise && isReadMethod(exchange.method) && setup.noise.shouldProbe(exchange.endpoint);
  const [candidate, again] = await Promise.all([
    callUpstream(setup.candidate, { ...call, headers: upstreamRequestHeaders(exchange.rawHeaders, setup.candidate.url.host, setup.candidateHeaders) }),
    probe ? callUpstream(setup.primary, { ...call, headers: upstreamRequestHeaders(exchange.rawHeaders, setup.primary.url.host) }) : null,
  ]);
  if (again?.ok && setup.noise) {
    const differing = diffResponses(exchange.primary, again, setup.comparedHeaders).map((d) => d.path);
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
  const noise = setup.noise;
  const isIgnored = noise ? (path: string) => setup.isIgnored(path) || noise.isNoise(exchange.endpoint, path) : setup.isIgnored;
  const { match, diff } = compareResponses(exchange.primary, candidate, { headers: setup.comparedHeaders, isIgnored });
  return { ...base, candidateStatus: candidate.status, match, candidateMs: round(candidate.ms), candidateError: null, diff };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
