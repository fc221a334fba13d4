/**
 * The demo service as an OpenTelemetry SDK would report it: per instance, a cumulative request
 * counter per route and status class and a delta latency histogram per route, under a resource
 * naming the service, its environment and the version each instance runs. Deterministic in time,
 * like ./simulation.ts, so seeding and the live feed agree.
 */
import { hash, type DemoPlan } from "./simulation";

export const OTEL_STEP_MS = 60_000;
export const OTEL_INSTANCES = ["auth-1", "auth-2"] as const;
export const OTEL_ROUTES = [
  { route: "/oauth/token", share: 0.55, ms: 38 },
  { route: "/login", share: 0.3, ms: 62 },
  { route: "/userinfo", share: 0.15, ms: 12 },
] as const;
/** Latency histogram bounds, seconds, as an OTel View would configure them. */
export const OTEL_BOUNDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The one unrecorded hotfix the demo's instances report (a detected deploy): patched in by hand the
 * evening before the last day, running until the next recorded release replaced it.
 */
export function demoHotfix(plan: DemoPlan): { version: string; from: number; to: number } {
  const from = plan.anchor + 12 * DAY + 18 * HOUR;
  const next = plan.releases.find((r) => r.prod && r.prod.startedAt > from);
  return { version: liveVersion(plan, from, false).replace(/\.0$/, ".1"), from, to: next?.prod?.finishedAt ?? from + 2 * HOUR };
}

/** The version prod runs at `ts` (after each prod deploy finishes; the bad one until its rollback), with the demo's hotfix. */
export function liveVersion(plan: DemoPlan, ts: number, withHotfix = true): string {
  if (withHotfix) {
    const hotfix = demoHotfix(plan);
    if (ts >= hotfix.from && ts < hotfix.to) return hotfix.version;
  }
  let version = "1.19.0";
  for (const r of plan.releases) {
    if (!r.prod || r.prod.finishedAt > ts) continue;
    if (r.prod.bad && ts >= plan.rollback.finishedAt) continue;
    version = r.version;
  }
  return version;
}

const phase = (t: number) => (2 * Math.PI * (t - 8 * HOUR)) / DAY;
/** The daily cycle of traffic, 0.4× to 1.6× of the mean. */
const load = (t: number) => 1 + 0.6 * Math.sin(phase(t));

const BAD = (plan: DemoPlan) => ({ from: plan.badRelease.prod!.startedAt + 2 * 60_000, to: plan.rollback.finishedAt + 60_000 });

/**
 * Requests per second one instance serves on a route (all statuses): a daily cycle, in closed
 * form so the cumulative counter at any time is its integral, without state.
 */
function requestsSince(anchor: number, ts: number, perSecond: number): number {
  // ∫ r0·load(t) dt from the anchor: the counter a process started then would hold.
  const seconds = (ts - anchor) / 1000;
  const wave = (0.6 * (DAY / 1000)) / (2 * Math.PI) * (Math.cos(phase(anchor)) - Math.cos(phase(ts)));
  return perSecond * (seconds + wave);
}

/** The share of requests answered 5xx; /oauth/token's while the bad deploy ran. */
const ERROR_SHARE = 0.002;
const BAD_ERROR_SHARE = 0.09;

/**
 * The 5xx answers one instance has counted on a route by `ts`: the error share integrated over
 * time, as the total is, so every status' counter only grows (the bad deploy broke /oauth/token).
 */
function errorsSince(plan: DemoPlan, route: string, ts: number, perSecond: number): number {
  const errors = ERROR_SHARE * requestsSince(plan.anchor, ts, perSecond);
  const bad = BAD(plan);
  if (route !== "/oauth/token" || ts <= bad.from) return errors;
  const duringBad = requestsSince(plan.anchor, Math.min(ts, bad.to), perSecond) - requestsSince(plan.anchor, bad.from, perSecond);
  return errors + (BAD_ERROR_SHARE - ERROR_SHARE) * duringBad;
}

/** An OTLP/JSON ExportMetricsServiceRequest for one instance at one time (what its SDK exports each minute). */
export function otlpExport(plan: DemoPlan, instance: (typeof OTEL_INSTANCES)[number], ts: number, stepMs = OTEL_STEP_MS) {
  const nanos = `${ts}000000`;
  const start = `${ts - stepMs}000000`;
  const perInstance = 70;
  const counterPoints = [];
  const histogramPoints = [];
  const bad = BAD(plan);
  for (const r of OTEL_ROUTES) {
    const total = requestsSince(plan.anchor, ts, perInstance * r.share);
    const errors = errorsSince(plan, r.route, ts, perInstance * r.share);
    const clientErrors = total * 0.03;
    for (const [status, value] of [["2xx", total - errors - clientErrors], ["4xx", clientErrors], ["5xx", errors]] as const) {
      counterPoints.push({
        attributes: [attr("http.route", r.route), attr("http.status_class", status)],
        startTimeUnixNano: `${plan.anchor}000000`,
        timeUnixNano: nanos,
        asDouble: Math.floor(value),
      });
    }
    // A minute's requests spread over a log-normal-ish latency, slower on /oauth/token while the bad release ran.
    const count = Math.round((perInstance * r.share * load(ts) * stepMs) / 1000);
    const slow = ts >= bad.from && ts < bad.to && r.route === "/oauth/token" ? 3.2 : 1;
    const median = (r.ms * slow * (1 + ((hash(Math.floor(ts / stepMs), OTEL_ROUTES.indexOf(r)) % 100) - 50) / 500)) / 1000;
    const cdf = (bound: number) => 1 / (1 + (median / bound) ** 3.2);
    const cumulative = OTEL_BOUNDS.map((b) => Math.round(count * cdf(b)));
    const bucketCounts = [...cumulative.map((c, i) => c - (cumulative[i - 1] ?? 0)), count - cumulative.at(-1)!];
    histogramPoints.push({
      attributes: [attr("http.route", r.route)],
      startTimeUnixNano: start,
      timeUnixNano: nanos,
      count: String(count),
      sum: count * median * 1.15,
      bucketCounts: bucketCounts.map(String),
      explicitBounds: OTEL_BOUNDS,
    });
  }
  return {
    resourceMetrics: [
      {
        resource: { attributes: [attr("service.name", "auth"), attr("service.version", liveVersion(plan, ts)), attr("deployment.environment.name", "prod"), attr("service.instance.id", instance)] },
        scopeMetrics: [
          {
            scope: { name: "auth-server" },
            metrics: [
              { name: "http.server.requests", unit: "{request}", sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: counterPoints } },
              { name: "http.server.request.duration", unit: "s", histogram: { aggregationTemporality: 1, dataPoints: histogramPoints } },
            ],
          },
        ],
      },
    ],
  };
}

function attr(key: string, value: string) {
  return { key, value: { stringValue: value } };
}
