// The benchmark of issue 8: ingest over HTTP and Graphite TCP, series read latency and the
// service dashboard's render time, against the built app on a fresh SQLite file and a fresh
// PostgreSQL database (DEPLOYLINES_TEST_PG_URL, local by default, `off` to skip).
//   npm run build && npm run bench [-- --quick] [-- --only stores|storage|floor|labelled|cli-check|listeners|hardening|pages|sources] [-- --compare <results.json>]
// Loopback only; stops by itself; writes bench/results.json.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { testPgUrl } from "@/lib/testing/pg-url";
import { freePort, startTestServer, type TestServer, type TestServerOptions } from "@/lib/testing/server";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";
import { cliCheckLine, measureCliCheck, type CliCheckFigures } from "./app/cli-check";
import { DASHBOARD_CHARTS, DASHBOARD_DEPLOYS, measureDashboard, seedDashboard } from "./app/dashboard-render";
import { measureGraphiteIngest } from "./app/graphite-ingest";
import { HTTP_BATCH_POINTS, measureHttpIngest } from "./app/http-ingest";
import { benchListeners, listenerLines, type ListenerFigures } from "./app/listeners";
import { measurePages, pagesTable, startTeamServer, type PageTiming } from "./app/pages";
import { progressLine, step } from "./app/progress";
import { machineInfo, resultTable, type StoreFigures, type StoreResult } from "./app/report";
import { measureSeriesLatency, QUERY_RANGES, seedYear, yearOfPoints, type Latency, type QueryRange } from "./app/series-latency";
import { compareLines } from "./app/compare";
import { measureVictoriaIngest, type PeerIngestFigures } from "./app/peer-ingest";
import { loadVictoriaYear, measureVictoriaRawRead, WINDOW_READ_SCALE } from "./app/raw-read";
import { measureHealth, measureRequestFloor, requestFloorLines, type RequestFloorFigures } from "./app/request-floor";
import { measureYearOnDisk, storageLines, YEAR_RETENTION, type StorageSection } from "./app/storage-section";
import { processTreeRssMb } from "./app/server-memory";
import { hardeningRows, measureHardening, type HardeningFigures } from "./app/hardening";
import { benchSources, sourcesTable, type SourceFigures } from "./app/sources";
import { labelledIngestLines, measureLabelledIngest, type LabelledIngestFigures } from "./app/labelled-ingest";

const quick = process.argv.includes("--quick");
// `--only <section>` runs one section alone (e.g. on a shared machine, where the full run is too heavy).
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const wants = (section: string) => only === undefined || only === section;
// `--compare <results.json>` prints before → after for every figure the earlier file and this run both hold.
const compareWith = process.argv.includes("--compare") ? process.argv[process.argv.indexOf("--compare") + 1] : undefined;
const PLAN = quick
  ? { httpPoints: 200_000, graphiteLines: 200_000, yearStepMs: 60_000, queryRuns: 20, dashboardRuns: 3, deadlineMs: 6 * 60_000 }
  : { httpPoints: 1_000_000, graphiteLines: 1_000_000, yearStepMs: 10_000, queryRuns: 50, dashboardRuns: 5, deadlineMs: 30 * 60_000 };

type StoreName = "sqlite" | "postgres";
const servers = new Set<TestServer>();
const cleanups: (() => Promise<unknown>)[] = [];

