// Issue 17's ingest target is relative: SQLite's rate at least VictoriaMetrics' on the same run.
// This times VictoriaMetrics' HTTP import of the very points the HTTP ingest sends deploylines.
import { expositionText, peerRuns, startVictoriaMetrics, VICTORIA_METRICS_BIN, type FixtureSeries } from "@/lib/testing/metrics-backends";
import { httpIngestBodies, sendInFlight } from "./http-ingest";
import type { Progress } from "./progress";

export interface PeerIngestFigures {
  peer: string;
  ingestHttpPointsPerSec: number;
  ingestHttpPoints: number;
  /** What was sent, and when the clock stopped. */
  method: string;
}

/** One JSON ingest body as exposition text with millisecond timestamps (names with underscores for dots), and its point count. */
function asExposition(body: string): { text: string; points: number } {
  const { series } = JSON.parse(body) as { series: { metric: string; points: [number, number][] }[] };
  const text = expositionText(series.map((s): FixtureSeries => ({ name: s.metric.replaceAll(".", "_"), labels: {}, type: "gauge", points: s.points })));
  return { text, points: series.reduce((n, s) => n + s.points.length, 0) };
}

/**
 * Points per second of VictoriaMetrics' `/api/v1/import/prometheus` (when installed) for the
 * HTTP ingest's `total` points: the same 50k-point batches as exposition text, built before the
 * clock, two requests in flight as for deploylines; the clock stops when a forced flush has made
 * them searchable, and a count over them confirms every point is there.
 */
export async function measureVictoriaIngest(total: number, progress: Progress): Promise<PeerIngestFigures | null> {
  if (!peerRuns(VICTORIA_METRICS_BIN)) return null;
  const bodies = httpIngestBodies(total).map(asExposition);
  const backend = await startVictoriaMetrics();
  try {
    const started = performance.now();
    await sendInFlight(
      bodies,
      async (body) => {
        const res = await fetch(`${backend.url}/api/v1/import/prometheus`, { method: "POST", body: body.text });
        if (!res.ok) throw new Error(`VictoriaMetrics refused an import: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        return body.points;
      },
      progress,
    );
    const flushed = await fetch(`${backend.url}/internal/force_flush`);
    if (!flushed.ok) throw new Error(`VictoriaMetrics' force_flush answered ${flushed.status}`);
    const seconds = (performance.now() - started) / 1000;
    const query = new URLSearchParams({ query: 'sum(count_over_time({__name__=~"bench_http_m.*"}[8d]))', time: String(Date.now() / 1000) });
    const counted = (await (await fetch(`${backend.url}/api/v1/query?${query}`)).json()) as { data: { result: { value: [number, string] }[] } };
    const stored = Number(counted.data.result[0]?.value[1] ?? 0);
    if (stored !== total) throw new Error(`VictoriaMetrics holds ${stored} of the ${total} imported points`);
    return {
      peer: "VictoriaMetrics",
      ingestHttpPointsPerSec: total / seconds,
      ingestHttpPoints: total,
      method: "exposition text with timestamps to /api/v1/import/prometheus, 50k points a request, 2 in flight, until a forced flush returned",
    };
  } finally {
    await backend.stop();
  }
}
