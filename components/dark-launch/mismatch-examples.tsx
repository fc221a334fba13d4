import type { MismatchExample } from "@/lib/dark-launch/report";
import type { SampleDiffEntry } from "@/lib/dark-launch/schema";
import { formatValue } from "@/lib/ui/format";
import { LocalTime } from "@/components/local-time";

/** The latest mismatched requests, each with its differences side by side. */
export function MismatchExamples({ examples }: { examples: MismatchExample[] }) {
  if (examples.length === 0) return <p className="py-4 text-center text-sm text-slate-400">no mismatches in this range</p>;
  return (
    <ul className="space-y-3">
      {examples.map((m, i) => (
        <li key={`${m.ts}-${i}`} className="rounded border border-slate-200" data-mismatch>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-slate-100 bg-slate-50 px-2 py-1 text-xs text-slate-600">
            <span className="font-mono text-slate-900">
              {m.method} {m.path}
            </span>
            <span>
              status {m.primaryStatus} → {m.candidateStatus ?? "no answer"}
            </span>
            <span>
              {formatValue(m.primaryMs, "ms")} → {formatValue(m.candidateMs, "ms")}
            </span>
            <span className="ml-auto">
              <LocalTime ts={m.ts} withSeconds />
            </span>
          </div>
          {m.candidateError && <p className="px-2 py-1 text-xs text-red-700">candidate error: {m.candidateError}</p>}
          <DiffTable entries={(m.diff as SampleDiffEntry[] | null) ?? []} />
        </li>
      ))}
    </ul>
  );
}

function DiffTable({ entries }: { entries: SampleDiffEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <table className="w-full table-fixed text-xs">
      <thead className="text-left text-slate-500">
        <tr>
          <th className="w-1/4 px-2 py-1 font-medium">path</th>
          <th className="px-2 py-1 font-medium">primary</th>
          <th className="px-2 py-1 font-medium">candidate</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((d) => (
          <tr key={d.path} className="align-top">
            <td className="break-all px-2 py-1 font-mono text-slate-700">{d.path}</td>
            <td className="break-all bg-emerald-50/60 px-2 py-1 font-mono text-emerald-900">{show("primary" in d, d.primary)}</td>
            <td className="break-all bg-red-50/60 px-2 py-1 font-mono text-red-900">{show("candidate" in d, d.candidate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// JSON keeps "3600" (a string) apart from 3600 (a number): often the whole difference.
function show(present: boolean, value: unknown): string {
  if (!present || value === undefined) return "(missing)";
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
