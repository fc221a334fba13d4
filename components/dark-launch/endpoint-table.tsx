import type { EndpointSummary } from "@/lib/dark-launch/summary";
import { formatValue } from "@/lib/ui/format";
import { formatRate } from "@/lib/ui/format-rate";

/** Per-endpoint agreement, the endpoints with the most mismatches first. */
export function EndpointTable({ endpoints }: { endpoints: EndpointSummary[] }) {
  if (endpoints.length === 0) return <p className="py-4 text-center text-sm text-slate-400">no mirrored requests in this range</p>;
  return (
    <table className="w-full text-sm" data-testid="endpoint-table">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-2 font-medium">endpoint</th>
          <th className="py-1 pr-2 text-right font-medium">mirrored</th>
          <th className="py-1 pr-2 text-right font-medium">mismatches</th>
          <th className="py-1 pr-2 text-right font-medium">match rate</th>
          <th className="py-1 pr-2 text-right font-medium">p95 primary</th>
          <th className="py-1 text-right font-medium">p95 candidate</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {endpoints.map((e) => {
          const mismatches = e.mirrored - e.matched;
          return (
            <tr key={e.endpoint} data-endpoint={e.endpoint}>
              <td className="py-1 pr-2 font-mono text-xs text-slate-800">{e.endpoint}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{e.mirrored.toLocaleString("en-US")}</td>
              <td className={`py-1 pr-2 text-right tabular-nums ${mismatches > 0 ? "font-medium text-red-700" : "text-slate-500"}`}>{mismatches.toLocaleString("en-US")}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{formatRate(e.matchRate)}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{formatValue(e.primaryP95Ms, "ms")}</td>
              <td className="py-1 text-right tabular-nums">{formatValue(e.candidateP95Ms, "ms")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
