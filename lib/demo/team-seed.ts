import "server-only";
import type { DeploymentImport, Store } from "@/lib/store/types";
import { badWindows, BUSY_SERVICE, TEAM_DAYS, TEAM_SERVICES, teamDeploys, teamMetrics, teamValue, type TeamDeploy } from "./team-plan";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const TEAM_KEY = "demo:team";
/** Points per ingest call: big enough that per-transaction cost vanishes, small enough to bound memory. */
const POINTS_PER_BATCH = 200_000;

export interface TeamSeedResult {
  services: number;
  series: number;
  points: number;
  deployments: number;
  ms: number;
}

/**
 * Seeds the team-sized demo beside the auth one: 50 services, ~20,000 series and ~5,000 deploys
 * over 30 days. Deploys first (batched inserts), then metrics in large batches (about 3.5 M
 * points: the busy service's and every service's headline metrics every 10 minutes, the long
 * tail every 12 hours). Idempotent: a seeded database is left alone. It takes some seconds, so
 * the server runs it in the background and it logs its progress.
 */
export async function seedTeamDemo(store: Store, now = Date.now(), log: (line: string) => void = console.log): Promise<TeamSeedResult | null> {
  if (await store.getSetting(TEAM_KEY)) return null;
  if (!(await store.tryLease("demo-team-seed", `seed-${process.pid}`, 10 * 60_000))) return null;
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const anchor = Math.floor(now / HOUR) * HOUR - TEAM_DAYS * DAY;
  let deployments = 0;
  const deploysOf = new Map(TEAM_SERVICES.map((service) => [service, teamDeploys(anchor, service).filter((d) => d.startedAt <= now)]));
  for (const deploys of deploysOf.values()) deployments += await writeTeamDeploys(store, deploys, now);
  await store.upsertService(BUSY_SERVICE, { keyMetrics: [`${BUSY_SERVICE}.api.read.latency.p95`, `${BUSY_SERVICE}.api.read.errors.rate`] });
  log(`[deploylines] team demo: ${deployments} deploys of ${TEAM_SERVICES.length} services (${elapsed()}); now their metrics`);
  let points = 0;
  let series = 0;
  for (const [i, service] of TEAM_SERVICES.entries()) {
    const written = await writeTeamMetrics(store, service, badWindows(deploysOf.get(service)!), anchor, now);
    points += written.points;
    series += written.series;
    if ((i + 1) % 10 === 0 || i === 0) log(`[deploylines] team demo: metrics of ${i + 1}/${TEAM_SERVICES.length} services, ${series} series, ${(points / 1e6).toFixed(1)} M points (${elapsed()})`);
  }
  await store.setSetting(TEAM_KEY, { anchor, seededAt: now });
  return { services: TEAM_SERVICES.length, series, points, deployments, ms: Date.now() - started };
}

async function writeTeamMetrics(store: Store, service: string, bad: [number, number][], anchor: number, now: number) {
  let points = 0;
  let batch: { metric: string; unit: string; kind: "gauge"; points: [number, number][] }[] = [];
  let pending = 0;
  const flush = async () => {
    if (batch.length > 0) points += (await store.ingest({ series: batch })).points;
    batch = [];
    pending = 0;
  };
  const metrics = teamMetrics(service);
  for (const metric of metrics) {
    const series: [number, number][] = [];
    let w = 0;
    for (let ts = Math.ceil(anchor / metric.stepMs) * metric.stepMs; ts <= now; ts += metric.stepMs) {
      while (w < bad.length && bad[w][1] < ts) w++;
      series.push([ts, teamValue(metric, ts, w < bad.length && bad[w][0] <= ts)]);
    }
    batch.push({ metric: metric.name, unit: metric.unit, kind: "gauge", points: series });
    pending += series.length;
    if (pending >= POINTS_PER_BATCH) await flush();
  }
  await flush();
  return { points, series: metrics.length };
}

/**
 * Records the deploys with their verdicts in two batched inserts (deploys, then the rollbacks
 * naming them). Their impact is stored as analysed with nothing moved, so the impact job does
 * not re-read 20,000 series' history for 5,000 old deploys.
 */
async function writeTeamDeploys(store: Store, deploys: TeamDeploy[], now: number): Promise<number> {
  const window = 30 * 60_000;
  const row = ({ verdict, undoes: _undoes, ...d }: TeamDeploy, rollbackOf: number | null): DeploymentImport => ({
    ...d,
    rollbackOf,
    source: "demo",
    instancesDone: d.strategy === "rolling" ? 10 : null,
    instancesTotal: d.strategy === "rolling" ? 10 : null,
    verdictStatus: verdict,
    verdict: { evidence: [], note: "seeded by the team demo" },
    verdictAt: d.finishedAt + 10 * 60_000,
    impact: {
      before: { from: d.startedAt - window, to: d.startedAt },
      after: { from: d.finishedAt, to: d.finishedAt + window },
      dayBefore: { from: d.startedAt - DAY - window, to: d.startedAt - DAY },
      movers: [],
      windowMinutes: 30,
      computedAt: now,
      final: true,
    },
  });
  const firsts = deploys.filter((d) => d.undoes === undefined);
  const ids = await store.importDeployments(firsts.map((d) => row(d, null)));
  const idOf = new Map(firsts.map((d, i) => [d, ids[i]]));
  const rollbacks = deploys.filter((d) => d.undoes !== undefined);
  if (rollbacks.length > 0) await store.importDeployments(rollbacks.map((d) => row(d, idOf.get(deploys[d.undoes!]) ?? null)));
  return deploys.length;
}
