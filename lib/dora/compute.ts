import { median } from "@/lib/stats/quantile";
import { doraBands } from "./bands";
import { deployDays, type FrequencyBucket } from "./deploy-days";
import type { BuildRow, DeploymentRow } from "@/lib/store/types";

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The deployment fields the DORA figures read; a full `DeploymentRow` will do. */
export type DoraDeployment = Pick<
  DeploymentRow,
  "id" | "service" | "environment" | "version" | "kind" | "status" | "startedAt" | "finishedAt" | "rollbackOf" | "verdictStatus"
>;
/** The build fields the DORA figures read; a full `BuildRow` will do. */
export type DoraBuild = Pick<BuildRow, "service" | "version" | "committedAt" | "createdAt">;

export interface DoraFigures {
  from: number;
  to: number;
  /** False for a period wholly before the first recorded deploy: nothing was recorded yet, which is not zero. */
  hasData: boolean;
  /** Deploys (kind `deploy`, any outcome) started in the period, per day; null without data. */
  deploymentFrequencyPerDay: number | null;
  /** UTC days with a deploy, per week (counted from the first recorded deploy). */
  deployDaysPerWeek: number | null;
  /** Four Keys' bucket from the median week's deploy days (see `deployDays`). */
  frequencyBucket: FrequencyBucket | null;
  /** Median hours from commit (or build, without a commit time) to the deploy's start, over deploys that reached the environment. */
  leadTimeForChangesHours: number | null;
  /**
   * Share (0–1) of finished deploys that failed, were rolled back, or failed their verdict —
   * counting only failures that lasted at least the minimum failure duration; null without finished deploys.
   */
  changeFailureRate: number | null;
  /** Median hours from a failed deploy's start to the finish of the next successful deploy or rollback; null when none failed or none recovered. */
  timeToRestoreHours: number | null;
  counts: { deploys: number; finishedDeploys: number; rollbacks: number; failedDeploys: number; restored: number; leadTimes: number };
}

export interface DoraReport extends DoraFigures {
  service: string;
  environment: string;
  /** When the first deploy of the service to the environment was recorded; null when none was. */
  firstDeployAt: number | null;
  minFailureMinutes: number;
  /** Each key's band among the State of DevOps clusters (null without a value). */
  bands: ReturnType<typeof doraBands>;
  /** The same figures per bucket of `bucketDays`, oldest first; the last bucket may be shorter. */
  trend: DoraFigures[];
}

export interface DoraInput {
  service: string;
  environment: string;
  from: number;
  to: number;
  /** Deployments of the service; may include other environments and deploys after `to`, which can restore a failure. */
  deployments: readonly DoraDeployment[];
  builds: readonly DoraBuild[];
  /** Trend bucket length in days; default 7. */
  bucketDays?: number;
  /** The first recorded deploy to the environment, possibly before `from`; null when there is none. */
  firstDeployAt?: number | null;
  /** A failure restored within this many minutes is a blip, not a change failure; default 0. */
  minFailureMinutes?: number;
}

/**
 * DORA's four keys for one service in one environment over deploys started in [from, to],
 * with the same figures per week (or `bucketDays`) as a trend. A deploy counts as a change
 * failure when its status is failed or rolled_back, when its verdict failed, or when a
 * rollback names it.
 */
