import type { ReadinessVerdict } from "@/lib/dark-launch/readiness";

const STYLE: Record<ReadinessVerdict["status"], string> = {
  ready: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  not_ready: "bg-red-50 text-red-700 ring-red-200",
  insufficient_data: "bg-slate-100 text-slate-600 ring-slate-300",
};

const LABEL: Record<ReadinessVerdict["status"], string> = {
  ready: "ready",
  not_ready: "not ready",
  insufficient_data: "not enough data",
};

export function ReadinessBadge({ readiness, large = false }: { readiness: ReadinessVerdict; large?: boolean }) {
  return (
    <span
      data-readiness={readiness.status}
      title={readiness.reasons.join("\n")}
      className={`inline-flex items-center rounded font-medium ring-1 ring-inset ${large ? "px-2 py-1 text-sm" : "px-1.5 py-0.5 text-xs"} ${STYLE[readiness.status]}`}
    >
      {LABEL[readiness.status]}
    </span>
  );
}
