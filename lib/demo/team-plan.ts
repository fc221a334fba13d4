/**
 * The team-sized demo (`DEPLOYLINES_DEMO=team`): 50 services, 20,000 series and 5,000 deploys
 * over 30 days, beside the auth story. A deterministic function of its anchor, like the auth
 * demo, so re-seeding changes nothing and tests can rely on its shape.
 */
import { hash } from "./simulation";

const HOUR = 3_600_000;
const DAY = 86_400_000;
export const TEAM_DAYS = 30;

/** The busy service: 200 metrics and 500 deploys in the 30 days. */
export const BUSY_SERVICE = "checkout";
const NAMED = [BUSY_SERVICE, "payments", "search", "catalog", "cart", "inventory", "shipping", "notifications", "billing", "accounts"];
/** 50 services besides auth. */
export const TEAM_SERVICES = [...NAMED, ...Array.from({ length: 40 }, (_, i) => `svc-${String(i + 1).padStart(2, "0")}`)];

const AREAS = ["api", "db", "cache", "queue", "worker", "grpc", "http", "jobs", "storage", "auth"];
const OPERATIONS = ["read", "write", "list", "admin", "sync", "batch", "export", "import"];
const MEASURES = [
  { suffix: "latency.p50", unit: "ms", base: 20 },
  { suffix: "latency.p95", unit: "ms", base: 60 },
  { suffix: "latency.p99", unit: "ms", base: 120 },
  { suffix: "requests.rate", unit: "req/s", base: 300 },
  { suffix: "errors.rate", unit: "%", base: 0.3 },
] as const;

export interface TeamMetric {
  name: string;
  unit: string;
  base: number;
  /** Sampling step: the service's headline metrics are dense, the long tail sparse. */
  stepMs: number;
}

/** The metrics of one team service: 200 for the busy one, 400 for each other (19,800 in all, about 20,000 with auth's). */
export function teamMetrics(service: string): TeamMetric[] {
  const operations = service === BUSY_SERVICE ? OPERATIONS.slice(0, 4) : OPERATIONS;
  const metrics: TeamMetric[] = [];
  for (const area of AREAS)
    for (const op of operations)
      for (const m of MEASURES) {
        const name = `${service}.${area}.${op}.${m.suffix}`;
        // "admin" sorts first, so the overview's sparkline (the first latency p95) is a dense one.
        const headline = area === "api" && (op === "admin" || op === "read");
        const stepMs = service === BUSY_SERVICE ? 10 * 60_000 : headline ? 10 * 60_000 : 12 * HOUR;
        metrics.push({ name, unit: m.unit, base: m.base * (0.6 + (hash(name.length, service.length) % 80) / 100), stepMs });
      }
  return metrics;
}

/** The metric the team demo writes last: once it has points, the whole demo is there. */
export function lastTeamMetric(): string {
  return teamMetrics(TEAM_SERVICES[TEAM_SERVICES.length - 1]).at(-1)!.name;
}

export interface TeamDeploy {
  service: string;
  environment: "test" | "prod";
  version: string;
  previousVersion: string | null;
  commit: string;
  author: string;
  kind: "deploy" | "rollback";
  strategy: "rolling" | "all-at-once";
  status: "succeeded" | "failed" | "rolled_back";
  verdict: "healthy" | "degraded" | "failed";
  startedAt: number;
  finishedAt: number;
  description: string;
  /** For a rollback: the index (in this service's list) of the deploy it undoes. */
  undoes?: number;
}

const AUTHORS = ["maria.k", "dev.patel", "sam.o", "li.wei", "jonas.b", "amara.n", "tom.r", "yuki.s"];

/**
 * Every team deploy in the 30 days after `anchor`: each release goes to test, then to prod
 * 40 minutes later (rolling or all at once). About one prod deploy in 25 fails or is rolled back
 * (and a rollback follows), one in 15 is judged degraded; five services end on a failed deploy. The busy service has 500 deploys, the
 * other 48 about 92 each: 5,000 in all.
 */
export function teamDeploys(anchor: number, service: string): TeamDeploy[] {
  const s = TEAM_SERVICES.indexOf(service);
  const releases = service === BUSY_SERVICE ? 240 : 45 + (s % 3);
  const deploys: TeamDeploy[] = [];
  let live = "1.0.0";
  for (let n = 0; n < releases; n++) {
    const h = hash(n, s + 100);
    const startedAt = anchor + Math.floor(((n + (h % 1000) / 1000) * TEAM_DAYS * DAY) / releases);
    const version = `1.${Math.floor(n / 10) + 1}.${n % 10}`;
    const common = { service, version, commit: (hash(n, s + 200) >>> 0).toString(16).padStart(8, "0"), author: AUTHORS[h % AUTHORS.length], description: `Release ${version} of ${service}` };
    deploys.push({ ...common, environment: "test", previousVersion: null, kind: "deploy", strategy: "all-at-once", status: "succeeded", verdict: "healthy", startedAt, finishedAt: startedAt + 2 * 60_000 });
    const rolling = h % 2 === 0;
    const prodStart = startedAt + 40 * 60_000;
    const prodEnd = prodStart + (rolling ? 10 + (h % 10) : 3) * 60_000;
    const bad = h % 25 === 3;
    // Every tenth service's latest release failed and is not rolled back yet: the overview's "failing".
    const failed = h % 25 === 7 || (n === releases - 1 && s % 10 === 5);
    deploys.push({
      ...common,
      environment: "prod",
      previousVersion: live,
      kind: "deploy",
      strategy: rolling ? "rolling" : "all-at-once",
      status: failed ? "failed" : bad ? "rolled_back" : "succeeded",
      verdict: bad || failed ? "failed" : h % 15 === 4 ? "degraded" : "healthy",
      startedAt: prodStart,
      finishedAt: prodEnd,
    });
    if (bad) {
      deploys.push({
        ...common,
        environment: "prod",
        version: live,
        previousVersion: version,
        kind: "rollback",
        strategy: "all-at-once",
        status: "succeeded",
        verdict: "healthy",
        startedAt: prodEnd + 15 * 60_000,
        finishedAt: prodEnd + 18 * 60_000,
        description: `Roll back ${version}: errors up`,
        undoes: deploys.length - 1,
      });
    } else if (!failed) live = version;
  }
  return deploys;
}

/** Deploys of a service whose bad effect shows in its metrics: from the bad deploy's start to the rollback's finish. */
export function badWindows(deploys: TeamDeploy[]): [number, number][] {
  return deploys.filter((d) => d.kind === "rollback" && d.undoes !== undefined).map((d) => [deploys[d.undoes!].startedAt, d.finishedAt]);
}

/** A team metric's value at a time: a daily load curve with noise, worse inside a bad window. */
export function teamValue(metric: TeamMetric, ts: number, bad: boolean): number {
  const hourOfDay = (ts % DAY) / HOUR;
  const load = 0.5 + 0.5 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
  const noise = (hash(Math.floor(ts / 60_000), metric.name.length * 31 + metric.base) % 10_000) / 10_000 - 0.5;
  const traffic = metric.unit === "req/s";
  const value = metric.base * (traffic ? 0.4 + load : 0.85 + 0.3 * load) * (1 + 0.12 * noise) * (bad && !traffic ? (metric.unit === "%" ? 8 : 1.9) : 1);
  return Math.round(value * 1000) / 1000;
}
