import type { Metadata } from "next";
import Link from "next/link";
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
            {`npx deploylines shadow --service auth --listen 0.0.0.0:8080 \\\n  --primary http://auth-v1.internal:3000 --candidate http://auth-v2.internal:3000 \\\n  --candidate-version 2.0.0-rc.1 --ignore '$.requestId'`}
          </CommandExample>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">service</th>
                <th className="px-3 py-2 font-medium">candidate</th>
                <th className="px-3 py-2 font-medium">state</th>
                <th className="px-3 py-2 text-right font-medium">mirrored</th>
                <th className="px-3 py-2 text-right font-medium">match rate</th>
                <th className="px-3 py-2 text-right font-medium">p95 primary → candidate</th>
                <th className="px-3 py-2 text-right font-medium">candidate errors</th>
                <th className="px-3 py-2 font-medium">readiness</th>
                <th className="px-3 py-2 font-medium">last sample</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {launches.map((d) => (
                <tr key={d.service} data-service={d.service}>
                  <td className="px-3 py-2">
                    <Link href={`/dark-launch/${encodeURIComponent(d.service)}`} className="font-semibold text-indigo-700 hover:underline">
                      {d.service}
                    </Link>
                  </td>
                  <td className="px-3 py-2 font-mono">{d.candidateVersion ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-3 py-2 text-slate-600">{d.state}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{d.mirrored.toLocaleString("en-US")}</td>
                  <td className="px-3 py-2 text-right font-medium tabular-nums">{formatRate(d.matchRate)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatValue(d.primaryP95Ms, "ms")} → {formatValue(d.candidateP95Ms, "ms")}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatRate(d.candidateErrorRate)}</td>
                  <td className="px-3 py-2">
                    <ReadinessBadge readiness={d.readiness} />
                  </td>
                  <td className="px-3 py-2 text-slate-500">{timeAgo(d.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
