import { STATUS_BADGE } from "@/lib/ui/deploy-style";

export function StatusBadge({ status, title }: { status: string; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_BADGE[status] ?? STATUS_BADGE.pending}`}>
      {status.replace("_", " ")}
    </span>
  );
}
