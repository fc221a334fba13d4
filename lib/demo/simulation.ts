/**
 * The demo's simulated Authorization & Authentication service: a deterministic function of
 * time, so the seeded history and the live feed agree and re-seeding changes nothing.
 */

export const DEMO_SERVICE = "auth";
export const DEMO_STEP_MS = 10_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const DEMO_METRICS = [
  { name: "auth.api.latency.p50", unit: "ms", kind: "gauge" },
  { name: "auth.api.latency.p95", unit: "ms", kind: "gauge" },
  { name: "auth.api.latency.p99", unit: "ms", kind: "gauge" },
  { name: "auth.api.requests.rate", unit: "req/s", kind: "gauge" },
  { name: "auth.api.errors.rate", unit: "%", kind: "gauge" },
  { name: "auth.host.cpu.percent", unit: "%", kind: "gauge" },
  { name: "auth.host.memory.mb", unit: "MB", kind: "gauge" },
  { name: "auth.mfa.challenges.rate", unit: "req/s", kind: "gauge" },
] as const;

export type DemoMetric = (typeof DEMO_METRICS)[number]["name"];

export interface DemoRelease {
  version: string;
  commit: string;
  author: string;
  description: string;
  builtAt: number;
  committedAt: number;
  test: { startedAt: number; finishedAt: number; status: "succeeded" | "failed" } | null;
  prod: { startedAt: number; finishedAt: number; strategy: "rolling" | "all-at-once"; bad: boolean } | null;
}

export interface DemoPlan {
  anchor: number;
  releases: DemoRelease[];
  badRelease: DemoRelease;
  rollback: { startedAt: number; finishedAt: number };
  mfaSince: number;
  darkLaunch: { version: string; startedAt: number; mismatchRate: number }[];
}

const AUTHORS = ["maria.k", "dev.patel", "sam.o", "li.wei", "jonas.b"];
const CHANGES = [
  "Cache JWKS keys for 5 minutes",
  "Add audit log for token refresh",
  "Tighten password hashing cost",
  "Refactor session store adapter",
  "Rate-limit failed logins per IP",
  "Upgrade OIDC client library",
  "Faster permission lookups for admin roles",
  "Add MFA challenge endpoint",
  "Trim token payload size",
  "Fix clock skew handling in token validation",
];

/** The fourteen days of releases, relative to an anchor 14 days before the seed. */
export function demoPlan(anchor: number): DemoPlan {
  const releases: DemoRelease[] = [];
  let minor = 20;
  const weekend = (day: number) => new Date(anchor + day * DAY).getUTCDay() % 6 === 0;
  // The story's days move past a weekend (one release only), so every anchor date tells all of it.
  const weekday = (day: number): number => (weekend(day) ? weekday(day + 1) : day);
  const [skipDay, failDay, badDay] = [weekday(6), weekday(9), weekday(11)];
  for (let day = 0; day < 14; day++) {
    const dayStart = anchor + day * DAY;
    for (const hour of weekend(day) ? [11] : [9, 13, 16]) {
      const n = releases.length;
      const start = dayStart + hour * HOUR + (hash(n, 7) % 20) * 60_000;
      const version = `1.${minor++}.0`;
      const failsInTest = day === failDay && hour === 16;
      const skipsTest = day === skipDay && hour === 13;
      const bad = day === badDay && hour === 13;
      const rolling = n % 2 === 0;
      const prodStart = start + 70 * 60_000;
      releases.push({
        version,
        commit: (hash(n, 1) >>> 0).toString(16).padStart(8, "0") + (hash(n, 2) >>> 0).toString(16).padStart(8, "0").slice(0, 4),
        author: AUTHORS[n % AUTHORS.length],
        description: skipsTest ? "Hotfix: revert session cookie domain change" : CHANGES[n % CHANGES.length],
        builtAt: start - 15 * 60_000,
        committedAt: start - (40 + (hash(n, 3) % 180)) * 60_000,
        test: skipsTest ? null : { startedAt: start, finishedAt: start + 2 * 60_000, status: failsInTest ? "failed" : "succeeded" },
        prod: failsInTest
          ? null
          : {
              startedAt: skipsTest ? start : prodStart,
              finishedAt: (skipsTest ? start : prodStart) + (rolling ? 8 : 3) * 60_000,
              strategy: rolling ? "rolling" : "all-at-once",
              bad,
            },
      });
    }
  }
  const badRelease = releases.find((r) => r.prod?.bad)!;
  const badStart = badRelease.prod!.startedAt;
  const mfaRelease = releases.find((r) => r.description === "Add MFA challenge endpoint" && r.prod && r.prod.startedAt > anchor + 5 * DAY)!;
  return {
    anchor,
    releases,
    badRelease,
    rollback: { startedAt: badStart + 24 * 60_000, finishedAt: badStart + 27 * 60_000 },
    mfaSince: mfaRelease.prod!.finishedAt,
    darkLaunch: [
      { version: "2.0.0-rc.1", startedAt: anchor + 11 * DAY + 10 * HOUR, mismatchRate: 0.18 },
      { version: "2.0.0-rc.2", startedAt: anchor + 12 * DAY + 11 * HOUR, mismatchRate: 0.05 },
      { version: "2.0.0-rc.3", startedAt: anchor + 13 * DAY + 10 * HOUR, mismatchRate: 0.004 },
    ],
  };
}

