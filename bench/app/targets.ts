// Issue 17's targets, and the peer figures they come from: measured on this machine, alone and on
// the same generated series, the same day the issue was written (VictoriaMetrics 1.79,
// Prometheus 2.42, carbon).

/** A bound a figure must meet: at least or at most `bound`. */
export interface Target {
  bound: number;
  atLeast: boolean;
}

export const atMost = (bound: number): Target => ({ bound, atLeast: false });
export const atLeast = (bound: number): Target => ({ bound, atLeast: true });

export const meets = (value: number, target: Target) => (target.atLeast ? value >= target.bound : value <= target.bound);

/** `value ✓` or `value ✗` against the target (the value already formatted). */
export const verdict = (shown: string, value: number, target: Target) => `${shown} ${meets(value, target) ? "✓" : "✗"}`;

/** `≤ 2` / `≥ 1.5`, formatted by the caller's rule. */
export const bound = (target: Target, format: (n: number) => string = String) => `${target.atLeast ? "≥" : "≤"} ${format(target.bound)}`;

export const ISSUE_17 = {
  /** Bytes per point of the bench's year on disk, rollups and indexes included. */
  bytesPerPoint: { sqlite: atMost(2), postgres: atMost(4) },
  /** `GET /api/v1/health`, client p50. */
  healthP50Ms: atMost(1.5),
  /** The 30-day series read at maxPoints=1000 on SQLite, client p50. */
  series30dClientP50Ms: atMost(3),
  /** The dashboard of 12 charts and 50 deploys, ready in Chromium: every series and deploy drawn (the live charts' time is reported beside it). */
  dashboardReadyMs: atMost(1_000),
  /** PostgreSQL's ingest rates as a share of SQLite's on the same run. */
  postgresIngestShare: 0.5,
} as const;

/** Bytes per point of the issue's peers on the same year of 10-s points. */
export const PEER_BYTES_PER_POINT = [
  { peer: "VictoriaMetrics 1.79", bytesPerPoint: 0.74, note: "1.57 with truly random noise" },
  { peer: "Prometheus 2.42", bytesPerPoint: 7.13, note: "" },
  { peer: "carbon (whisper)", bytesPerPoint: 12, note: "" },
] as const;

/** VictoriaMetrics' Graphite plaintext ingest until readable, lines/s, from the issue: the bench starts VictoriaMetrics without its Graphite listener. */
export const PEER_GRAPHITE_LINES_PER_SEC = 443_000;
