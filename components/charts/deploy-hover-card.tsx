import type { DeploymentView } from "@/lib/deploys/present";
import { isDetected } from "@/lib/ui/deploy-style";
import { formatDuration } from "@/lib/time/parse-duration";
import { formatTime } from "@/lib/ui/format";
import { StatusBadge } from "../status-badge";

/** What a developer wants to see when hovering a deploy line. */
export function DeployHoverCard({ deploy }: { deploy: DeploymentView }) {
  const duration = deploy.finishedAt ? formatDuration(deploy.finishedAt - deploy.startedAt) : "in progress";
  return (
    <div className="space-y-1 text-xs">
      <div className="flex items-center gap-2">
        <span className="font-mono text-sm font-semibold">{deploy.version}</span>
        <span className="text-slate-500">→ {deploy.environment}</span>
        {deploy.kind === "rollback" && <StatusBadge status="rollback" />}
        {isDetected(deploy) && <StatusBadge status="detected" title="not recorded: inferred from the version the service reported" />}
      </div>
      <div className="flex flex-wrap gap-1">
        <StatusBadge status={deploy.status} title="deploy status" />
        <StatusBadge status={deploy.verdict.status} title="verdict" />
        {deploy.suspect && <StatusBadge status="failed" title="a metric moved significantly for the worse after this deploy" />}
      </div>
      <div className="text-slate-600">
        {formatTime(deploy.startedAt, true)} · {deploy.strategy} · {duration}
        {deploy.instancesTotal ? ` · ${deploy.instancesDone ?? 0}/${deploy.instancesTotal} instances` : ""}
      </div>
      {deploy.commit && <div className="font-mono text-slate-600">commit {deploy.commit.slice(0, 12)}</div>}
      {deploy.author && <div className="text-slate-600">by {deploy.author}</div>}
      {deploy.previousVersion && <div className="text-slate-600">from {deploy.previousVersion}</div>}
      {deploy.description && <div className="text-slate-700">{deploy.description}</div>}
      {deploy.reason && <div className="text-orange-700">reason: {deploy.reason}</div>}
      {deploy.warnings.map((w) => (
        <div key={w} className="text-amber-700">
          ⚠ {w}
        </div>
      ))}
      <div className="pt-1 text-indigo-600">click to open deploy #{deploy.id}</div>
    </div>
  );
}
