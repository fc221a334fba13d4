import { DataTable } from "@/components/data-table";
import type { EndpointSummary } from "@/lib/dark-launch/summary";
import { formatValue } from "@/lib/ui/format";
import { formatRate } from "@/lib/ui/format-rate";

/** Per-endpoint agreement, the endpoints with the most mismatches first. */
export function EndpointTable({ endpoints }: { endpoints: EndpointSummary[] }) {
  if (endpoints.length === 0) return <p className="py-4 text-center text-sm text-slate-400">no mirrored requests in this range</p>;
  return (
    <div data-testid="endpoint-table">
      <DataTable
        bare
        label="endpoints"
        maxHeight="24rem"
        columns={[
          { key: "endpoint", label: "endpoint" },
          { key: "mirrored", label: "mirrored", align: "right" },
          { key: "mismatches", label: "mismatches", align: "right" },
          { key: "match", label: "match rate", align: "right" },
          { key: "p95p", label: "p95 primary", align: "right" },
          { key: "p95c", label: "p95 candidate", align: "right" },
        ]}
        rows={endpoints.map((e) => {
          const mismatches = e.mirrored - e.matched;
          return {
            key: e.endpoint,
            attrs: { "data-endpoint": e.endpoint },
            sort: { endpoint: e.endpoint, mirrored: e.mirrored, mismatches, match: e.matchRate, p95p: e.primaryP95Ms, p95c: e.candidateP95Ms },
            cells: {
              endpoint: <span className="font-mono text-xs text-slate-800">{e.endpoint}</span>,
              mirrored: e.mirrored.toLocaleString("en-US"),
              mismatches: <span className={mismatches > 0 ? "font-medium text-red-700" : "text-slate-500"}>{mismatches.toLocaleString("en-US")}</span>,
              match: formatRate(e.matchRate),
              p95p: formatValue(e.primaryP95Ms, "ms"),
              p95c: formatValue(e.candidateP95Ms, "ms"),
            },
          };
        })}
      />
    </div>
  );
}
