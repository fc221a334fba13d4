import os from "node:os";
import type { DashboardPhases } from "./dashboard-render";
import type { PeerIngestFigures } from "./peer-ingest";
import { atLeast, atMost, bound, ISSUE_17, PEER_GRAPHITE_LINES_PER_SEC, verdict, type Target } from "./targets";

/** What one store measured; the field names are those of bench/results.json. */
export interface StoreFigures {
  ingestHttpPointsPerSec: number;
  ingestHttpPoints: number;
  ingestGraphiteLinesPerSec: number;
  ingestGraphiteLines: number;
  query1dP50Ms: number;
  query1dP95Ms: number;
  query30dP50Ms: number;
  query30dP95Ms: number;
  query1yP50Ms: number;
  query1yP95Ms: number;
  /** How the query figures were taken, and over what data. */
  queryNote: string;
  queryClientMs: Record<string, { p50: number; p95: number; resolution: string; points: number }>;
  /** Every chart's series and every deploy drawn (from the server's HTML, or live). */
  dashboardReadyMs: number;
  dashboardRunsMs: number[];
  /** The pointer's crosshair answers in every panel: hydrated and measured, so hover, zoom and the deploy cards work. */
  dashboardInteractiveMs: number;
  dashboardInteractiveRunsMs: number[];
  /** Every panel's recharts plot drawn. */
  dashboardSettledMs: number;
  dashboardSettledRunsMs: number[];
  /** Per measured run: HTML, DOMContentLoaded and API request timings, to tell server from browser time. */
  dashboardPhases: DashboardPhases[];
  serverRssMb: number;
  machine: ReturnType<typeof machineInfo>;
}

export type StoreResult = StoreFigures | { error: string; machine: ReturnType<typeof machineInfo> };

type StoreField = keyof StoreFigures;
type Row = { field: StoreField; label: string; unit: string; sqlite?: TargetOf; postgres?: TargetOf };
/** A row's target for one store, which may depend on what else the run measured. */
type TargetOf = (results: StoreResults) => Target | undefined;

/** The stores section's results, and VictoriaMetrics' ingest of the same points when it ran (null: not installed). */
export interface StoreResults {
  sqlite?: StoreResult;
  postgres?: StoreResult;
  victoriaMetricsIngest?: PeerIngestFigures | { error: string } | null;
}

const valueOf = (result: StoreResult | undefined, field: StoreField) => (result && !("error" in result) ? (result[field] as number) : undefined);

/** Issue 17: PostgreSQL ingests at least half as fast as SQLite on the same run. */
const shareOfSqlite =
  (field: StoreField): TargetOf =>
  (r) => {
    const sqlite = valueOf(r.sqlite, field);
    return sqlite === undefined ? undefined : atLeast(sqlite * ISSUE_17.postgresIngestShare);
  };

/** Issue 17: SQLite's HTTP ingest at least VictoriaMetrics' import of the same points on the same run. */
const victoriaHttp: TargetOf = (r) => (r.victoriaMetricsIngest && !("error" in r.victoriaMetricsIngest) ? atLeast(r.victoriaMetricsIngest.ingestHttpPointsPerSec) : undefined);

const ROWS: Row[] = [
  { field: "ingestHttpPointsPerSec", label: "HTTP ingest", unit: "points/s", sqlite: victoriaHttp, postgres: shareOfSqlite("ingestHttpPointsPerSec") },
  { field: "ingestGraphiteLinesPerSec", label: "Graphite TCP ingest", unit: "lines/s", sqlite: () => atLeast(PEER_GRAPHITE_LINES_PER_SEC), postgres: shareOfSqlite("ingestGraphiteLinesPerSec") },
  { field: "query1dP50Ms", label: "series 1 d p50", unit: "ms" },
  { field: "query1dP95Ms", label: "series 1 d p95", unit: "ms" },
  // Issue 8's bound (issue 17 bounds the client-side read instead: the floor section).
  { field: "query30dP50Ms", label: "series 30 d p50", unit: "ms", sqlite: () => atMost(20), postgres: () => atMost(60) },
  { field: "query30dP95Ms", label: "series 30 d p95", unit: "ms" },
  { field: "query1yP50Ms", label: "series 1 y p50", unit: "ms" },
  { field: "query1yP95Ms", label: "series 1 y p95", unit: "ms" },
  { field: "dashboardReadyMs", label: "dashboard drawn (12 charts, 50 deploys)", unit: "ms", sqlite: () => ISSUE_17.dashboardReadyMs, postgres: () => ISSUE_17.dashboardReadyMs },
  { field: "dashboardInteractiveMs", label: "dashboard interactive (the crosshair answers in every panel)", unit: "ms" },
  { field: "dashboardSettledMs", label: "dashboard settled (every recharts plot drawn)", unit: "ms" },
  { field: "serverRssMb", label: "server RSS after the runs", unit: "MB" },
];

/** CPU, memory, load and runtime of the machine, taken when a store's run starts. */
export function machineInfo() {
  return {
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    cpus: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const format = (value: number, unit: string) =>
  unit === "ms" ? value.toFixed(value < 10 ? 2 : 1) : unit === "MB" ? value.toFixed(0) : Math.round(value).toLocaleString("en");

function cell(result: StoreResult | undefined, field: StoreField, unit: string, target: Target | undefined): string {
  if (!result) return "not run";
  if ("error" in result) return "failed";
  const value = result[field] as number;
  return target ? verdict(format(value, unit), value, target) : format(value, unit);
}

/** The results beside the targets, one row per figure, and where each target comes from. */
export function resultTable(results: StoreResults): string {
  const vm = results.victoriaMetricsIngest;
  const header = ["figure", "unit", "SQLite target", "SQLite", "PostgreSQL target", "PostgreSQL", "VictoriaMetrics"];
  const rows = ROWS.map(({ field, label, unit, sqlite, postgres }) => {
    const [sqliteTarget, pgTarget] = [sqlite?.(results), postgres?.(results)];
    const shown = (t: Target | undefined) => (t ? bound(t, (n) => format(n, unit)) : "");
    const peer = field === "ingestHttpPointsPerSec" ? (vm === null ? "not installed" : vm === undefined ? "" : "error" in vm ? "failed" : format(vm.ingestHttpPointsPerSec, unit)) : "";
    return [label, unit, shown(sqliteTarget), cell(results.sqlite, field, unit, sqliteTarget), shown(pgTarget), cell(results.postgres, field, unit, pgTarget), peer];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
    "Targets (issue 17 unless named): SQLite HTTP ingest ≥ VictoriaMetrics' import of the same points in this run;",
    `SQLite Graphite ≥ VictoriaMetrics' ${format(PEER_GRAPHITE_LINES_PER_SEC, "lines/s")} lines/s from the issue (its Graphite listener is not started here);`,
    `PostgreSQL ingest ≥ ${ISSUE_17.postgresIngestShare}× SQLite's in this run; series 30 d p50 ≤ 20 / 60 ms is issue 8's; dashboard ≤ ${ISSUE_17.dashboardReadyMs.bound} ms on both.`,
  ].join("\n");
}
