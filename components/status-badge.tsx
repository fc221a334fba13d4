import { STATUS_BADGE } from "@/lib/ui/deploy-style";

// Statuses whose stored name does not read well on its own.
const LABELS: Record<string, string> = { none: "no criteria" };

export function StatusBadge({ status, title }: { status: string; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_BADGE[status] ?? STATUS_BADGE.pending}`}>
      {LABELS[status] ?? status.replace("_", " ")}
    </span>
  );
}