async function benchStore(store: StoreName, env: Record<string, string>): Promise<StoreFigures> {
  const machine = machineInfo();
  step(store, "starting the built app");
  const graphitePort = await freePort();
  const server = await startTestServer({ ...env, DEPLOYLINES_GRAPHITE_PORT: String(graphitePort) });
  servers.add(server);
  cleanups.push(async () => fs.rmSync(server.dir, { recursive: true, force: true }));
  try {
    step(store, `HTTP ingest of ${PLAN.httpPoints.toLocaleString("en")} points in ${HTTP_BATCH_POINTS.toLocaleString("en")}-point JSON batches, 2 requests in flight`);
    const http = await measureHttpIngest(server, PLAN.httpPoints, progressLine("points", PLAN.httpPoints));

    step(store, `Graphite TCP ingest of ${PLAN.graphiteLines.toLocaleString("en")} lines on one connection, until all are readable`);
    const graphite = await measureGraphiteIngest(server, graphitePort, PLAN.graphiteLines, progressLine("lines stored", PLAN.graphiteLines), 5 * 60_000);

    const yearPoints = Math.floor(QUERY_RANGES["1y"] / PLAN.yearStepMs);
    step(store, `seeding one metric with a year of ${PLAN.yearStepMs / 1000}-s points (${yearPoints.toLocaleString("en")}) for the series reads`);
    const year = await seedYear(server, PLAN.yearStepMs, progressLine("points", yearPoints));
    const latency = {} as Record<QueryRange, Latency>;
    for (const range of Object.keys(QUERY_RANGES) as QueryRange[]) {
      step(store, `series read of the last ${range} at maxPoints=1000, ${PLAN.queryRuns} runs`);
      latency[range] = await measureSeriesLatency(server, year.metric, year.end, range, PLAN.queryRuns);
    }

    step(store, `dashboard: ${DASHBOARD_CHARTS} charts and ${DASHBOARD_DEPLOYS} deploys in headless Chromium, ${PLAN.dashboardRuns} runs after a warm-up`);
    const deployIds = await seedDashboard(server);
    const dashboard = await measureDashboard(server, deployIds, PLAN.dashboardRuns);

    return {
      ingestHttpPointsPerSec: http.pointsPerSec,
      ingestHttpPoints: PLAN.httpPoints,
      ingestGraphiteLinesPerSec: graphite.linesPerSec,
      ingestGraphiteLines: PLAN.graphiteLines,
      query1dP50Ms: latency["1d"].serverP50Ms,
      query1dP95Ms: latency["1d"].serverP95Ms,
      query30dP50Ms: latency["30d"].serverP50Ms,
      query30dP95Ms: latency["30d"].serverP95Ms,
      query1yP50Ms: latency["1y"].serverP50Ms,
      query1yP95Ms: latency["1y"].serverP95Ms,
      queryNote:
        `server-side (Server-Timing "store" of GET /api/v1/series), ${PLAN.queryRuns} runs after 3 warm-ups, ` +
        `one metric with a year of ${PLAN.yearStepMs / 1000}-s points (${year.points.toLocaleString("en")})`,
      queryClientMs: Object.fromEntries(
        Object.entries(latency).map(([range, l]) => [range, { p50: l.clientP50Ms, p95: l.clientP95Ms, resolution: l.resolution, points: l.points }]),
      ),
      dashboardReadyMs: dashboard.readyMs,
      dashboardRunsMs: dashboard.runsMs,
      dashboardInteractiveMs: dashboard.interactiveMs,
      dashboardInteractiveRunsMs: dashboard.interactiveRunsMs,
      dashboardSettledMs: dashboard.settledMs,
      dashboardSettledRunsMs: dashboard.settledRunsMs,
      dashboardPhases: dashboard.phases,
      serverRssMb: processTreeRssMb(server.pid),
      machine,
    };
  } finally {
    await server.stop();
    servers.delete(server);
  }
}

/** Starts the built app on a fresh SQLite file (or the database `env` names) for one section, and stops it afterwards. */
async function withFreshServer<T>(measure: (server: TestServer) => Promise<T>, env: Record<string, string> = {}, options: TestServerOptions = {}): Promise<T> {
  const server = await startTestServer(env, options);
  servers.add(server);
  cleanups.push(async () => fs.rmSync(server.dir, { recursive: true, force: true }));
  try {
    return await measure(server);
  } finally {
    await server.stop();
    servers.delete(server);
  }
}

