import type { Metadata } from "next";
import { Link } from "@/components/link";
import { DataTable, type DataColumn } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { listRollbacks } from "@/lib/rollbacks/list";
import { median } from "@/lib/stats/quantile";
import { getStore } from "@/lib/store";
import { formatDuration } from "@/lib/time/parse-duration";
import { timeAgo } from "@/lib/ui/format";
import { CommandExample } from "@/components/command-example";
import { LocalTime } from "@/components/local-time";

export const dynamic = "force-dynamic";

const COLUMNS: DataColumn[] = [
  { key: "service", label: "Service" },
  { key: "environment", label: "Environment" },
  { key: "versions", label: "From → to" },
  { key: "reason", label: "Reason", className: "max-w-xs" },
  { key: "who", label: "Who" },
  { key: "when", label: "When" },
  { key: "restore", label: "Time to restore" },
  { key: "links", label: "Links" },
];
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
            {`deploylines rollback --id <deployment id> --reason "errors up after 1.4.0"`}
          </CommandExample>
        </EmptyState>
      ) : (
        <DataTable
          label="rollbacks"
          columns={COLUMNS}
          defaultSort={{ key: "when", dir: "desc" }}
          rows={rollbacks.map((r) => ({
            key: r.id,
            attrs: { "data-rollback-id": r.id },
            className: "align-top",
            sort: { service: r.service, environment: r.environment, who: r.author, when: r.startedAt, restore: r.timeToRestoreMs },
            cells: {
              service: <span className="font-medium">{r.service}</span>,
              environment: r.environment,
              versions: (
                <span className="whitespace-nowrap font-mono" data-versions>
                  <span className="text-red-700">{r.fromVersion ?? "?"}</span> → <span className="text-emerald-700">{r.toVersion}</span>
                  {r.status !== "succeeded" && (
                    <span className="ml-2">
                      <StatusBadge status={r.status} />
                    </span>
                  )}
                </span>
              ),
              reason: r.reason ?? <span className="text-slate-400">no reason given</span>,
              who: r.author ?? "—",
              when: (
                <span className="whitespace-nowrap">
                  <LocalTime ts={r.startedAt} />
                  <span className="block text-xs text-slate-500">{timeAgo(r.startedAt)}</span>
                </span>
              ),
              restore: (
                <span className="font-medium" data-time-to-restore>
                  {r.timeToRestoreMs !== null ? formatDuration(r.timeToRestoreMs) : <span className="text-slate-400">{r.rolledBack ? "in progress" : "unknown"}</span>}
                </span>
              ),
              links: (
                <span className="flex flex-col gap-0.5 whitespace-nowrap text-indigo-700">
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
                </span>
              ),
            },
          }))}
        />
      )}
    </div>
  );
}
