import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { listRollbacks } from "@/lib/rollbacks/list";
import { median } from "@/lib/stats/quantile";
import { getStore } from "@/lib/store";
import { formatDuration } from "@/lib/time/parse-duration";
import { formatTime, timeAgo } from "@/lib/ui/format";
import { CommandExample } from "@/components/command-example";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Rollbacks" };

type Props = { searchParams: Promise<{ service?: string }> };

export default async function RollbacksPage({ searchParams }: Props) {
  const { service } = await searchParams;
  const rollbacks = await listRollbacks(await getStore(), { service });
  const restoreMedian = median(rollbacks.map((r) => r.timeToRestoreMs).filter((ms): ms is number => ms !== null));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Rollbacks{service ? ` of ${service}` : ""}</h1>
        <p className="text-sm text-slate-500">
          {rollbacks.length} {rollbacks.length === 1 ? "rollback" : "rollbacks"}
          {restoreMedian !== null && ` · median time to restore ${formatDuration(restoreMedian)}`} · time to restore = bad deploy&apos;s start → rollback&apos;s finish
        </p>
      </div>
      {rollbacks.length === 0 ? (
        <EmptyState title="No rollbacks recorded">
          <p>When a deploy goes wrong, roll it back to the last known good version and it is listed here:</p>
          <CommandExample>
            {`npx deploylines rollback --id <deployment id> --reason "errors up after 1.4.0"`}
          </CommandExample>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2">Service</th>
                <th className="px-3 py-2">Environment</th>
                <th className="px-3 py-2">From → to</th>
                <th className="px-3 py-2">Reason</th>
                <th className="px-3 py-2">Who</th>
                <th className="px-3 py-2">When</th>
                <th className="px-3 py-2">Time to restore</th>
                <th className="px-3 py-2">Links</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rollbacks.map((r) => (
                <tr key={r.id} data-rollback-id={r.id} className="align-top">
                  <td className="px-3 py-2 font-medium">{r.service}</td>
                  <td className="px-3 py-2">{r.environment}</td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono" data-versions>
                    <span className="text-red-700">{r.fromVersion ?? "?"}</span> → <span className="text-emerald-700">{r.toVersion}</span>
                    {r.status !== "succeeded" && (
                      <span className="ml-2">
                        <StatusBadge status={r.status} />
                      </span>
                    )}
                  </td>
                  <td className="max-w-xs px-3 py-2 text-slate-700">{r.reason ?? <span className="text-slate-400">no reason given</span>}</td>
                  <td className="px-3 py-2">{r.author ?? "—"}</td>
                  <td className="whitespace-nowrap px-3 py-2" title={formatTime(r.startedAt, true)}>
                    {formatTime(r.startedAt)}
                    <div className="text-xs text-slate-500">{timeAgo(r.startedAt)}</div>
                  </td>
                  <td className="px-3 py-2 font-medium" data-time-to-restore>
                    {r.timeToRestoreMs !== null ? formatDuration(r.timeToRestoreMs) : <span className="text-slate-400">{r.rolledBack ? "in progress" : "unknown"}</span>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-indigo-700">
                    <div className="flex flex-col gap-0.5">
                      {r.rolledBack && (
                        <Link href={`/deployments/${r.rolledBack.id}`} className="hover:underline">
                          bad deploy #{r.rolledBack.id}
                        </Link>
                      )}
                      <Link href={`/deployments/${r.id}`} className="hover:underline">
                        rollback #{r.id}
                      </Link>
                      <Link href={`/services/${encodeURIComponent(r.service)}?from=${r.chart.from}&to=${r.chart.to}`} className="hover:underline">
                        chart around it
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