/** The value of a demo metric at a time, or null when the metric did not exist yet. */
export function demoValue(plan: DemoPlan, metric: DemoMetric, ts: number): number | null {
  const hourOfDay = (ts % DAY) / HOUR;
  const load = 0.5 + 0.5 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
  const noise = (salt: number) => (hash(Math.floor(ts / DEMO_STEP_MS), salt) % 10_000) / 10_000 - 0.5;
  const bad = ts >= plan.badRelease.prod!.startedAt + 2 * 60_000 && ts < plan.rollback.finishedAt + 60_000;
  const deploying = plan.releases.some((r) => r.prod && ts >= r.prod.startedAt && ts < r.prod.finishedAt);
  switch (metric) {
    case "auth.api.latency.p50":
      return round((18 + 6 * load + 2 * noise(1)) * (bad ? 1.4 : 1));
    case "auth.api.latency.p95":
      return round((48 + 18 * load + 6 * noise(2) + (hash(Math.floor(ts / 60_000), 9) % 97 === 0 ? 40 : 0)) * (bad ? 2.6 : 1));
    case "auth.api.latency.p99":
      return round((95 + 45 * load + 15 * noise(3)) * (bad ? 3.1 : 1));
    case "auth.api.requests.rate":
      return round(140 + 260 * load + 20 * noise(4));
    case "auth.api.errors.rate":
      return round(Math.max(0, 0.18 + 0.08 * noise(5) + (bad ? 4.2 + noise(6) : 0)), 3);
    case "auth.host.cpu.percent":
      return round(22 + 38 * load + 5 * noise(7) + (deploying ? 18 : 0) + (bad ? 12 : 0));
    case "auth.host.memory.mb": {
      const lastDeploy = plan.releases.reduce((at, r) => (r.prod && r.prod.finishedAt <= ts ? Math.max(at, r.prod.finishedAt) : at), plan.anchor);
      return round(480 + Math.min(400, (ts - lastDeploy) / 60_000 / 6) + 8 * noise(8));
    }
    case "auth.mfa.challenges.rate":
      return ts < plan.mfaSince ? null : round(4 + 9 * load + 1.5 * noise(10));
  }
}

/** Whether the dark-launched candidate answers one mirrored request differently, and which release it runs. */
export function demoShadowSample(plan: DemoPlan, ts: number, seq: number) {
  const release = [...plan.darkLaunch].reverse().find((r) => r.startedAt <= ts);
  if (!release) return null;
  const roll = (hash(seq, 11) % 100_000) / 100_000;
  const endpoint = DEMO_ENDPOINTS[hash(seq, 12) % DEMO_ENDPOINTS.length];
  const primaryMs = 12 + (hash(seq, 13) % 4000) / 100;
  return {
    release,
    endpoint,
    match: roll >= release.mismatchRate * endpoint.weight,
    primaryMs,
    candidateMs: primaryMs * (release.version.endsWith("rc.1") ? 1.5 : 1.08) + (hash(seq, 14) % 300) / 100,
    candidateStatus: roll < release.mismatchRate * 0.2 ? 500 : 200,
  };
}

const DEMO_ENDPOINTS = [
  { method: "POST", path: "/oauth/token", weight: 1.6 },
  { method: "GET", path: "/users/{id}", weight: 1.0 },
  { method: "GET", path: "/users/{id}/permissions", weight: 1.2 },
  { method: "POST", path: "/sessions", weight: 0.6 },
  { method: "GET", path: "/.well-known/jwks.json", weight: 0.1 },
];

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A small deterministic integer hash (mulberry32-style mixing) of a number and a salt. */
export function hash(n: number, salt: number): number {
  let x = (Math.imul(n | 0, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b) ^ Math.floor(n / 4294967296)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aafd) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97) >>> 0;
  return (x ^ (x >>> 15)) >>> 0;
}
