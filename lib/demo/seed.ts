import "server-only";
import { createHash } from "node:crypto";
import { recordDeployment } from "@/lib/deploys/record";
import type { DarkLaunchSampleInsert, Store } from "@/lib/store/types";
import { criteriaSchema } from "@/lib/verdicts/criteria-schema";
import { writeDemoOtlp } from "./otel-feed";
import { DEMO_METRICS, DEMO_SERVICE, DEMO_STEP_MS, demoPlan, demoShadowSample, demoValue, type DemoPlan } from "./simulation";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const DEMO_KEY = "demo";

/**
 * The demo team's success criteria. Both rules take the window's average, not its max or p95:
 * the simulated p95 has an occasional one-minute spike that would fill a 10-minute window's top
 * 5%, and errors stay high for a minute after the rollback finishes — either would fail ordinary
 * deploys (and the rollback) for noise. Against a 30-minute baseline the daily load ramp moves
 * p95 only a few percent, well inside the 20% allowed.
 */
/** The OpenTelemetry side of the demo covers the last days (a minute a point, 2 instances × 3 routes). */
const OTEL_HISTORY_MS = 3 * 86_400_000;
/** Where the OTLP feed got to, for the live feed to go on from. */
export const DEMO_OTLP_KEY = "demo:last-otlp";

export const DEMO_CRITERIA = criteriaSchema.parse({
  windowMinutes: 10,
  baselineMinutes: 30,
  rules: [
    { metric: "auth.api.errors.rate", agg: "avg", below: 1 },
    { metric: "auth.api.latency.p95", agg: "avg", maxIncreasePct: 20, severity: "degraded" },
  ],
});

export interface DemoState {
  anchor: number;
  seededAt: number;
}

/** The demo plan of a seeded database, or undefined when the demo was never seeded. */
export async function loadDemoPlan(store: Store): Promise<DemoPlan | undefined> {
  const state = await store.getSetting<DemoState>(DEMO_KEY);
  return state ? demoPlan(state.anchor) : undefined;
}

/**
 * Seeds fourteen days of the simulated auth service: metrics every 10 s, builds, deploys to
 * test then prod, one bad deploy and its rollback, a build that failed in test, a rolling
 * deploy, and a dark launch whose match rate climbs. Idempotent: a seeded database is left alone.
 */
export async function seedDemo(store: Store, now = Date.now()): Promise<{ points: number; deployments: number } | null> {
  if (await store.getSetting(DEMO_KEY)) return null;
  if (!(await store.tryLease("demo-seed", `seed-${process.pid}`, 10 * 60_000))) return null;
  const anchor = Math.floor(now / HOUR) * HOUR - 14 * DAY;
  const plan = demoPlan(anchor);
  const points = await seedMetrics(store, plan, anchor, now);
  const deployments = await seedDeploys(store, plan, now);
  // After the deploys: the versions the OTLP exports report are then matched against them.
  const otel = await writeDemoOtlp(store, plan, Math.max(anchor, now - OTEL_HISTORY_MS), now);
  await store.setSetting(DEMO_OTLP_KEY, now);
  await seedDarkLaunch(store, plan, now);
  await store.upsertService(DEMO_SERVICE, {
    criteria: DEMO_CRITERIA,
    logUrlTemplate: "https://logs.example.com/app/discover#/?_a=(query:'service:{service}')&_g=(time:(from:'{from}',to:'{to}'))",
    commitUrlTemplate: "https://git.example.com/auth/commit/{sha}",
  });
  await store.setSetting(DEMO_KEY, { anchor, seededAt: now } satisfies DemoState);
  return { points: points + otel.points, deployments: deployments + otel.detected };
}

/** Writes demo metric points in [from, to) in batches; returns how many. */
export async function writeDemoMetrics(store: Store, plan: DemoPlan, from: number, to: number): Promise<number> {
  let total = 0;
  const batchSpan = 6 * HOUR;
  for (let start = Math.ceil(from / DEMO_STEP_MS) * DEMO_STEP_MS; start < to; start += batchSpan) {
    const end = Math.min(to, start + batchSpan);
    const series = DEMO_METRICS.map((m) => {
      const points: [number, number][] = [];
      for (let ts = start; ts < end; ts += DEMO_STEP_MS) {
        const value = demoValue(plan, m.name, ts);
        if (value !== null) points.push([ts, value]);
      }
      return { metric: m.name, kind: m.kind, unit: m.unit, points };
    }).filter((s) => s.points.length > 0);
    if (series.length === 0) continue;
    const result = await store.ingest({ series });
    total += result.points;
  }
  return total;
}

async function seedMetrics(store: Store, plan: DemoPlan, anchor: number, now: number): Promise<number> {
  return writeDemoMetrics(store, plan, anchor, now);
}

/**
 * A release's commits since the build before it: its own (the release's change) and a small
 * follow-up or two, newest first. A follow-up's sha is a hash of the release's and its place, so
 * the pages' 10-character short shas tell them apart.
 */
