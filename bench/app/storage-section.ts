// The storage section (issue 17): the bench's year of points in each store — bytes per point on
// disk with every table's and index's share, and the 30-day raw read — beside VictoriaMetrics'
// avg_over_time over the same points.
import type { TestServer } from "@/lib/testing/server";
import { progressLine } from "./progress";
import { RAW_READ_DAYS, measureRawRead, measureWindowRead, WINDOW_READ_SCALE, type RawReadFigures, type VictoriaYear } from "./raw-read";
import { measureRawScan, type RawScanFigures } from "./raw-scan";
import { seedYear, type YearOfPoints } from "./series-latency";
import { pgRelations, relationRows, sqliteRelations, storageFigures, type StorageFigures } from "./storage";
import { atMost, bound, ISSUE_17, meets, PEER_BYTES_PER_POINT, verdict } from "./targets";

/** Every point of the year stays raw (the default keeps raw points 14 days), so the disk holds all of them and 30 days read raw. */
export const YEAR_RETENTION = "raw:366d,1m:366d,1h:3y";
/** The step of the issue's year of points, which its targets and peer figures are for. */
const TARGET_STEP_MS = 10_000;

export interface YearOnDisk {
  disk: StorageFigures;
  rawRead: RawReadFigures;
  /** The same 30 days reduced to one average by the check route, as avg_over_time answers. */
  windowRead: RawReadFigures;
  /** VictoriaMetrics' avg_over_time over the same points, asked alternately with the check route (absent when it is not installed). */
  windowPeer?: RawReadFigures;
  rawScan: RawScanFigures;
}

type Failed = { error: string };

export interface StorageSection {
  stepMs: number;
  points: number;
  retention: string;
  sqlite?: YearOnDisk | Failed;
  postgres?: YearOnDisk | Failed;
  /** VictoriaMetrics' avg_over_time on its own, after both stores; null when it is not installed. */
  victoriaMetrics?: RawReadFigures | Failed | null;
}

/**
 * Seeds the year into the started app, times the raw 30-day read (the check route alternating
 * with VictoriaMetrics' avg_over_time when `peer` holds the same year), then sizes every relation
 * of its database.
 */
export async function measureYearOnDisk(
  server: TestServer,
  store: StorageFigures["store"],
  databaseUrl: string | undefined,
  year: YearOfPoints,
  runs: number,
  log: (line: string) => void,
  peer?: VictoriaYear,
): Promise<YearOnDisk> {
  log(`seeding a year of ${year.stepMs / 1000}-s points (${year.total.toLocaleString("en")}) with ${YEAR_RETENTION}`);
  const seeded = await seedYear(server, year.stepMs, progressLine("points", year.total), year);
  log(`${RAW_READ_DAYS}-day raw read, ${runs} runs after 2 warm-ups`);
  const rawRead = await measureRawRead(server, year, runs);
  const alternating = peer ? ", alternating with VictoriaMetrics' avg_over_time in blocks of " + WINDOW_READ_SCALE : "";
  log(`${RAW_READ_DAYS}-day check window (agg=avg), ${runs * WINDOW_READ_SCALE} runs after ${2 * WINDOW_READ_SCALE} warm-ups${alternating}`);
  const { check: windowRead, peer: windowPeer } = await measureWindowRead(server, year, runs, peer);
  if (store === "postgres" && !databaseUrl) throw new Error("PostgreSQL's storage needs its database URL");
  log(`${RAW_READ_DAYS}-day raw scan in the bench's process, ${runs} runs after 2 warm-ups`);
  const rawScan = await measureRawScan(store === "sqlite" ? { sqliteFile: server.dbFile } : { databaseUrl: databaseUrl! }, year, runs);
  log("sizing every table and index");
  const reads = { rawRead, windowRead, windowPeer, rawScan };
  if (store === "sqlite") return { ...reads, disk: storageFigures(store, seeded.points, sqliteRelations(server.dbFile), "dbstat pages after wal_checkpoint(TRUNCATE); free pages counted") };
  return { ...reads, disk: storageFigures(store, seeded.points, await pgRelations(databaseUrl!), "pg_table_size per table (TOAST and maps included), pg_total_relation_size per index, no VACUUM") };
}

const NAMES = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;
const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const measured = (r: YearOnDisk | Failed | undefined): r is YearOnDisk => r !== undefined && !("error" in r);

