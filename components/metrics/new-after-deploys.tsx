"use client";

import { Link } from "@/components/link";
import type { DeployAppearances } from "@/lib/metrics/first-appearances";
import { timeAgo } from "@/lib/ui/format";
import { LocalTime, useLocalTimeFormat } from "@/components/local-time";

/** For recent deploys, the metrics that first showed up after each: "I added it and it showed up". */
export function NewAfterDeploys({ groups, checked }: { groups: DeployAppearances[]; checked: number }) {
  const localTime = useLocalTimeFormat();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="new-after-deploys">
      <h2 className="font-medium">New metrics after each deploy</h2>
      <p className="text-xs text-slate-500">metrics first seen between a deploy and the next deploy of its service · {checked} deploys in the last 30 days checked</p>
      {groups.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No metric first appeared after a recent deploy.</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {groups.map((g) => (
            <li key={g.deployment.id} data-deploy-group={g.deployment.id} className="text-sm">
              <div className="flex flex-wrap items-baseline gap-2">
                <Link href={`/deployments/${g.deployment.id}`} className="font-medium text-indigo-700 hover:underline">
                  {g.deployment.service} {g.deployment.version}
                </Link>
                <span className="text-slate-500">
                  → {g.deployment.environment} · <LocalTime ts={g.deployment.startedAt} /> ({timeAgo(g.deployment.startedAt)})
                </span>
              </div>
              <ul className="mt-1 flex flex-wrap gap-2">
                {g.metrics.map((m) => (
                  <li key={m.name}>
                    <Link
                      href={`/metrics/chart?m=${encodeURIComponent(m.name)}&service=${encodeURIComponent(g.deployment.service)}&from=-7d&to=now`}
                      className="rounded bg-emerald-50 px-2 py-0.5 font-mono text-xs text-emerald-800 hover:bg-emerald-100"
                      title={`first seen ${localTime(m.firstSeen)}`}
                      data-new-metric={m.name}
                    >
                      {m.name}
                    </Link>
                  </li>
                ))}
                {g.total > g.metrics.length && (
                  <li>
                    <Link href={`/metrics?q=${encodeURIComponent(`${g.deployment.service}.`)}`} className="text-xs text-slate-500 hover:underline">
                      and {(g.total - g.metrics.length).toLocaleString("en-US")} more
                    </Link>
                  </li>
                )}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