export function demoCommits(release: DemoPlan["releases"][number]) {
  const followUps = ["Tests for the change", "Update dependencies", "Tidy logging"];
  const extra = parseInt(release.commit.slice(0, 2), 16) % 3;
  const older = Array.from({ length: extra }, (_, i) => ({
    sha: createHash("sha1").update(`${release.commit}/${i + 1}`).digest("hex").slice(0, release.commit.length),
    message: followUps[(parseInt(release.commit.slice(2, 4), 16) + i) % followUps.length],
    author: release.author,
    at: release.committedAt - (i + 1) * 20 * 60_000,
  }));
  return [{ sha: release.commit, message: release.description, author: release.author, at: release.committedAt }, ...older];
}

async function seedDeploys(store: Store, plan: DemoPlan, now: number): Promise<number> {
  let count = 0;
  let buildNumber = 4100;
  for (const release of plan.releases) {
    if (release.builtAt > now) break;
    buildNumber++;
    await store.upsertBuild({
      service: DEMO_SERVICE,
      version: release.version,
      commit: release.commit,
      branch: "main",
      author: release.author,
      artifactUrl: `https://artifacts.example.com/auth/auth-${release.version}.tar.gz`,
      ciUrl: `https://ci.example.com/auth/builds/${buildNumber}`,
      committedAt: release.committedAt,
      createdAt: release.builtAt,
      commits: demoCommits(release),
    });
    const common = { service: DEMO_SERVICE, version: release.version, commit: release.commit, author: release.author, description: release.description };
    if (release.test && release.test.startedAt <= now) {
      await recordDeployment(store, { ...common, environment: "test", kind: "deploy", strategy: "all-at-once", ...release.test });
      count++;
    }
    if (release.prod && release.prod.startedAt <= now) {
      const { deployment } = await recordDeployment(store, {
        ...common,
        environment: "prod",
        kind: "deploy",
        strategy: release.prod.strategy,
        status: "succeeded",
        startedAt: release.prod.startedAt,
        finishedAt: release.prod.finishedAt,
        instancesDone: release.prod.strategy === "rolling" ? 10 : null,
        instancesTotal: release.prod.strategy === "rolling" ? 10 : null,
      });
      count++;
      if (release.prod.bad) {
        await recordDeployment(store, {
          service: DEMO_SERVICE,
          environment: "prod",
          version: deployment.previousVersion ?? "unknown",
          kind: "rollback",
          strategy: "all-at-once",
          status: "succeeded",
          author: "oncall.ana",
          reason: `p95 latency and error rate up after ${release.version}`,
          rollbackOf: deployment.id,
          startedAt: plan.rollback.startedAt,
          finishedAt: plan.rollback.finishedAt,
        });
        count++;
      }
    }
  }
  for (const candidate of plan.darkLaunch) {
    if (candidate.startedAt > now) continue;
    await recordDeployment(store, {
      service: DEMO_SERVICE,
      environment: "dark",
      version: candidate.version,
      kind: "deploy",
      strategy: "all-at-once",
      status: "succeeded",
      author: "li.wei",
      description: "Dark launch of the auth rewrite: receives mirrored production traffic",
      startedAt: candidate.startedAt,
      finishedAt: candidate.startedAt + 4 * 60_000,
    });
    count++;
  }
  return count;
}

/** Mirrored-request samples every 30 s from the first candidate on (the live feed adds more). */
async function seedDarkLaunch(store: Store, plan: DemoPlan, now: number): Promise<void> {
  const first = plan.darkLaunch[0].startedAt;
  if (first > now) return;
  await writeDemoSamples(store, plan, first, now, 30_000);
  const current = [...plan.darkLaunch].reverse().find((r) => r.startedAt <= now);
  await store.upsertDarkLaunch(DEMO_SERVICE, { candidateVersion: current?.version ?? null, state: "running" });
}

/** Writes one mirrored-request sample every `stepMs` in [from, to). */
export async function writeDemoSamples(store: Store, plan: DemoPlan, from: number, to: number, stepMs: number): Promise<number> {
  const samples: DarkLaunchSampleInsert[] = [];
  for (let ts = Math.ceil(from / stepMs) * stepMs; ts < to; ts += stepMs) {
    const seq = Math.floor(ts / 1000);
    const s = demoShadowSample(plan, ts, seq);
    if (!s) continue;
    const path = s.endpoint.path.replace("{id}", String(1000 + (seq % 9000)));
    samples.push({
      service: DEMO_SERVICE,
      ts,
      method: s.endpoint.method,
      path,
      endpoint: `${s.endpoint.method} ${s.endpoint.path.replace("{id}", ":id")}`,
      primaryStatus: 200,
      candidateStatus: s.candidateStatus,
      match: s.match,
      primaryMs: s.primaryMs,
      candidateMs: s.candidateMs,
      candidateError: null,
      diff: s.match
        ? null
        : s.candidateStatus !== 200
          ? [{ path: "status", primary: 200, candidate: s.candidateStatus }]
          : [{ path: "$.expires_in", primary: 3600, candidate: "3600" }],
    });
  }
  return store.addDarkLaunchSamples(samples);
}
