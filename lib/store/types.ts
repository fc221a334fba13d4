import type * as schema from "@/db/schema/sqlite";
import type { BuildInput } from "@/lib/builds/schema";
import type { DeploymentFilter, DeploymentInput } from "@/lib/deploys/schema";
import type { AnyBatch } from "@/lib/ingest/packed-batch";
import type { IngestResult } from "@/lib/ingest/schema";
import type { CompactionProgress } from "@/lib/series/chunks/compact";

/** A series as the app sees it; `rolled_until` is the raw-point engine's own bookkeeping. */
export type MetricRow = Omit<typeof schema.metrics.$inferSelect, "rolledUntil">;
export type ServiceRow = typeof schema.services.$inferSelect;
export type EnvironmentRow = typeof schema.environments.$inferSelect;
export type BuildRow = typeof schema.builds.$inferSelect;
export type DeploymentRow = typeof schema.deployments.$inferSelect;
export type DeploymentEventRow = typeof schema.deploymentEvents.$inferSelect;
export type SessionRow = typeof schema.sessions.$inferSelect;
export type WebhookRow = typeof schema.webhooks.$inferSelect;
export type WebhookInsert = Omit<typeof schema.webhooks.$inferInsert, "id">;
export type WebhookDeliveryRow = typeof schema.webhookDeliveries.$inferSelect;
/** A due delivery with what sending it needs from its webhook. */
export type DueDelivery = WebhookDeliveryRow & Pick<WebhookRow, "url" | "format" | "secret">;
export type BuildCommitRow = Omit<typeof schema.buildCommits.$inferSelect, "buildId" | "position">;
export type RunningVersionRow = typeof schema.runningVersions.$inferSelect;
export type DarkLaunchSampleRow = typeof schema.darkLaunchSamples.$inferSelect;
export type DarkLaunchSampleInsert = typeof schema.darkLaunchSamples.$inferInsert;
/** The columns a dark-launch summary is computed from: no paths, bodies or diffs. */
export type DarkLaunchFigures = Pick<DarkLaunchSampleRow, "ts" | "endpoint" | "match" | "primaryStatus" | "candidateStatus" | "primaryMs" | "candidateMs">;

export type Resolution = "raw" | "1m" | "1h";
export interface MetricListFilter {
  prefix?: string;
  after?: string;
  limit?: number;
}
export type Point = [ts: number, value: number];

export interface SeriesRead {
  resolution: Resolution;
  points: Point[];
  /** Width of the min/max buckets (measured from the range start), or null for points as stored. */
  bucketMs: number | null;
}

/** One rollup bucket's aggregates, as stored for the 1m and 1h resolutions. */
export interface RollupRow {
  ts: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
}

/** A rollup row with the timestamp its `last` value was taken at, as rollups are stored and merged. */
export type TimedRollupRow = RollupRow & { lastTs: number };

/** How a store is opened: the retention cutoffs it keeps to, and at most how many series it holds. */
export interface StoreOptions {
  cutoffs: () => Record<Resolution, number>;
  /** New series beyond this refuse their batch (SeriesLimitError); unlimited when absent. */
  maxSeries?: number;
}

export type DeploymentChanges = Partial<Omit<DeploymentRow, "id" | "createdAt">>;
/** One version report as stored: a service's own word on what runs in an environment, at `ts`. */
export interface VersionReport {
  service: string;
  environment: string;
  version: string;
  ts: number;
}

/** A (service, environment) whose reported version changed: its row before (none for a first report) and after. */
export interface VersionChange {
  before: RunningVersionRow | undefined;
  after: RunningVersionRow;
}

/**
 * Decides, inside the transaction that made a change, whether it becomes a detected deploy:
 * given the deploys of the new version there that started up to the window's end, newest first.
 */
export type DetectDeploy = (change: VersionChange, sameVersion: DeploymentRow[]) => (DeploymentInput & { source: string }) | null;

/** A finished deploy of the past, with its verdict and impact, as a bulk import (e.g. a demo's history) stores it. */
export type DeploymentImport = Omit<typeof schema.deployments.$inferInsert, "id" | "createdAt" | "updatedAt">;

/**
 * A window of points reduced: how many, their sum, min, max, and the newest point's value and
 * time. With count 0 the rest is meaningless (min Infinity, last NaN). The sum may differ from
 * adding the values one by one in the last bits (see lib/series/chunks/codec.ts).
 */
export interface WindowSummary {
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTs: number;
}

/** A series found by name and label text, with its window's summary (Store.seriesWindowSummary). */
export interface SeriesWindow {
  series: MetricRow;
  summary: WindowSummary;
}

/**
 * Everything the app stores goes through this interface; one implementation per dialect
 * (SQLite embedded, PostgreSQL for teams), both held to the same contract tests.
 */
export interface Store {
  readonly dialect: "sqlite" | "postgres";
  close(): Promise<void>;
  /** Readies the ingest path ahead of a first large batch (SQLite: its write worker opens the file); never fails. */
  prepareIngest(): Promise<void>;

