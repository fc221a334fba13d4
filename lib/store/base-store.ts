import "server-only";
import { and, asc, count, getTableColumns, desc, eq, gt, gte, inArray, isNull, like, lt, lte, max, ne, or, sql, type SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "@/db/schema/sqlite";
import type { BuildInput } from "@/lib/builds/schema";
import type { DeploymentFilter, DeploymentInput } from "@/lib/deploys/schema";
import type { AnyBatch } from "@/lib/ingest/packed-batch";
import type { IngestResult } from "@/lib/ingest/schema";
import type { CompactionProgress } from "@/lib/series/chunks/compact";
import { labelKey, parseLabelKey } from "@/lib/series/labels";
import type {
  BuildCommitRow,
  BuildRow,
  DarkLaunchFigures,
  DarkLaunchSampleInsert,
  DeploymentChanges,
  DeploymentImport,
  DeploymentRow,
  DetectDeploy,
  MetricListFilter,
  MetricRow,
  Point,
  WindowSummary,
  Resolution,
  RollupRow,
  SeriesRead,
  SeriesWindow,
  ServiceRow,
  SessionRow,
  Store,
  DueDelivery,
  VersionChange,
  VersionReport,
  WebhookDeliveryRow,
  WebhookInsert,
  WebhookRow,
} from "./types";

/**
 * Drizzle's query builder has the same shape for SQLite and PostgreSQL, so the entity
 * code below is written once, typed against the SQLite schema; the PostgreSQL store hands
 * in its own tables with the same export names. Hot paths (points, rollups, locking) are
 * left to each dialect, where set-based SQL differs.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = BaseSQLiteDatabase<any, any, typeof schema>;
export type Schema = typeof schema;

const DEFAULT_ENVIRONMENTS = ["test", "prod"];

/**
 * A deploy's updated_at only ever grows, by at least 1 ms a write: a reader that saw a value
 * can tell by an equal value that nothing changed since, even within one millisecond.
 */
function nextUpdatedAt(d: Schema["deployments"], now: number): SQL<number> {
  return sql<number>`case when ${d.updatedAt} >= ${now} then ${d.updatedAt} + 1 else ${now} end`;
}

/** Code-unit order: the same on both dialects, whatever the database's collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export abstract class BaseStore implements Store {
  abstract readonly dialect: "sqlite" | "postgres";

  /** The metrics columns a MetricRow has: all but rolled_until, the raw-point engine's own bookkeeping. */
  private readonly metricColumns;

  protected constructor(
    protected readonly db: Db,
    protected readonly t: Schema,
  ) {
    const { rolledUntil: _rolledUntil, ...columns } = getTableColumns(t.metrics);
    this.metricColumns = columns;
  }

  abstract close(): Promise<void>;

  async prepareIngest(): Promise<void> {}
  abstract ingest(batch: AnyBatch): Promise<IngestResult>;
  /** Plain SQL in each dialect: the lookup every read and check starts with. */
  abstract getMetric(name: string, labels?: string): Promise<MetricRow | undefined>;
  abstract readSeries(metricId: number, from: number, to: number, maxPoints: number): Promise<SeriesRead>;
  abstract rawPoints(metricId: number, from: number, to: number, limit?: number): Promise<Point[]>;
  abstract windowSummary(metricId: number, from: number, to: number): Promise<WindowSummary>;
  abstract seriesWindowSummary(name: string, labels: string, from: number, to: number): Promise<SeriesWindow | undefined>;
  abstract rollups(metricId: number, resolution: "1m" | "1h", from: number, to: number): Promise<RollupRow[]>;
  abstract enforceRetention(cutoffs: Record<Resolution, number>): Promise<Record<Resolution, number>>;
  abstract compactHead(now: number, progress?: (p: CompactionProgress) => void): Promise<number>;
  /** Runs fn in one transaction; fn must use the handle it is given. */
  protected abstract transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>;

  async listMetrics(filter: MetricListFilter = {}): Promise<MetricRow[]> {
    const query = this.db.select(this.metricColumns).from(this.t.metrics).where(this.metricRange(filter)).orderBy(asc(this.t.metrics.name));
    return filter.limit === undefined ? query : query.limit(filter.limit);
  }

  async listServiceSeries(service: string): Promise<MetricRow[]> {
    const { metrics } = this.t;
    // The canonical label text puts `service="x"` at the start, the end or between commas.
    const tag = labelKey({ service });
    const [named, labelled] = await Promise.all([
      this.listMetrics({ prefix: `${service}.` }),
      this.db.select(this.metricColumns).from(metrics).where(or(eq(metrics.labels, tag), like(metrics.labels, `${tag},%`), like(metrics.labels, `%,${tag}`), like(metrics.labels, `%,${tag},%`))),
    ]);
    // LIKE's `_` matches any character and SQLite's LIKE ignores case: the label itself decides.
    const ids = new Set(named.map((m) => m.id));
    const rows = [...named, ...labelled.filter((m) => !ids.has(m.id) && parseLabelKey(m.labels).service === service)];
    return rows.sort((a, b) => (a.name === b.name ? (a.labels < b.labels ? -1 : 1) : a.name < b.name ? -1 : 1));
  }

  async listMetricNames(filter: MetricListFilter = {}): Promise<string[]> {
    const { metrics } = this.t;
    const query = this.db.selectDistinct({ name: metrics.name }).from(metrics).where(this.metricRange(filter)).orderBy(asc(metrics.name));
    return (await (filter.limit === undefined ? query : query.limit(filter.limit))).map((r) => r.name);
  }

  async countMetrics(prefix?: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(this.t.metrics).where(this.metricRange({ prefix }));
    return row.n;
  }

  async metricsNamed(names: string[]): Promise<MetricRow[]> {
    const rows: MetricRow[] = [];
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < names.length; i += 500) rows.push(...(await this.db.select(this.metricColumns).from(this.t.metrics).where(inArray(this.t.metrics.name, names.slice(i, i + 500)))));
    return rows;
  }

  /** A range on the unique name index; names are ASCII, so every name with the prefix sorts below prefix+U+FFFF. */
  private metricRange(filter: MetricListFilter): SQL | undefined {
    const { metrics } = this.t;
    return and(
      filter.prefix ? and(gte(metrics.name, filter.prefix), lt(metrics.name, `${filter.prefix}\uffff`)) : undefined,
      filter.after !== undefined ? gt(metrics.name, filter.after) : undefined,
    );
  }

  async listServices(): Promise<ServiceRow[]> {
    return this.db.select().from(this.t.services).orderBy(asc(this.t.services.name));
  }

  async getService(name: string): Promise<ServiceRow | undefined> {
    const [row] = await this.db.select().from(this.t.services).where(eq(this.t.services.name, name)).limit(1);
    return row;
  }

  async upsertService(name: string, changes: Partial<Omit<ServiceRow, "name" | "createdAt">> = {}): Promise<ServiceRow> {
    return this.transaction((db) => this.ensureService(db, name, changes));
  }

  protected async ensureService(db: Db, name: string, changes: Partial<Omit<ServiceRow, "name" | "createdAt">> = {}): Promise<ServiceRow> {
    const { services } = this.t;
    await db.insert(services).values({ name, createdAt: Date.now() }).onConflictDoNothing();
    // New criteria invalidate any verdict being computed on the old ones (see updateDeploymentIf).
    const version = "criteria" in changes ? { criteriaVersion: sql<number>`${services.criteriaVersion} + 1` } : {};
    if (Object.keys(changes).length > 0) await db.update(services).set({ ...changes, ...version }).where(eq(services.name, name));
    const [row] = await db.select().from(services).where(eq(services.name, name)).limit(1);
    return row;
  }

  async listEnvironments() {
    const { environments } = this.t;
    const rows = await this.db.select().from(environments).orderBy(asc(environments.position));
    if (rows.length > 0) return rows;
    return DEFAULT_ENVIRONMENTS.map((name, position) => ({ name, position }));
  }

  async setEnvironments(names: string[]) {
    const { environments } = this.t;
    const rows = names.map((name, position) => ({ name, position }));
    await this.transaction(async (db) => {
      await db.delete(environments);
      if (rows.length > 0) await db.insert(environments).values(rows);
    });
    return rows;
  }

  async upsertBuild(input: BuildInput): Promise<BuildRow> {
    const { builds } = this.t;
    const values = {
      service: input.service,
      version: input.version,
      commit: input.commit ?? null,
      branch: input.branch ?? null,
      author: input.author ?? null,
      artifactUrl: input.artifactUrl ?? null,
      ciUrl: input.ciUrl ?? null,
      committedAt: input.committedAt ?? null,
      createdAt: input.createdAt ?? Date.now(),
    };
    // Posting a build again updates only the fields given: a pipeline re-announcing a build must
    // not erase its commit or make an old build "newest" for retention.
    const given = { commit: input.commit, branch: input.branch, author: input.author, artifactUrl: input.artifactUrl, ciUrl: input.ciUrl, committedAt: input.committedAt, createdAt: input.createdAt };
    const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    return this.transaction(async (db) => {
      await this.ensureService(db, input.service);
      const [row] = await db
        .insert(builds)
        .values(values)
        .onConflictDoUpdate({ target: [builds.service, builds.version], set: { service: input.service, ...changes } })
        .returning();
      if (input.commits) await this.writeCommits(db, row.id, input.commits.map((c) => ({ sha: c.sha, message: c.message, author: c.author ?? null, at: c.at ?? null })));
      return row;
    });
  }

  async listBuilds(filter: { service?: string }): Promise<BuildRow[]> {
    const { builds } = this.t;
    return this.db
      .select()
      .from(builds)
      .where(filter.service ? eq(builds.service, filter.service) : undefined)
      .orderBy(desc(builds.createdAt), desc(builds.id));
  }

  async getBuild(service: string, version: string): Promise<BuildRow | undefined> {
    const { builds } = this.t;
    const [row] = await this.db
      .select()
      .from(builds)
      .where(and(eq(builds.service, service), eq(builds.version, version)))
      .limit(1);
    return row;
  }

  async createDeployment(input: DeploymentInput & { warnings?: string[]; source?: string }): Promise<DeploymentRow> {
    return this.transaction(async (db) => {
      await this.ensureService(db, input.service);
      return this.insertDeployment(db, input);
    });
  }

  /** Inserts a deploy and its first timeline event with the handle given (the service must exist). */
  private async insertDeployment(db: Db, input: DeploymentInput & { warnings?: string[]; source?: string }): Promise<DeploymentRow> {
    const { deployments, deploymentEvents } = this.t;
    const now = Date.now();
    const startedAt = input.startedAt ?? now;
    const status = input.status ?? (input.finishedAt || input.strategy !== "rolling" ? "succeeded" : "in_progress");
    const finishedAt = input.finishedAt ?? (status === "in_progress" ? null : startedAt);
    const [row] = await db
      .insert(deployments)
      .values({
        service: input.service,
        environment: input.environment,
        version: input.version,
        previousVersion: input.previousVersion ?? null,
        commit: input.commit ?? null,
        author: input.author ?? null,
        description: input.description ?? null,
        kind: input.kind,
        strategy: input.strategy,
        status,
        startedAt,
        finishedAt,
        instancesDone: input.instancesDone ?? null,
        instancesTotal: input.instancesTotal ?? null,
        rollbackOf: input.rollbackOf ?? null,
        reason: input.reason ?? null,
        links: input.links ?? null,
        warnings: input.warnings ?? [],
        source: input.source ?? "api",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await db.insert(deploymentEvents).values({
      deploymentId: row.id,
      ts: startedAt,
      status,
      instancesDone: row.instancesDone,
      instancesTotal: row.instancesTotal,
      message: input.kind === "rollback" ? "rollback started" : "deploy started",
    });
    return row;
  }

  async importDeployments(rows: DeploymentImport[]): Promise<number[]> {
    const { deployments, deploymentEvents } = this.t;
    const now = Date.now();
    // Rows per INSERT: ~30 columns each stays far below both dialects' bound-parameter limits.
    const chunk = 500;
    return this.transaction(async (db) => {
      for (const service of new Set(rows.map((r) => r.service))) await this.ensureService(db, service);
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += chunk) {
        const values = rows.slice(i, i + chunk).map((r) => ({ warnings: [], ...r, createdAt: now, updatedAt: now }));
        const inserted = await db.insert(deployments).values(values).returning({ id: deployments.id });
        await db.insert(deploymentEvents).values(
          inserted.map(({ id }, j) => ({ deploymentId: id, ts: values[j].startedAt, status: values[j].status ?? "succeeded", message: values[j].kind === "rollback" ? "rollback recorded" : "deploy recorded" })),
        );
        ids.push(...inserted.map((r) => r.id));
      }
      return ids;
    });
  }

  async updateDeployment(id: number, changes: DeploymentChanges, event?: { status: string; message?: string | null; ts?: number }) {
    const { deployments, deploymentEvents } = this.t;
    return this.transaction(async (db) => {
      const now = Date.now();
      const [row] = await db
        .update(deployments)
        .set({ ...changes, updatedAt: nextUpdatedAt(deployments, now) })
        .where(eq(deployments.id, id))
        .returning();
      if (row && event) {
        await db.insert(deploymentEvents).values({
          deploymentId: id,
          ts: event.ts ?? now,
          status: event.status,
          instancesDone: row.instancesDone,
          instancesTotal: row.instancesTotal,
          message: event.message ?? null,
        });
      }
      return row as DeploymentRow | undefined;
    });
  }

  async updateDeploymentIf(id: number, expected: { updatedAt: number; criteriaVersion: number }, changes: DeploymentChanges): Promise<DeploymentRow | undefined> {
    const { deployments: d, services } = this.t;
    const criteriaVersion = sql`(select ${services.criteriaVersion} from ${services} where ${services.name} = ${d.service})`;
    return this.transaction(async (db) => {
      const [row] = await db
        .update(d)
        .set({ ...changes, updatedAt: nextUpdatedAt(d, Date.now()) })
        .where(and(eq(d.id, id), eq(d.updatedAt, expected.updatedAt), eq(criteriaVersion, expected.criteriaVersion)))
        .returning();
      return row as DeploymentRow | undefined;
    });
  }

  async purgeHistory(cutoffs: { samplesBefore: number; eventsBefore: number; deliveriesBefore: number }) {
    const { darkLaunchSamples: s, deploymentEvents: e, webhookDeliveries: w } = this.t;
    let samples = 0;
    // One transaction per service keeps writers from queueing behind one long purge.
    for (const { service } of await this.db.selectDistinct({ service: s.service }).from(s)) {
      samples += await this.transaction(async (db) => (await db.delete(s).where(and(eq(s.service, service), lt(s.ts, cutoffs.samplesBefore))).returning({ id: s.id })).length);
    }
    const events = await this.transaction(async (db) => (await db.delete(e).where(lt(e.ts, cutoffs.eventsBefore)).returning({ id: e.id })).length);
    const deliveries = await this.transaction(async (db) => (await db.delete(w).where(and(ne(w.state, "pending"), lt(w.createdAt, cutoffs.deliveriesBefore))).returning({ id: w.id })).length);
    return { samples, events, deliveries };
  }

  async getDeployment(id: number): Promise<DeploymentRow | undefined> {
    const [row] = await this.db.select().from(this.t.deployments).where(eq(this.t.deployments.id, id)).limit(1);
    return row;
  }

  async listDeployments(filter: Partial<DeploymentFilter>): Promise<DeploymentRow[]> {
    const { deployments } = this.t;
    return this.db
      .select()
      .from(deployments)
      .where(this.deploymentWhere(filter))
      .orderBy(desc(deployments.startedAt), desc(deployments.id))
      .limit(filter.limit ?? 500)
      .offset(filter.offset ?? 0);
  }

  async countDeployments(filter: Partial<DeploymentFilter>): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(this.t.deployments).where(this.deploymentWhere(filter));
    return Number(row.n);
  }

  async deploymentsAwaiting(filter: { awaiting: "verdict" | "impact"; service?: string; openedBefore: number; retryBefore?: number; limit: number }): Promise<DeploymentRow[]> {
    const d = this.t.deployments;
    const opened = sql<number>`coalesce(${d.finishedAt}, ${d.startedAt})`;
    return this.db
      .select()
      .from(d)
      .where(
        and(
          filter.awaiting === "verdict" ? eq(d.verdictStatus, "pending") : isNull(d.impact),
          ne(d.status, "in_progress"),
          filter.service ? eq(d.service, filter.service) : undefined,
          lte(opened, filter.openedBefore),
          filter.retryBefore !== undefined ? or(isNull(d.judgeRetryAt), lte(d.judgeRetryAt, filter.retryBefore)) : undefined,
        ),
      )
      .orderBy(asc(opened), asc(d.id))
      .limit(filter.limit);
  }

  async setServiceCriteria(service: string, criteria: unknown, rejudgeSince: number) {
    const d = this.t.deployments;
    return this.transaction(async (db) => {
      const row = await this.ensureService(db, service, { criteria });
      const rejudged = await db
        .update(d)
        .set({ verdictStatus: "pending", verdict: null, verdictAt: null, judgeError: null, judgeAttempts: 0, judgeRetryAt: null, updatedAt: nextUpdatedAt(d, Date.now()) })
        .where(and(eq(d.service, service), gte(d.startedAt, rejudgeSince)))
        .returning({ id: d.id });
      return { service: row, rejudged: rejudged.length };
    });
  }

  private deploymentWhere(filter: Partial<DeploymentFilter>): SQL | undefined {
    const d = this.t.deployments;
    const conditions: (SQL | undefined)[] = [
      filter.service ? eq(d.service, filter.service) : undefined,
      filter.environment ? eq(d.environment, filter.environment) : undefined,
      filter.version ? eq(d.version, filter.version) : undefined,
      filter.status ? eq(d.status, filter.status) : undefined,
      filter.kind ? eq(d.kind, filter.kind) : undefined,
      filter.verdict ? eq(d.verdictStatus, filter.verdict) : undefined,
      // A deploy is in range when it overlaps it: started before `to`, finished (or started) after `from`.
      filter.to !== undefined ? lte(d.startedAt, filter.to) : undefined,
      filter.from !== undefined ? or(gte(d.startedAt, filter.from), gte(d.finishedAt, filter.from)) : undefined,
    ];
    return and(...conditions);
  }

  async deploymentEvents(id: number) {
    const e = this.t.deploymentEvents;
    return this.db.select().from(e).where(eq(e.deploymentId, id)).orderBy(asc(e.ts), asc(e.id));
  }

  async adjacentDeployments(id: number) {
    const d = this.t.deployments;
    const row = await this.getDeployment(id);
    if (!row) return {};
    const same = and(eq(d.service, row.service), eq(d.environment, row.environment));
    const [previous] = await this.db
      .select()
      .from(d)
      .where(and(same, or(lt(d.startedAt, row.startedAt), and(eq(d.startedAt, row.startedAt), lt(d.id, row.id)))))
      .orderBy(desc(d.startedAt), desc(d.id))
      .limit(1);
    const [next] = await this.db
      .select()
      .from(d)
      .where(and(same, or(gt(d.startedAt, row.startedAt), and(eq(d.startedAt, row.startedAt), gt(d.id, row.id)))))
      .orderBy(asc(d.startedAt), asc(d.id))
      .limit(1);
    return { previous, next };
  }

  async upsertRunningVersions(reports: VersionReport[], options: { windowMs: number; detect: DetectDeploy }) {
    const d = this.t.deployments;
    // One order for every writer: two instances locking the same rows in different orders could deadlock.
    const ordered = [...reports].sort((a, b) => compareText(a.service, b.service) || compareText(a.environment, b.environment));
    return this.transaction(async (db) => {
      const changes: VersionChange[] = [];
      const detected: DeploymentRow[] = [];
      for (const report of ordered) {
        const change = await this.applyVersionReport(db, report);
        if (!change) continue;
        changes.push(change);
        const { service, environment, version, since } = change.after;
        const sameVersion = await db
          .select()
          .from(d)
          .where(and(eq(d.service, service), eq(d.environment, environment), eq(d.version, version), lte(d.startedAt, since + options.windowMs)))
          .orderBy(desc(d.startedAt), desc(d.id))
          .limit(5);
        const input = options.detect(change, sameVersion);
        if (input) detected.push(await this.insertDeployment(db, input));
      }
      return { changes, detected };
    });
  }

  /**
   * Applies one report to its row; the change it made, if any. Each write is a compare-and-set
   * on what was read: on PostgreSQL another instance's write in between makes it match nothing
   * (the row is re-read after that writer commits), and the report is applied again to the new row.
   */
  private async applyVersionReport(db: Db, report: VersionReport): Promise<VersionChange | undefined> {
    const r = this.t.runningVersions;
    const key = and(eq(r.service, report.service), eq(r.environment, report.environment));
    for (let attempt = 0; attempt < 5; attempt++) {
      const [before] = await db.select().from(r).where(key).limit(1);
      if (!before) {
        await this.ensureService(db, report.service);
        const [after] = await db
          .insert(r)
          .values({ service: report.service, environment: report.environment, version: report.version, since: report.ts, lastSeen: report.ts })
          .onConflictDoNothing()
          .returning();
        if (after) return { before: undefined, after };
        continue;
      }
      if (report.ts <= before.lastSeen) return undefined;
      const same = before.version === report.version;
      const changes = same ? { lastSeen: report.ts } : { version: report.version, previousVersion: before.version, since: report.ts, lastSeen: report.ts };
      const [after] = await db
        .update(r)
        .set(changes)
        .where(and(key, eq(r.version, before.version), eq(r.lastSeen, before.lastSeen)))
        .returning();
      if (after) return same ? undefined : { before, after };
    }
    // Five writers in a row beat this one to the row: its report is no newer than theirs by much, and the next one applies.
    return undefined;
  }

  async listRunningVersions(filter: { service?: string; environment?: string } = {}) {
    const r = this.t.runningVersions;
    return this.db
      .select()
      .from(r)
      .where(and(filter.service ? eq(r.service, filter.service) : undefined, filter.environment ? eq(r.environment, filter.environment) : undefined))
      .orderBy(asc(r.service), asc(r.environment));
  }

  async setDriftNotified(service: string, environment: string, drift: string | null): Promise<void> {
    const r = this.t.runningVersions;
    await this.transaction((db) => db.update(r).set({ driftNotified: drift }).where(and(eq(r.service, service), eq(r.environment, environment))));
  }

  async latestDeployments(filter: { service?: string; environment?: string; status: string; excludeSource?: string }): Promise<DeploymentRow[]> {
    const d = this.t.deployments;
    const where = and(
      eq(d.status, filter.status),
      filter.service ? eq(d.service, filter.service) : undefined,
      filter.environment ? eq(d.environment, filter.environment) : undefined,
      filter.excludeSource ? ne(d.source, filter.excludeSource) : undefined,
    );
    const latest = this.db
      .select({ service: d.service, environment: d.environment, startedAt: max(d.startedAt).as("latest_started_at") })
      .from(d)
      .where(where)
      .groupBy(d.service, d.environment)
      .as("latest");
    const rows = await this.db
      .select({ deployment: d })
      .from(d)
      .innerJoin(latest, and(eq(d.service, latest.service), eq(d.environment, latest.environment), eq(d.startedAt, latest.startedAt)))
      .where(where);
    // Deploys that started in the same millisecond: the higher id is the later one.
    const byPair = new Map<string, DeploymentRow>();
    for (const { deployment } of rows) {
      const pair = `${deployment.service}\u0000${deployment.environment}`;
      const kept = byPair.get(pair);
      if (!kept || kept.id < deployment.id) byPair.set(pair, deployment);
    }
    return [...byPair.values()].sort((a, b) => compareText(a.service, b.service) || compareText(a.environment, b.environment));
  }

  async addDarkLaunchSamples(samples: DarkLaunchSampleInsert[], darkLaunch: { candidateVersion?: string } = {}): Promise<number> {
    if (samples.length === 0) return 0;
    const { darkLaunchSamples, darkLaunches } = this.t;
    return this.transaction(async (db) => {
      const now = Date.now();
      const changes = { updatedAt: now, ...(darkLaunch.candidateVersion && { candidateVersion: darkLaunch.candidateVersion }) };
      for (const service of new Set(samples.map((s) => s.service))) {
        await this.ensureService(db, service);
        await db.insert(darkLaunches).values({ service, ...changes }).onConflictDoUpdate({ target: darkLaunches.service, set: changes });
      }
      for (let i = 0; i < samples.length; i += 500) await db.insert(darkLaunchSamples).values(samples.slice(i, i + 500));
      return samples.length;
    });
  }

  async listDarkLaunchSamples(service: string, from: number, to: number) {
    const s = this.t.darkLaunchSamples;
    return this.db
      .select()
      .from(s)
      .where(and(eq(s.service, service), gte(s.ts, from), lte(s.ts, to)))
      .orderBy(asc(s.ts));
  }

  async listDarkLaunchFigures(service: string, from: number, to: number): Promise<DarkLaunchFigures[]> {
    const s = this.t.darkLaunchSamples;
    // Only the columns the summary needs: reading paths and JSON diffs of every sample doubles the time of a week's range.
    return this.db
      .select({ ts: s.ts, endpoint: s.endpoint, match: s.match, primaryStatus: s.primaryStatus, candidateStatus: s.candidateStatus, primaryMs: s.primaryMs, candidateMs: s.candidateMs })
      .from(s)
      .where(and(eq(s.service, service), gte(s.ts, from), lte(s.ts, to)))
      .orderBy(asc(s.ts));
  }

  async listDarkLaunchMismatches(service: string, from: number, to: number, limit: number) {
    const s = this.t.darkLaunchSamples;
    return this.db
      .select()
      .from(s)
      .where(and(eq(s.service, service), gte(s.ts, from), lte(s.ts, to), eq(s.match, false)))
      .orderBy(desc(s.ts), desc(s.id))
      .limit(limit);
  }

  async upsertDarkLaunch(service: string, changes: { candidateVersion?: string | null; state?: string }) {
    const { darkLaunches } = this.t;
    const now = Date.now();
    await this.transaction(async (db) => {
      await this.ensureService(db, service);
      await db
        .insert(darkLaunches)
        .values({ service, ...changes, updatedAt: now })
        .onConflictDoUpdate({ target: darkLaunches.service, set: { ...changes, updatedAt: now } });
    });
  }

  async setDarkLaunchReadiness(service: string, readiness: string): Promise<void> {
    const { darkLaunches } = this.t;
    await this.transaction((db) => db.update(darkLaunches).set({ readiness }).where(eq(darkLaunches.service, service)));
  }

  async listDarkLaunches() {
    return this.db.select().from(this.t.darkLaunches).orderBy(asc(this.t.darkLaunches.service));
  }

  async createWebhook(input: WebhookInsert): Promise<WebhookRow> {
    return this.transaction(async (db) => {
      if (input.service) await this.ensureService(db, input.service);
      const [row] = await db.insert(this.t.webhooks).values(input).returning();
      return row;
    });
  }

  async listWebhooks(): Promise<WebhookRow[]> {
    return this.db.select().from(this.t.webhooks).orderBy(asc(this.t.webhooks.id));
  }

  async deleteWebhook(id: number): Promise<boolean> {
    const { webhooks, webhookDeliveries } = this.t;
    return this.transaction(async (db) => {
      await db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.state, "pending")));
      return (await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id })).length > 0;
    });
  }

  async enqueueDeliveries(event: string, service: string, payload: unknown, now: number): Promise<number> {
    const { webhooks, webhookDeliveries } = this.t;
    return this.transaction(async (db) => {
      const targets = (await db.select().from(webhooks).where(or(isNull(webhooks.service), eq(webhooks.service, service)))).filter((w) => w.events.includes(event));
      if (targets.length === 0) return 0;
      await db.insert(webhookDeliveries).values(targets.map((w) => ({ webhookId: w.id, event, service, payload, nextAttemptAt: now, createdAt: now })));
      return targets.length;
    });
  }

  async claimDueDeliveries(now: number, limit: number, holdMs: number): Promise<DueDelivery[]> {
    const { webhooks: w, webhookDeliveries: d } = this.t;
    const isDue = and(eq(d.state, "pending"), lte(d.nextAttemptAt, now));
    return this.transaction(async (db) => {
      const due = (await db.select({ id: d.id }).from(d).where(isDue).orderBy(asc(d.nextAttemptAt), asc(d.id)).limit(limit)).map((r) => r.id);
      if (due.length === 0) return [];
      // The update re-checks that each row is still due: on PostgreSQL a row another instance
      // claimed meanwhile is re-read once its lock is released and no longer matches, so every
      // row goes to one claimant (SQLite's BEGIN IMMEDIATE serialises claims anyway).
      const claimed = await db.update(d).set({ nextAttemptAt: now + holdMs }).where(and(inArray(d.id, due), isDue)).returning({ id: d.id });
      if (claimed.length === 0) return [];
      const rows = await db
        .select({ delivery: d, url: w.url, format: w.format, secret: w.secret })
        .from(d)
        .innerJoin(w, eq(w.id, d.webhookId))
        .where(inArray(d.id, claimed.map((r) => r.id)));
      const position = new Map(due.map((id, i) => [id, i]));
      return rows.map((r) => ({ ...r.delivery, url: r.url, format: r.format, secret: r.secret })).sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    });
  }

  async recordDeliveryAttempt(id: number, result: Pick<WebhookDeliveryRow, "state" | "attempts" | "nextAttemptAt" | "lastStatus" | "lastError" | "deliveredAt">): Promise<void> {
    const d = this.t.webhookDeliveries;
    await this.transaction((db) => db.update(d).set(result).where(eq(d.id, id)));
  }

  async listDeliveries(filter: { service?: string; webhookId?: number; limit: number }): Promise<WebhookDeliveryRow[]> {
    const d = this.t.webhookDeliveries;
    return this.db
      .select()
      .from(d)
      .where(and(filter.service ? eq(d.service, filter.service) : undefined, filter.webhookId !== undefined ? eq(d.webhookId, filter.webhookId) : undefined))
      .orderBy(desc(d.createdAt), desc(d.id))
      .limit(filter.limit);
  }

  async setBuildCommits(buildId: number, commits: BuildCommitRow[]): Promise<void> {
    await this.transaction((db) => this.writeCommits(db, buildId, commits));
  }

  private async writeCommits(db: Db, buildId: number, commits: BuildCommitRow[]): Promise<void> {
    const c = this.t.buildCommits;
    await db.delete(c).where(eq(c.buildId, buildId));
    const rows = commits.map((commit, position) => ({ ...commit, buildId, position }));
    for (let i = 0; i < rows.length; i += 200) await db.insert(c).values(rows.slice(i, i + 200));
  }

  async commitsBetween(service: string, after: { createdAt: number; id: number } | null, upTo: { createdAt: number; id: number }, limit: number) {
    const { builds: b, buildCommits: c } = this.t;
    const afterFrom = after ? or(gt(b.createdAt, after.createdAt), and(eq(b.createdAt, after.createdAt), gt(b.id, after.id))) : undefined;
    const upToHere = or(lt(b.createdAt, upTo.createdAt), and(eq(b.createdAt, upTo.createdAt), lte(b.id, upTo.id)));
    return this.db
      .select({ version: b.version, sha: c.sha, message: c.message, author: c.author, at: c.at })
      .from(c)
      .innerJoin(b, eq(b.id, c.buildId))
      .where(and(eq(b.service, service), afterFrom, upToHere))
      .orderBy(desc(b.createdAt), desc(b.id), asc(c.position))
      .limit(limit);
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    const [row] = await this.db.select().from(this.t.settings).where(eq(this.t.settings.key, key)).limit(1);
    return row?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    const { settings } = this.t;
    await this.transaction((db) => db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }));
  }

  async tryLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const { leases } = this.t;
    const now = Date.now();
    return this.transaction(async (db) => {
      await db
        .insert(leases)
        .values({ name, owner, expiresAt: now + ttlMs })
        .onConflictDoUpdate({
          target: leases.name,
          set: { owner, expiresAt: now + ttlMs },
          setWhere: or(eq(leases.owner, owner), lt(leases.expiresAt, now)),
        });
      const [row] = await db.select().from(leases).where(eq(leases.name, name)).limit(1);
      return row?.owner === owner;
    });
  }

  async createSession(session: SessionRow): Promise<void> {
    const { sessions } = this.t;
    await this.transaction(async (db) => {
      // Expired rows are cleared at each sign-in, so the table holds live sessions only.
      await db.delete(sessions).where(lt(sessions.expiresAt, session.createdAt));
      await db.insert(sessions).values(session);
    });
  }

  async getSession(idHash: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.select().from(this.t.sessions).where(eq(this.t.sessions.idHash, idHash)).limit(1);
    return row;
  }

  async deleteSession(idHash: string): Promise<boolean> {
    const { sessions } = this.t;
    return this.transaction(async (db) => {
      const deleted = await db.delete(sessions).where(eq(sessions.idHash, idHash)).returning({ idHash: sessions.idHash });
      return deleted.length > 0;
    });
  }
}
