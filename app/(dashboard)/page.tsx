import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { Sparkline } from "@/components/charts/sparkline";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { serviceOverviews } from "@/lib/services/overview";
import { getStore } from "@/lib/store";
import { timeAgo } from "@/lib/ui/format";
import { CommandExample } from "@/components/command-example";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const services = await serviceOverviews(await getStore());
  return (
    <div className="space-y-6">
      <AutoRefresh />
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Services</h1>
        <p className="text-sm text-slate-500">live versions, last deploy and the last 24 h · refreshes every 15 s</p>
      </div>
      {services.length === 0 ? (
        <EmptyState title="No services yet">
          <p>Push a metric or record a deploy and the service appears here:</p>
          <CommandExample>
            {`npx deploylines send auth.api.latency.p95 42\nnpx deploylines deploy --service auth --environment prod --version 1.0.0`}
          </CommandExample>
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {services.map((s) => (
            <section key={s.name} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-service={s.name}>
              <div className="flex items-baseline justify-between gap-2">
                <Link href={`/services/${encodeURIComponent(s.name)}`} className="truncate text-lg font-semibold text-indigo-700 hover:underline">
                  {s.name}
                </Link>
                <span className="text-xs text-slate-500">{s.metricCount} metrics</span>
              </div>
              <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
                {s.live.map((l) => (
                  <div key={l.environment} className="rounded bg-slate-50 px-2 py-1">
                    <dt className="text-xs uppercase tracking-wide text-slate-500">{l.environment}</dt>
                    <dd className="truncate font-mono" title={l.since ? `since ${new Date(l.since).toISOString()}` : undefined}>
                      {l.version ?? <span className="text-slate-400">—</span>}
                    </dd>
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
