import { Link } from "@/components/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { Sparkline } from "@/components/charts/sparkline";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { healthRank } from "@/lib/services/health";
import { serviceOverviews, type ServiceOverview } from "@/lib/services/overview";
import { getStore } from "@/lib/store";
import { timeAgo } from "@/lib/ui/format";
import { CommandExample } from "@/components/command-example";
import { DriftBadge, driftTitle } from "@/components/drift-badge";

export const dynamic = "force-dynamic";

const HEALTH_BADGE = { failing: "failed", degraded: "degraded", deploying: "in_progress" } as const;

type Props = { searchParams: Promise<{ q?: string; sort?: string; failing?: string; drifting?: string }> };

const SORTS = { health: "health (worst first)", last: "last deploy (newest first)", name: "name" } as const;

export default async function OverviewPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = (params.q ?? "").trim().toLowerCase();
  const sort = params.sort && params.sort in SORTS ? (params.sort as keyof typeof SORTS) : "name";
  const failingOnly = params.failing === "1";
  const driftingOnly = params.drifting === "1";
  const all = await serviceOverviews(await getStore());
  const shown = all
    .filter((s) => (!q || s.name.toLowerCase().includes(q)) && (!failingOnly || s.health === "failing") && (!driftingOnly || s.drift.some((v) => v.drift)))
    .sort((a, b) =>
      sort === "health"
        ? healthRank(a.health) - healthRank(b.health) || a.name.localeCompare(b.name)
        : sort === "last"
          ? (b.lastDeploy?.startedAt ?? 0) - (a.lastDeploy?.startedAt ?? 0)
          : a.name.localeCompare(b.name),
    );
  return (
    <div className="space-y-6">
      <AutoRefresh />
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Services</h1>
        <p className="text-sm text-slate-500">live versions, last deploy and the last 24 h · refreshes every 15 s</p>
      </div>
      {all.length > 0 && (
        <form action="/" className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" aria-label="find services">
          <input name="q" defaultValue={params.q ?? ""} placeholder="search services" aria-label="search services" className="w-56 rounded border border-slate-300 bg-white px-2 py-1" />
          <label className="inline-flex items-center gap-1 text-slate-600">
            sort by
            <select name="sort" defaultValue={sort} className="rounded border border-slate-300 bg-white px-1.5 py-1">
              {Object.entries(SORTS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-flex items-center gap-1 text-slate-600">
            <input type="checkbox" name="failing" value="1" defaultChecked={failingOnly} data-filter="failing" />
            failing only
          </label>
          <label className="inline-flex items-center gap-1 text-slate-600" title="running a version other than the last recorded deploy's, for longer than the grace (DEPLOYLINES_DRIFT_GRACE)">
            <input type="checkbox" name="drifting" value="1" defaultChecked={driftingOnly} data-filter="drifting" />
            drifting only
          </label>
          <button type="submit" className="rounded bg-indigo-600 px-3 py-1 font-medium text-white">
            Apply
          </button>
          <span className="ml-auto text-slate-500" data-testid="service-count">
            {shown.length === all.length ? "" : `${shown.length} of `}
            {`${all.length} service${all.length === 1 ? "" : "s"}`}
          </span>
        </form>
      )}
      {all.length > 0 && shown.length === 0 ? (
        <EmptyState title="No service matches">
          <Link href="/" className="text-indigo-700 hover:underline">
            show all services
          </Link>
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title="No services yet">
          <p>Push a metric or record a deploy and the service appears here:</p>
          <CommandExample>
            {`deploylines send auth.api.latency.p95 42\ndeploylines deploy --service auth --environment prod --version 1.0.0`}
          </CommandExample>
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {shown.map((s) => (
            <section key={s.name} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-service={s.name} data-health={s.health}>
              <div className="flex items-baseline justify-between gap-2">
                <Link href={`/services/${encodeURIComponent(s.name)}`} className="truncate text-lg font-semibold text-indigo-700 hover:underline">
                  {s.name}
                </Link>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  {s.health !== "healthy" && s.health !== "unknown" && <StatusBadge status={HEALTH_BADGE[s.health]} title="the worst of the latest deploys per environment" />}
                  {s.metricCount} metric{s.metricCount === 1 ? "" : "s"}
                  {s.seriesCount > s.metricCount && ` · ${s.seriesCount} series`}
                </span>
              </div>
              <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
                {environmentsOf(s).map(({ environment, live, running }) => (
                  <div key={environment} className="rounded bg-slate-50 px-2 py-1">
                    <dt className="flex items-center justify-between gap-1 text-xs uppercase tracking-wide text-slate-500">
                      {environment}
                      {running && <DriftBadge view={running} />}
                    </dt>
                    <dd className="truncate font-mono" title={live?.since ? `since ${new Date(live.since).toISOString()}` : undefined}>
                      {live?.version ?? <span className="text-slate-400">—</span>}
                    </dd>
                    {running && running.running !== live?.version && (
                      <dd className="truncate text-xs text-slate-500" title={driftTitle(running)}>
                        runs <span className="font-mono">{running.running}</span>
                      </dd>
                    )}
                  </div>
                ))}
              </dl>
              {s.inProgress.map((d) => (
                <div key={d.id} className="mt-3 rounded border border-sky-200 bg-sky-50 px-2 py-1 text-sm text-sky-800">
                  <Link href={`/deployments/${d.id}`} className="font-medium hover:underline">
                    deploying {d.version} → {d.environment}
                  </Link>
                  {d.instancesTotal ? (
                    <span className="ml-2">
                      {d.instancesDone ?? 0}/{d.instancesTotal} instances
                      <span className="ml-2 inline-block h-1.5 w-24 overflow-hidden rounded bg-sky-100 align-middle">
                        <span className="block h-full bg-sky-500" style={{ width: `${(100 * (d.instancesDone ?? 0)) / d.instancesTotal}%` }} />
                      </span>
                    </span>
                  ) : null}
                </div>
              ))}
              <div className="mt-3 text-sm text-slate-600">
                {s.lastDeploy ? (
                  <span className="flex flex-wrap items-center gap-2">
                    last deploy
                    <Link href={`/deployments/${s.lastDeploy.id}`} className="font-mono text-slate-900 hover:underline">
                      {s.lastDeploy.version} → {s.lastDeploy.environment}
                    </Link>
                    <StatusBadge status={s.lastDeploy.kind === "rollback" ? "rollback" : s.lastDeploy.status} />
                    <StatusBadge status={s.lastDeploy.verdict.status} title="verdict against the service's success criteria" />
                    <span className="text-slate-500">{timeAgo(s.lastDeploy.startedAt)}</span>
                  </span>
                ) : (
                  <span className="text-slate-400">no deploys recorded</span>
                )}
              </div>
              <div className="mt-2">
                {s.sparkline ? (
                  <>
                    <Sparkline points={s.sparkline.points} deploys={s.sparkDeploys} />
                    <div className="text-xs text-slate-500">{s.sparkline.metric}, last 24 h</div>
                  </>
                ) : (
                  <div className="text-xs text-slate-400">no metrics yet</div>
                )}
              </div>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

/** The environments of a card: those of the promotion order, then any other one the service reported its version in. */
function environmentsOf(s: ServiceOverview) {
  const running = new Map(s.drift.map((v) => [v.environment, v]));
  const listed = s.live.map((live) => ({ environment: live.environment, live, running: running.get(live.environment) }));
  const others = s.drift.filter((v) => !s.live.some((l) => l.environment === v.environment)).map((v) => ({ environment: v.environment, live: undefined, running: v }));
  return [...listed, ...others];
}
