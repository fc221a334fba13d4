import { BAD_COLOR, DEGRADED_COLOR, ENV_COLORS, ROLLBACK_COLOR } from "@/lib/ui/deploy-style";

/** What each colour and mark on the charts means; one per page, above its charts. */
export function DeployLegend({ environments }: { environments: string[] }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="chart legend" data-legend>
      {environments.map((env) => (
        <li key={env} className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 border-l" style={{ borderColor: ENV_COLORS[env] ?? "#64748b" }} />
          deploy to {env}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-3 border-l-2 border-dashed" style={{ borderColor: BAD_COLOR }} />
        failed or rolled back
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-3 border-l-2 border-dashed" style={{ borderColor: ROLLBACK_COLOR }} />
        rollback
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-3 border-l-2" style={{ borderColor: DEGRADED_COLOR }} />
        degraded verdict
      </li>
      <li className="flex items-center gap-1.5" data-legend-detected>
        <span aria-hidden className="relative inline-block h-3 border-l-2 border-dotted" style={{ borderColor: ENV_COLORS.prod }}>
          <span className="absolute -top-0.5 -left-[5px] h-2 w-2 rounded-full border-2 bg-white" style={{ borderColor: ENV_COLORS.prod }} />
        </span>
        detected: the service reported a new version and no deploy of it was recorded
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-3 w-4 opacity-20" style={{ background: ENV_COLORS.prod }} />
        rolling deploy, start → finish
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="inline-flex h-2.5 w-4 items-center justify-center rounded-[2px] text-[8px] font-semibold" style={{ background: ENV_COLORS.prod, color: "#fff" }}>
          7
        </span>
        deploys too close to draw apart (top strip, a lane per environment; hover or click to list)
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="text-amber-700">⚠</span>
        skipped promotion order
      </li>
    </ul>
  );
}