async function benchCliCheck(): Promise<CliCheckFigures | { error: string }> {
  const runs = quick ? 15 : 40;
  step("cli", `deploylines check as Nagios runs it: npm pack, install, ${runs} runs against a started server`);
  try {
    return await withFreshServer((server) => measureCliCheck(server, runs));
  } catch (error) {
    console.error("[cli] failed:", error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Issue 11's section, on a fresh SQLite server of its own (it writes 100k names and oversized bodies). */
async function benchHardening(): Promise<HardeningFigures> {
  step("hardening", "starting the built app");
  return withFreshServer((server) => measureHardening(server, "hardening"));
}

/**
 * Issue 17's storage section: the year of points in each store, sized and read raw, beside
 * VictoriaMetrics holding the same points: asked alternately with each store's check route, then
 * on its own.
 */
async function benchStorage(): Promise<StorageSection> {
  const year = yearOfPoints(PLAN.yearStepMs);
  const section: StorageSection = { stepMs: year.stepMs, points: year.total, retention: YEAR_RETENTION };
  const runs = quick ? 10 : 20;
  const vm = await loadVictoriaYear(year, (line) => step("storage victoria-metrics", line)).catch((error: Error) => ({ error: error.message }));
  const peer = vm && !("error" in vm) ? vm : undefined;
  try {
    const stores: [StoreName, () => Promise<Record<string, string> | undefined>][] = [["sqlite", async () => ({})], ["postgres", postgresEnv]];
    for (const [store, env] of stores) {
      try {
        const storeEnv = await env();
        if (!storeEnv) continue;
        step(`storage ${store}`, "starting the built app");
        section[store] = await withFreshServer(
          (server) => measureYearOnDisk(server, store, storeEnv.DATABASE_URL, year, runs, (line) => step(`storage ${store}`, line), peer),
          { ...storeEnv, DEPLOYLINES_RETENTION: YEAR_RETENTION },
        );
      } catch (error) {
        console.error(`[storage ${store}] failed:`, error);
        section[store] = { error: error instanceof Error ? error.message : String(error) };
      }
    }
    if (vm && !("error" in vm)) {
      step("storage victoria-metrics", `avg_over_time over ${vm.points.toLocaleString("en")} samples on its own, ${runs * WINDOW_READ_SCALE} runs`);
      section.victoriaMetrics = await measureVictoriaRawRead(vm, runs).catch((error: Error) => ({ error: error.message }));
    } else section.victoriaMetrics = vm;
  } finally {
    await peer?.stop();
  }
  return section;
}

/**
 * Issue 17's request floor on a fresh SQLite server holding the bench's year of points, and the
 * health check again under `next start`, where it goes through Next.js' router as lean routes do not.
 */
async function benchFloor(): Promise<RequestFloorFigures> {
  step("floor", "starting the built app");
  const runs = quick ? 300 : 1_000;
  const floor = await withFreshServer(async (server) => {
    const year = yearOfPoints(PLAN.yearStepMs);
    step("floor", `seeding a year of ${year.stepMs / 1000}-s points (${year.total.toLocaleString("en")})`);
    await seedYear(server, year.stepMs, progressLine("points", year.total), year);
    step("floor", `health and the 30-day read at maxPoints=1000, ${runs} runs each on one keep-alive connection`);
    return measureRequestFloor(server, year.metric, year.end, runs, 100);
  });
  step("floor", `health under next start (through Next.js' router), ${runs} runs`);
  const routed = await withFreshServer((server) => measureHealth(server, runs, 100), {}, { nextStart: true });
  return { ...floor, healthNextRouterMs: routed };
}

async function postgresEnv(): Promise<Record<string, string> | undefined> {
  const baseUrl = testPgUrl();
  if (!baseUrl) return undefined;
  const database = await createThrowawayDatabase(baseUrl);
  cleanups.push(() => database.drop());
  return { DATABASE_URL: database.url };
}

async function postgresVersion(): Promise<string | undefined> {
  const baseUrl = testPgUrl();
  if (!baseUrl) return undefined;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
  } finally {
    await client.end();
  }
}

async function cleanUp(): Promise<void> {
  await Promise.all([...servers].map((s) => s.kill()));
  for (const cleanup of cleanups.reverse()) await cleanup().catch((e: Error) => console.error(`cleanup: ${e.message}`));
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.resolve(".next/BUILD_ID"))) {
    console.error("No build found (.next/BUILD_ID): run `npm run build` first; the benchmark measures the built app.");
    process.exit(2);
  }
  const before = compareWith === undefined ? undefined : (JSON.parse(fs.readFileSync(path.resolve(compareWith), "utf8")) as Record<string, unknown>);
  const watchdog = setTimeout(() => {
    console.error(`benchmark over its ${PLAN.deadlineMs / 60_000}-minute limit; stopping`);
    void cleanUp().finally(() => process.exit(1));
  }, PLAN.deadlineMs);
  const began = performance.now();
  // Taken before anything runs: on a shared machine the load average says how far to trust the figures.
  const machine = machineInfo();
  console.log(`deploylines benchmark${quick ? " (--quick: fewer points, the year of points at 60 s instead of 10 s)" : ""}, load average ${machine.loadAverage.join(" ")} on ${machine.cpus} cores`);

  const results: { sqlite?: StoreResult; postgres?: StoreResult; cliCheck?: CliCheckFigures | { error: string }; listeners?: ListenerFigures | { error: string }; hardening?: HardeningFigures; pages?: PageTiming[] | { error: string }; labelled?: LabelledIngestFigures | { error: string }; sources?: SourceFigures[] | { error: string }; victoriaMetricsIngest?: PeerIngestFigures | { error: string } | null; storage?: StorageSection; floor?: RequestFloorFigures | { error: string } } = {};
  const run = async (store: StoreName, env: () => Promise<Record<string, string> | undefined>) => {
    try {
      const storeEnv = await env();
      if (!storeEnv) return void console.log(`[${store}] skipped (DEPLOYLINES_TEST_PG_URL=off)`);
      results[store] = await benchStore(store, storeEnv);
    } catch (error) {
      console.error(`[${store}] failed:`, error);
      results[store] = { error: error instanceof Error ? error.message : String(error), machine: machineInfo() };
    }
  };
  if (wants("stores")) {
    await run("sqlite", async () => ({}));
    await run("postgres", postgresEnv);
    step("victoria-metrics", `HTTP import of the same ${PLAN.httpPoints.toLocaleString("en")} points, for the ingest targets`);
    results.victoriaMetricsIngest = await measureVictoriaIngest(PLAN.httpPoints, progressLine("points", PLAN.httpPoints)).catch((error: Error) => {
      console.error("[victoria-metrics] failed:", error);
      return { error: error.message };
    });
  }
  if (wants("storage")) results.storage = await benchStorage();
  if (wants("floor")) {
    results.floor = await benchFloor().catch((error: Error) => {
      console.error("[floor] failed:", error);
      return { error: error.message };
    });
  }
  if (wants("labelled")) {
    step("labelled", "plain against labelled JSON ingest, OTLP and remote_write requests on a fresh SQLite server");
    results.labelled = await withFreshServer((server) => measureLabelledIngest(server, quick)).catch((error: Error) => ({ error: error.message }));
  }
  if (wants("cli-check")) results.cliCheck = await benchCliCheck();
  if (wants("listeners")) {
    try {
      results.listeners = await benchListeners(quick);
    } catch (error) {
      console.error("[listeners] failed:", error);
      results.listeners = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  if (wants("hardening")) results.hardening = await benchHardening();
  if (wants("pages")) {
    try {
      results.pages = await benchPages();
    } catch (error) {
      console.error("[pages] failed:", error);
      results.pages = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  if (wants("sources")) {
    try {
      results.sources = await benchSources(quick);
    } catch (error) {
      console.error("[sources] failed:", error);
      results.sources = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  const pgServer = await postgresVersion().catch(() => undefined);
  if (pgServer && results.postgres) Object.assign(results.postgres.machine, { postgresVersion: pgServer });
  await cleanUp();
  clearTimeout(watchdog);

  if (wants("stores")) console.log(`\n${resultTable(results)}\n`);
  if (results.storage) console.log(`\n${storageLines(results.storage)}\n`);
  if (results.floor) console.log("error" in results.floor ? `request floor failed: ${results.floor.error}` : `\n${requestFloorLines(results.floor)}\n`);
  if (results.labelled) console.log("error" in results.labelled ? `labelled ingest failed: ${results.labelled.error}` : `\n${labelledIngestLines(results.labelled)}\n`);
  if (results.cliCheck) console.log("error" in results.cliCheck ? `cli check failed: ${results.cliCheck.error}` : cliCheckLine(results.cliCheck));
  if (results.listeners && !("error" in results.listeners)) console.log(`\n${listenerLines(results.listeners)}\n`);
  if (results.hardening) console.log(`\n| hardening (SQLite) | |\n|---|---|\n${hardeningRows(results.hardening).join("\n")}\n`);
  if (results.pages) console.log("error" in results.pages ? `pages failed: ${results.pages.error}` : `\n${pagesTable(results.pages)}\n`);
  if (results.sources) console.log("error" in results.sources ? `sources failed: ${results.sources.error}` : `\n${sourcesTable(results.sources)}\n`);
  const note = [results.sqlite, results.postgres].find((r) => r && "queryNote" in r) as StoreFigures | undefined;
  if (note) console.log(`series latency: ${note.queryNote}; client round trips are in results.json`);
  console.log(`Total ${((performance.now() - began) / 1000).toFixed(0)} s.`);
  const file = only ? `results-${only}.json` : "results.json";
  const after = { quick, machine, ...results };
  fs.writeFileSync(path.join(import.meta.dirname, file), `${JSON.stringify(after, null, 2)}\n`);
  console.log(`wrote bench/${file}`);
  if (before && compareWith) console.log(`\n${compareLines(before, after, compareWith)}\n`);
}

/** Every page's server and browser time on DEPLOYLINES_DEMO=team (issue 16). */
async function benchPages(): Promise<PageTiming[]> {
  step("pages", "starting the built app on the team-sized demo (50 services, ~20,000 series, ~5,000 deploys)");
  const server = await startTeamServer((line) => step("pages", line));
  servers.add(server);
  cleanups.push(async () => fs.rmSync(server.dir, { recursive: true, force: true }));
  try {
    step("pages", "each page: server time over 5 runs, browser-ready time over 3, after a warm-up");
    return await measurePages(server);
  } finally {
    await server.stop();
    servers.delete(server);
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

main().catch(async (error) => {
  console.error(error);
  await cleanUp();
  process.exit(1);
});
