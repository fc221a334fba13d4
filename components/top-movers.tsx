import type { MetricImpact } from "@/lib/impact/analyze";
import { formatChange, formatPValue, formatValue } from "@/lib/ui/format";

/** The impact table: one row per metric, in the order the analysis ranks them (regressions first). */
export function TopMovers({ movers }: { movers: MetricImpact[] }) {
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">metric</th>
            <th className="py-1 pr-3 text-right font-medium">median before → after</th>
            <th className="py-1 pr-3 text-right font-medium">change</th>
            <th className="py-1 pr-3 text-right font-medium">p-value</th>
            <th className="py-1 pr-3 font-medium">significant</th>
            <th className="py-1 font-medium">regression</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {movers.map((m) => (
            <tr key={m.metric} data-mover={m.metric} className={m.regression ? "bg-red-50/60" : undefined}>
              <td className="py-1.5 pr-3 font-mono text-xs text-slate-800" title={m.reason}>
                {m.metric}
                {m.reason && <div className="font-sans text-slate-400">{m.reason}</div>}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {formatValue(m.medianBefore)} → {formatValue(m.medianAfter)}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatChange(m.changePct)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatPValue(m.pValue)}</td>
              <td className="py-1.5 pr-3">{m.significant ? <span className="font-medium text-slate-900">yes {m.direction === "up" ? "↑" : "↓"}</span> : <span className="text-slate-400">no</span>}</td>
              <td className="py-1.5">
                {m.regression ? (
                  <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-700">worse</span>
                ) : m.significant && m.polarity !== "unknown" ? (
                  <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700">better</span>
                ) : (
                  <span className="text-slate-400">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