export function computeDora(input: DoraInput): DoraReport {
  const history = input.deployments
    .filter((d) => d.service === input.service && d.environment === input.environment)
    .sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
  const rolledBack = new Set(history.filter((d) => d.kind === "rollback" && d.rollbackOf !== null).map((d) => d.rollbackOf));
  const builds = new Map(input.builds.filter((b) => b.service === input.service).map((b) => [b.version, b]));
  const firstDeployAt = input.firstDeployAt !== undefined ? input.firstDeployAt : (history[0]?.startedAt ?? null);
  const minFailureMinutes = input.minFailureMinutes ?? 0;
  const context: Context = { history, rolledBack, builds, firstDeployAt, minFailureMs: minFailureMinutes * 60_000 };

  const bucket = (input.bucketDays ?? 7) * DAY;
  const trend: DoraFigures[] = [];
  for (let start = input.from; start <= input.to; start += bucket) {
    const end = Math.min(start + bucket, input.to);
    trend.push(figures(context, start, end, end === input.to));
    if (end === input.to) break;
  }
  const overall = figures(context, input.from, input.to, true);
  return { service: input.service, environment: input.environment, firstDeployAt, minFailureMinutes, bands: doraBands(overall), ...overall, trend };
}

interface Context {
  history: DoraDeployment[];
  rolledBack: Set<number | null>;
  builds: Map<string, DoraBuild>;
  firstDeployAt: number | null;
  minFailureMs: number;
}

function figures({ history, rolledBack, builds, firstDeployAt, minFailureMs }: Context, from: number, to: number, inclusiveEnd: boolean): DoraFigures {
  const hasData = firstDeployAt !== null && (firstDeployAt < to || (inclusiveEnd && firstDeployAt === to));
  const inPeriod = history.filter((d) => d.startedAt >= from && (d.startedAt < to || (inclusiveEnd && d.startedAt === to)));
  const deploys = inPeriod.filter((d) => d.kind === "deploy");
  const finished = deploys.filter((d) => d.status !== "in_progress");
  const bad = finished.filter((d) => d.status === "failed" || d.status === "rolled_back" || d.verdictStatus === "failed" || rolledBack.has(d.id));
  const restoreOf = (d: DoraDeployment) => history.find((r) => isRestore(r) && (r.startedAt > d.startedAt || (r.startedAt === d.startedAt && r.id > d.id)));
  // A failure restored sooner than the minimum duration was a blip; one never restored lasts.
  const failed = bad.filter((d) => {
    const restored = restoreOf(d)?.finishedAt;
    return restored == null || restored - d.startedAt >= minFailureMs;
  });

  const leadTimes = deploys
    .filter((d) => d.status === "succeeded" || d.status === "rolled_back")
    .flatMap((d) => {
      const build = builds.get(d.version);
      if (!build) return [];
      const lead = d.startedAt - (build.committedAt ?? build.createdAt);
      return lead >= 0 ? [lead / HOUR] : [];
    });

  const restoreTimes = failed.flatMap((d) => {
    const restore = restoreOf(d);
    return restore?.finishedAt != null ? [(restore.finishedAt - d.startedAt) / HOUR] : [];
  });
  // Frequency counts from the first recorded deploy: the days before it are unknown, not deploy-free.
  const counted = firstDeployAt === null ? 0 : to - Math.max(from, Math.min(startOfDay(firstDeployAt), to));

  return {
    from,
    to,
    hasData,
    deploymentFrequencyPerDay: !hasData ? null : counted > 0 ? deploys.length / (counted / DAY) : 0,
    ...deployDays(deploys.map((d) => d.startedAt), from, inclusiveEnd ? to + 1 : to, firstDeployAt),
    leadTimeForChangesHours: median(leadTimes),
    changeFailureRate: finished.length > 0 ? failed.length / finished.length : null,
    timeToRestoreHours: median(restoreTimes),
    counts: {
      deploys: deploys.length,
      finishedDeploys: finished.length,
      rollbacks: inPeriod.filter((d) => d.kind === "rollback").length,
      failedDeploys: failed.length,
      restored: restoreTimes.length,
      leadTimes: leadTimes.length,
    },
  };
}

function startOfDay(ts: number): number {
  return Math.floor(ts / DAY) * DAY;
}

// Service is back when a deploy or rollback finished successfully and its own verdict did not fail.
function isRestore(d: DoraDeployment): boolean {
  return d.status === "succeeded" && d.verdictStatus !== "failed" && d.finishedAt !== null;
}
