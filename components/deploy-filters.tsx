"use client";

import { ENV_COLORS, ROLLBACK_COLOR } from "@/lib/ui/deploy-style";

interface Props {
  environments: string[];
  hiddenEnvironments: Set<string>;
  showRollbacks: boolean;
  showDeploys: boolean;
  onToggleEnvironment: (env: string) => void;
  onToggleKind: (kind: "deploy" | "rollback") => void;
}

/** Checkboxes that show or hide deploy lines per environment and per kind. */
export function DeployFilters({ environments, hiddenEnvironments, showDeploys, showRollbacks, onToggleEnvironment, onToggleKind }: Props) {
  return (
    <fieldset className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
      <legend className="sr-only">deploy lines</legend>
      {environments.map((env) => (
        <label key={env} className="inline-flex items-center gap-1">
          <input type="checkbox" checked={!hiddenEnvironments.has(env)} onChange={() => onToggleEnvironment(env)} data-env-toggle={env} />
          <span className="inline-block h-3 w-1 rounded" style={{ background: ENV_COLORS[env] ?? "#64748b" }} />
          {env}
        </label>
      ))}
      <span className="text-slate-300">|</span>
      <label className="inline-flex items-center gap-1">
        <input type="checkbox" checked={showDeploys} onChange={() => onToggleKind("deploy")} data-kind-toggle="deploy" />
        deploys
      </label>
      <label className="inline-flex items-center gap-1">
        <input type="checkbox" checked={showRollbacks} onChange={() => onToggleKind("rollback")} data-kind-toggle="rollback" />
        <span className="inline-block h-3 w-1 rounded" style={{ background: ROLLBACK_COLOR }} />
        rollbacks
      </label>
    </fieldset>
  );
}
