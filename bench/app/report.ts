import os from "node:os";
import type { DashboardPhases } from "./dashboard-render";

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
  dashboardReadyMs: number;
  dashboardRunsMs: number[];
  /** Per measured run: HTML, DOMContentLoaded and API request timings, to tell server from browser time. */
  dashboardPhases: DashboardPhases[];
  serverRssMb: number;
  machine: ReturnType<typeof machineInfo>;
}

export type StoreResult = StoreFigures | { error: string; machine: ReturnType<typeof machineInfo> };

type Target = { field: keyof StoreFigures; label: string; unit: string; sqlite: number; atLeast: boolean };

/** The targets for SQLite; PostgreSQL passes within 3× of them. */
const TARGETS: Target[] = [
  { field: "ingestHttpPointsPerSec", label: "HTTP ingest", unit: "points/s", sqlite: 500_000, atLeast: true },
  { field: "ingestGraphiteLinesPerSec", label: "Graphite TCP ingest", unit: "lines/s", sqlite: 300_000, atLeast: true },
  { field: "query30dP50Ms", label: "series 30 d p50", unit: "ms", sqlite: 20, atLeast: false },
  { field: "dashboardReadyMs", label: "dashboard ready (12 charts, 50 deploys)", unit: "ms", sqlite: 1_500, atLeast: false },
];
const PG_SLACK = 3;

const ROWS: { field: keyof StoreFigures; label: string; unit: string }[] = [
  { field: "ingestHttpPointsPerSec", label: "HTTP ingest", unit: "points/s" },
  { field: "ingestGraphiteLinesPerSec", label: "Graphite TCP ingest", unit: "lines/s" },
  { field: "query1dP50Ms", label: "series 1 d p50", unit: "ms" },
  { field: "query1dP95Ms", label: "series 1 d p95", unit: "ms" },
  { field: "query30dP50Ms", label: "series 30 d p50", unit: "ms" },
  { field: "query30dP95Ms", label: "series 30 d p95", unit: "ms" },
  { field: "query1yP50Ms", label: "series 1 y p50", unit: "ms" },
  { field: "query1yP95Ms", label: "series 1 y p95", unit: "ms" },
  { field: "dashboardReadyMs", label: "dashboard ready (12 charts, 50 deploys)", unit: "ms" },
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

function cell(result: StoreResult | undefined, field: keyof StoreFigures, unit: string, target: number | undefined, atLeast: boolean): string {
  if (!result) return "not run";
  if ("error" in result) return "failed";
  const value = result[field] as number;
  if (target === undefined) return format(value, unit);
  const pass = atLeast ? value >= target : value <= target;
  return `${format(value, unit)} ${pass ? "✓" : "✗"}`;
}

/** The results beside the targets, one row per figure. */
export function resultTable(results: { sqlite?: StoreResult; postgres?: StoreResult }): string {
  const header = ["figure", "unit", "SQLite target", "SQLite", "PostgreSQL target", "PostgreSQL"];
  const rows = ROWS.map(({ field, label, unit }) => {
    const target = TARGETS.find((t) => t.field === field);
    const pgTarget = target && (target.atLeast ? target.sqlite / PG_SLACK : target.sqlite * PG_SLACK);
    const bound = (value: number | undefined) => (value === undefined || !target ? "" : `${target.atLeast ? "≥" : "≤"} ${format(value, unit)}`);
    return [
      label,
      unit,
      bound(target?.sqlite),
      cell(results.sqlite, field, unit, target?.sqlite, target?.atLeast ?? false),
      bound(pgTarget),
      cell(results.postgres, field, unit, pgTarget, target?.atLeast ?? false),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
