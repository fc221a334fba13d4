import type { DarkLaunchFigures, DarkLaunchSampleRow } from "@/lib/store/types";
import { percentile } from "./percentile";

export type SummarySample = Pick<
  DarkLaunchSampleRow,
  "ts" | "method" | "path" | "endpoint" | "primaryStatus" | "candidateStatus" | "match" | "primaryMs" | "candidateMs" | "candidateError" | "diff"
>;

export interface SideSummary {
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Share of answers that were 5xx, or for the candidate also no answer at all. */
  errorRate: number | null;
}

export interface EndpointSummary {
  endpoint: string;
  mirrored: number;
  matched: number;
  matchRate: number | null;
  primaryP95Ms: number | null;
  candidateP95Ms: number | null;
}

export interface TimelineBucket {
  ts: number;
  mirrored: number;
  matchRate: number | null;
  primaryP95Ms: number | null;
  candidateP95Ms: number | null;
}

export interface DarkLaunchSummary<S extends DarkLaunchFigures = SummarySample> {
  mirrored: number;
  matched: number;
  matchRate: number | null;
  primary: SideSummary;
  candidate: SideSummary;
  endpoints: EndpointSummary[];
  timeline: TimelineBucket[];
  recentMismatches: S[];
}

export interface SummaryOptions {
  /** Time range of the timeline; defaults to the samples' own span. */
  from?: number;
  to?: number;
  buckets?: number;
  recentMismatches?: number;
}

/**
 * Summarises mirrored samples for the dark-launch page and API: overall and per-endpoint match rate,
 * latency percentiles and error rates of primary vs candidate, a timeline, and the latest mismatches.
 * Rates and percentiles are null where there is nothing to measure. Takes full samples or only their
 * figures (the summary columns); recent mismatches are of the kind given.
 */
export function summarizeSamples<S extends DarkLaunchFigures>(samples: S[], options: SummaryOptions = {}): DarkLaunchSummary<S> {
  const matched = samples.filter((s) => s.match).length;
  const byEndpoint = new Map<string, S[]>();
  for (const s of samples) {
    const list = byEndpoint.get(s.endpoint);
    if (list) list.push(s);
    else byEndpoint.set(s.endpoint, [s]);
  }
  const endpoints = [...byEndpoint].map(([endpoint, rows]) => {
    const ok = rows.filter((s) => s.match).length;
    return {
      endpoint,
      mirrored: rows.length,
      matched: ok,
      matchRate: ok / rows.length,
      primaryP95Ms: percentile(sortedPrimaryMs(rows), 95),
      candidateP95Ms: percentile(sortedCandidateMs(rows), 95),
    };
  });
  endpoints.sort((a, b) => b.mirrored - b.matched - (a.mirrored - a.matched) || b.mirrored - a.mirrored || a.endpoint.localeCompare(b.endpoint));
  return {
    mirrored: samples.length,
    matched,
    matchRate: rate(matched, samples.length),
    primary: side(sortedPrimaryMs(samples), samples.filter((s) => s.primaryStatus >= 500).length, samples.length),
    candidate: side(sortedCandidateMs(samples), samples.filter(candidateFailed).length, samples.length),
    endpoints,
    timeline: timeline(samples, options),
    recentMismatches: samples
      .filter((s) => !s.match)
      .sort((a, b) => b.ts - a.ts)
      .slice(0, options.recentMismatches ?? 10),
  };
}

function candidateFailed(s: DarkLaunchFigures): boolean {
  return s.candidateStatus === null || s.candidateStatus >= 500;
}

function side(sortedMs: number[], errors: number, total: number): SideSummary {
  return { p50Ms: percentile(sortedMs, 50), p95Ms: percentile(sortedMs, 95), p99Ms: percentile(sortedMs, 99), errorRate: rate(errors, total) };
}

function sortedPrimaryMs(rows: DarkLaunchFigures[]): number[] {
  return rows.map((s) => s.primaryMs).sort((a, b) => a - b);
}

function sortedCandidateMs(rows: DarkLaunchFigures[]): number[] {
  return rows
    .map((s) => s.candidateMs)
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
}

function rate(part: number, total: number): number | null {
  return total === 0 ? null : part / total;
}

function timeline(samples: DarkLaunchFigures[], options: SummaryOptions): TimelineBucket[] {
  if (samples.length === 0 && (options.from === undefined || options.to === undefined)) return [];
  const from = options.from ?? Math.min(...samples.map((s) => s.ts));
  const to = options.to ?? Math.max(...samples.map((s) => s.ts));
  const count = Math.max(1, options.buckets ?? 48);
  const width = Math.max(1, Math.ceil((to - from + 1) / count));
  const buckets = Array.from({ length: count }, () => [] as DarkLaunchFigures[]);
  for (const s of samples) {
    if (s.ts < from || s.ts > to) continue;
    buckets[Math.min(count - 1, Math.floor((s.ts - from) / width))].push(s);
  }
  return buckets.map((rows, i) => ({
    ts: from + i * width,
    mirrored: rows.length,
    matchRate: rate(rows.filter((s) => s.match).length, rows.length),
    primaryP95Ms: percentile(sortedPrimaryMs(rows), 95),
    candidateP95Ms: percentile(sortedCandidateMs(rows), 95),
  }));
}
