import type { Metadata } from "next";
import { Link } from "@/components/link";
import { DataTable } from "@/components/data-table";
import { AutoRefresh } from "@/components/auto-refresh";
import { ReadinessBadge } from "@/components/dark-launch/readiness-badge";
import { EmptyState } from "@/components/empty-state";
import { darkLaunchOverviews } from "@/lib/dark-launch/overview";
import { getStore } from "@/lib/store";
import { formatValue, timeAgo } from "@/lib/ui/format";
import { formatRate } from "@/lib/ui/format-rate";
import { CommandExample } from "@/components/command-example";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dark launch" };

export default async function DarkLaunchesPage() {
  const launches = await darkLaunchOverviews(await getStore());
  return (
    <div className="space-y-6">
      <AutoRefresh />
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Dark launch</h1>
        <p className="text-sm text-slate-500">candidates receiving mirrored production traffic · each over its readiness window · refreshes every 15 s</p>
      </div>
      {launches.length === 0 ? (
        <EmptyState title="No dark launches yet">
          <p>
            Put the shadow proxy in front of production: clients get the primary&apos;s answers unchanged, a copy of each request goes to the
            candidate, and the comparisons are reported here.
          </p>
          <CommandExample>
            {`deploylines shadow --service auth --listen 0.0.0.0:8080 \\\n  --primary http://auth-v1.internal:3000 --candidate http://auth-v2.internal:3000 \\\n  --candidate-version 2.0.0-rc.1 --ignore '$.requestId'`}
          </CommandExample>
        </EmptyState>
      ) : (
        <DataTable
          label="dark launches"
          columns={[
            { key: "service", label: "service" },
            { key: "candidate", label: "candidate" },
            { key: "state", label: "state" },
            { key: "mirrored", label: "mirrored", align: "right" },
            { key: "match", label: "match rate", align: "right" },
            { key: "p95", label: "p95 primary → candidate", align: "right" },
            { key: "errors", label: "candidate errors", align: "right" },
            { key: "readiness", label: "readiness" },
            { key: "last", label: "last sample" },
          ]}
          rows={launches.map((d) => ({
            key: d.service,
            attrs: { "data-service": d.service },
            sort: { service: d.service, candidate: d.candidateVersion, state: d.state, mirrored: d.mirrored, match: d.matchRate, p95: d.candidateP95Ms, errors: d.candidateErrorRate, last: d.updatedAt },
            cells: {
              service: (
                <Link href={`/dark-launch/${encodeURIComponent(d.service)}`} className="font-semibold text-indigo-700 hover:underline">
                  {d.service}
                </Link>
              ),
              candidate: <span className="font-mono">{d.candidateVersion ?? <span className="text-slate-400">—</span>}</span>,
              state: <span className="text-slate-600">{d.state}</span>,
              mirrored: d.mirrored.toLocaleString("en-US"),
              match: <span className="font-medium">{formatRate(d.matchRate)}</span>,
              p95: `${formatValue(d.primaryP95Ms, "ms")} → ${formatValue(d.candidateP95Ms, "ms")}`,
              errors: formatRate(d.candidateErrorRate),
              readiness: <ReadinessBadge readiness={d.readiness} />,
              last: <span className="text-slate-500">{timeAgo(d.updatedAt)}</span>,
            },
          }))}
        />
      )}
    </div>
  );
}