  /** Stores a validated batch in one transaction: all of it or none. Creates metrics on first write. */
  ingest(batch: AnyBatch): Promise<IngestResult>;
  /** Series (a row per name and label set) in the database's name order (byte order on SQLite, the column's collation on PostgreSQL); `after` and `limit` page through them (keyset: names after `after`). */
  listMetrics(filter?: MetricListFilter): Promise<MetricRow[]>;
  /** A service's series: names starting `<service>.` and series labelled `service="<service>"`, in (name, labels) order. */
  listServiceSeries(service: string): Promise<MetricRow[]>;
  /** Distinct metric names in the order of `listMetrics`: what glob matching scans (a fraction of the cost of whole rows). */
  listMetricNames(filter?: MetricListFilter): Promise<string[]>;
  /** How many series there are (with `prefix`, whose names start with it), counted in the database. */
  countMetrics(prefix?: string): Promise<number>;
  /** Every series of these names, whatever its labels (any order; unknown names are left out). */
  metricsNamed(names: string[]): Promise<MetricRow[]>;
  /** The series of this name and canonical label text (`""`, the default, for the unlabelled one). */
  getMetric(name: string, labels?: string): Promise<MetricRow | undefined>;
  /** Points of one metric in [from, to], at most maxPoints, min/max per bucket so spikes survive. */
  readSeries(metricId: number, from: number, to: number, maxPoints: number): Promise<SeriesRead>;
  /** Raw points in [from, to], oldest first, for aggregations such as verdicts and checks; the first `limit` when given. */
  rawPoints(metricId: number, from: number, to: number, limit?: number): Promise<Point[]>;
  /** Points in [from, to] reduced to count, sum, min, max and last without materializing them (past raw retention, through stored minutes): what a long check window needs. */
  windowSummary(metricId: number, from: number, to: number): Promise<WindowSummary>;
  /** getMetric and windowSummary of its series in one read (one round trip on PostgreSQL); undefined when there is no such series. */
  seriesWindowSummary(name: string, labels: string, from: number, to: number): Promise<SeriesWindow | undefined>;
  /** Rollup rows of one resolution in [from, to]. */
  rollups(metricId: number, resolution: "1m" | "1h", from: number, to: number): Promise<RollupRow[]>;
  /** Deletes data older than each resolution's cutoff; returns rows deleted per resolution. */
  enforceRetention(cutoffs: Record<Resolution, number>): Promise<Record<Resolution, number>>;
  /** Seals raw points left as plain head rows into compressed chunks (lib/series/chunks/compact.ts); the blocks sealed. */
  compactHead(now: number, progress?: (p: CompactionProgress) => void): Promise<number>;

  listServices(): Promise<ServiceRow[]>;
  getService(name: string): Promise<ServiceRow | undefined>;
  /** Creates the service if new, then applies the changes given. */
  upsertService(name: string, changes?: Partial<Omit<ServiceRow, "name" | "createdAt">>): Promise<ServiceRow>;
  listEnvironments(): Promise<EnvironmentRow[]>;
  /** Replaces the environment order (lowest first). */
  setEnvironments(names: string[]): Promise<EnvironmentRow[]>;

  upsertBuild(input: BuildInput): Promise<BuildRow>;
  listBuilds(filter: { service?: string }): Promise<BuildRow[]>;
  getBuild(service: string, version: string): Promise<BuildRow | undefined>;

  createDeployment(input: DeploymentInput & { warnings?: string[]; source?: string }): Promise<DeploymentRow>;
  /** Stores past deploys in one transaction (batched inserts, one event each); returns their ids in order. */
  importDeployments(rows: DeploymentImport[]): Promise<number[]>;
  /** Applies changes; with an event, records it on the deploy's timeline (at `event.ts`, default now). */
  updateDeployment(id: number, changes: DeploymentChanges, event?: { status: string; message?: string | null; ts?: number }): Promise<DeploymentRow | undefined>;
  getDeployment(id: number): Promise<DeploymentRow | undefined>;
  listDeployments(filter: Partial<DeploymentFilter>): Promise<DeploymentRow[]>;
  countDeployments(filter: Partial<DeploymentFilter>): Promise<number>;
  deploymentEvents(id: number): Promise<DeploymentEventRow[]>;
  /**
   * Finished deploys still awaiting a verdict (`pending`) or an impact analysis (none stored)
   * whose judgement window opened (finish, else start) at or before `openedBefore`; oldest first.
   */
  deploymentsAwaiting(filter: { awaiting: "verdict" | "impact"; service?: string; openedBefore: number; retryBefore?: number; limit: number }): Promise<DeploymentRow[]>;
  /**
   * Applies changes only if the deploy is as it was read (same `updatedAt`) and its service's
   * criteria are the version the result was computed on; undefined when either moved on.
   * Every deploy write raises `updatedAt` by at least 1, so equal means untouched.
   */
  updateDeploymentIf(id: number, expected: { updatedAt: number; criteriaVersion: number }, changes: DeploymentChanges): Promise<DeploymentRow | undefined>;
  /** Deletes dark-launch samples and deploy timeline events older than the cutoffs; returns the counts. */
  purgeHistory(cutoffs: { samplesBefore: number; eventsBefore: number; deliveriesBefore: number }): Promise<{ samples: number; events: number; deliveries: number }>;
  /** Sets a service's success criteria (raising its criteria version) and puts its deploys started since `rejudgeSince` back to pending, in one transaction. */
  setServiceCriteria(service: string, criteria: unknown, rejudgeSince: number): Promise<{ service: ServiceRow; rejudged: number }>;
  /** The deploys just before and just after one, in its service and environment (by start, then id). */
  adjacentDeployments(id: number): Promise<{ previous?: DeploymentRow; next?: DeploymentRow }>;