/** The section's tables for the console: bytes per point beside the targets and the peers, each relation's share, the raw reads. */
export function storageLines(section: StorageSection): string {
  const stores = (["sqlite", "postgres"] as const).filter((s) => section[s] !== undefined);
  const failures = stores.filter((s) => !measured(section[s])).map((s) => `${NAMES[s]} failed: ${(section[s] as Failed).error}`);
  const ok = stores.filter((s) => measured(section[s]));
  const lines = [
    `| a year of ${section.stepMs / 1000}-s points (${section.points.toLocaleString("en")}) on disk | total | bytes per point | target |`,
    "|---|---|---|---|",
    ...ok.map((s) => {
      const { disk } = section[s] as YearOnDisk;
      const target = ISSUE_17.bytesPerPoint[s];
      return `| ${NAMES[s]} | ${(disk.totalBytes / 2 ** 20).toFixed(1)} MB | ${verdict(disk.bytesPerPoint.toFixed(2), disk.bytesPerPoint, target)} | ${bound(target)} |`;
    }),
    ...PEER_BYTES_PER_POINT.map((p) => `| ${p.peer} (issue 17, 10-s points) | | ${p.bytesPerPoint}${p.note ? ` (${p.note})` : ""} | |`),
    // At 60-s steps a 1-minute rollup row stands for one point instead of six, so rollups weigh six times more per point.
    ...(section.stepMs === TARGET_STEP_MS ? [] : ["", `The targets and peers are for ${TARGET_STEP_MS / 1000}-s points (a run without --quick); at ${section.stepMs / 1000}-s steps rollups weigh more per point.`]),
  ];
  for (const s of ok) {
    const { disk } = section[s] as YearOnDisk;
    lines.push("", `| ${NAMES[s]}: each table and index | size | bytes per point | share |`, "|---|---|---|---|", ...relationRows(disk));
  }
  lines.push("", ...rawReadLines(section), ...failures);
  return lines.join("\n");
}

function rawReadLines(section: StorageSection): string[] {
  const vm = section.victoriaMetrics;
  const peer = vm && !("error" in vm) ? vm : undefined;
  const row = (name: string, r: RawReadFigures, target: string) =>
    `| ${name} | ${r.points.toLocaleString("en")} | ${r.requests} | ${r.serverMs ? ms(r.serverMs.p50) : "—"} | ${ms(r.clientMs.p50)} / ${ms(r.clientMs.p95)} ${target} |`;
  const rows = (["sqlite", "postgres"] as const).flatMap((s) => {
    const result = section[s];
    if (!measured(result)) return [];
    const pass = (figure: number, against = peer) => (against ? (meets(figure, atMost(against.clientMs.p50)) ? "✓" : "✗") : "");
    const scan = result.rawScan;
    const alongside = result.windowPeer;
    return [
      row(`deploylines on ${NAMES[s]}, series route at maxPoints = the raw count (every point as JSON)`, result.rawRead, pass(result.rawRead.clientMs.p50)),
      row(
        `deploylines on ${NAMES[s]}, check route: avg over a ${RAW_READ_DAYS}-day window (one number, as avg_over_time)${alongside ? ", against the next row" : ""}`,
        result.windowRead,
        pass(result.windowRead.clientMs.p50, alongside ?? peer),
      ),
      ...(alongside ? [row(`VictoriaMetrics, avg_over_time(…[${RAW_READ_DAYS}d]) asked alternately with that check, ${WINDOW_READ_SCALE} requests each in turn`, alongside, "")] : []),
      `| deploylines on ${NAMES[s]}, the engine's scan in process (decoded and averaged, no HTTP) | ${scan.points.toLocaleString("en")} | — | — | ${ms(scan.ms.p50)} / ${ms(scan.ms.p95)} ${pass(scan.ms.p50)} |`,
    ];
  });
  const target = peer ? `≤ VictoriaMetrics' ${ms(peer.clientMs.p50)} ms on its own (last row), the check route's ≤ the one alternated with it` : "≤ VictoriaMetrics' (not run)";
  return [
    `| ${RAW_READ_DAYS}-day read of every raw point | points | requests | server p50 ms | client p50 / p95 ms (target: p50 ${target}) |`,
    "|---|---|---|---|---|",
    ...rows,
    peer ? row(`VictoriaMetrics, avg_over_time(…[${RAW_READ_DAYS}d]) on its own, after both stores`, peer, "") : `| VictoriaMetrics | ${vm === null ? "not installed" : `failed: ${(vm as Failed | undefined)?.error}`} | | | |`,
  ];
}
