"use client";

import type { RuleEvidence } from "@/lib/verdicts/judge-rule";
import { formatChange, formatValue } from "@/lib/ui/format";
import { useDeployment } from "./hooks/use-deployment";
import { StatusBadge } from "./status-badge";

/** A deploy's verdict against its service's success criteria, with one row of evidence per rule. */
export function VerdictPanel({ deploymentId }: { deploymentId: number }) {
  const query = useDeployment(deploymentId);
  if (query.error) return <p className="text-sm text-red-600">Could not load the verdict: {query.error.message}</p>;
  if (!query.data) return <p className="text-sm text-slate-400">loading verdict…</p>;
  const verdict = query.data.deployment.verdict;
  const evidence = verdict.evidence as RuleEvidence[];
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2 text-sm">
        verdict <StatusBadge status={verdict.status} title="verdict against the service's success criteria" />
      </div>
      {evidence.length === 0 ? (
        <p className="text-sm text-slate-500">
          {verdict.status === "pending" ? "No evidence yet: the verdict is judged once the window after the deploy closes." : "No rules were judged."}
        </p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-1 pr-3">Metric</th>
              <th className="py-1 pr-3">Rule</th>
              <th className="py-1 pr-3">Before</th>
              <th className="py-1 pr-3">After</th>
              <th className="py-1 pr-3">Change</th>
              <th className="py-1 pr-3">Outcome</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {evidence.map((e) => (
              <tr key={`${e.metric}-${e.rule}`}>
                <td className="py-1 pr-3 font-mono text-xs">{e.metric}</td>
                <td className="py-1 pr-3">{e.rule}</td>
                <td className="py-1 pr-3">{formatValue(e.before)}</td>
                <td className="py-1 pr-3">{formatValue(e.after)}</td>
                <td className="py-1 pr-3">{formatChange(e.changePct)}</td>
                <td className="py-1 pr-3">
                  <StatusBadge status={e.passed === null ? "no_data" : e.passed ? "healthy" : e.severity} title={e.reason} />
                  {e.reason && <span className="ml-2 text-xs text-slate-500">{e.reason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