  /**
   * Applies version reports in one transaction, in (service, environment) order. A report newer
   * than a row's last one moves it to its version (the old one becomes `previousVersion`); an
   * older or equal one of another version changes nothing. Each row is written under a
   * compare-and-set, so with several instances every change happens (and is handed to `detect`,
   * whose deploy is created in the same transaction) exactly once.
   */
  upsertRunningVersions(reports: VersionReport[], options: { windowMs: number; detect: DetectDeploy }): Promise<{ changes: VersionChange[]; detected: DeploymentRow[] }>;
  /** The running versions, by service then environment. */
  listRunningVersions(filter?: { service?: string; environment?: string }): Promise<RunningVersionRow[]>;
  /** Records the drift last notified for a (service, environment); null once it is over. */
  setDriftNotified(service: string, environment: string, drift: string | null): Promise<void>;
  /** Per service and environment, the latest deploy (by start, then id) of `status`, leaving out those of `excludeSource`. */
  latestDeployments(filter: { service?: string; environment?: string; status: string; excludeSource?: string }): Promise<DeploymentRow[]>;

  /** Stores samples in one transaction, touching each service's dark launch (and setting its candidate version when given). */
  addDarkLaunchSamples(samples: DarkLaunchSampleInsert[], darkLaunch?: { candidateVersion?: string }): Promise<number>;
  listDarkLaunchSamples(service: string, from: number, to: number): Promise<DarkLaunchSampleRow[]>;
  /** The summary columns of a service's samples in [from, to], oldest first. */
  listDarkLaunchFigures(service: string, from: number, to: number): Promise<DarkLaunchFigures[]>;
  /** The latest `limit` mismatched samples in [from, to], newest first. */
  listDarkLaunchMismatches(service: string, from: number, to: number, limit: number): Promise<DarkLaunchSampleRow[]>;
  upsertDarkLaunch(service: string, changes: { candidateVersion?: string | null; state?: string }): Promise<void>;
  /** Records the readiness verdict last notified (leaves `updatedAt`, the last sample's arrival, alone). */
  setDarkLaunchReadiness(service: string, readiness: string): Promise<void>;
  listDarkLaunches(): Promise<(typeof schema.darkLaunches.$inferSelect)[]>;

  createWebhook(input: WebhookInsert): Promise<WebhookRow>;
  listWebhooks(): Promise<WebhookRow[]>;
  /** Deletes a webhook and its pending deliveries; false when there was none. */
  deleteWebhook(id: number): Promise<boolean>;
  /** Queues one delivery of `payload` to every webhook of the service (and every default one) that takes `event`; returns how many. */
  enqueueDeliveries(event: string, service: string, payload: unknown, now: number): Promise<number>;
  /**
   * Claims up to `limit` pending deliveries due by `now`, oldest first: in one transaction their
   * next attempt moves to `now + holdMs`, so no other caller (another instance) gets them while
   * they are being sent. A claim whose sender dies runs out after `holdMs` and the row is due again.
   */
  claimDueDeliveries(now: number, limit: number, holdMs: number): Promise<DueDelivery[]>;
  recordDeliveryAttempt(id: number, result: Pick<WebhookDeliveryRow, "state" | "attempts" | "nextAttemptAt" | "lastStatus" | "lastError" | "deliveredAt">): Promise<void>;
  /** The delivery log, newest first. */
  listDeliveries(filter: { service?: string; webhookId?: number; limit: number }): Promise<WebhookDeliveryRow[]>;

  /** Replaces a build's commits (in `git log` order, newest first). */
  setBuildCommits(buildId: number, commits: BuildCommitRow[]): Promise<void>;
  /** The commits of a service's builds created in (after, upTo] (by created_at, then id), newest build first, each build's in its order. */
  commitsBetween(service: string, after: { createdAt: number; id: number } | null, upTo: { createdAt: number; id: number }, limit: number): Promise<(BuildCommitRow & { version: string })[]>;

  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown): Promise<void>;

  /** Stores a new UI session (clearing expired ones). */
  createSession(session: SessionRow): Promise<void>;
  getSession(idHash: string): Promise<SessionRow | undefined>;
  /** Ends a session; false when there was none. */
  deleteSession(idHash: string): Promise<boolean>;

  /** Takes or renews a named lease for `owner`; true when this owner holds it until now+ttl. */
  tryLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
}
